import type { ModuleDefinition } from '../../platform/module.js';
import { tasksRoutes } from './routes.js';

/** The one task table: rows other modules' rules write, their SLA state, My work (built from other modules' sections) and ticking a task off. */
export { workPage, type TaskKind } from './page.js';
export { tasksPolicy } from './policy.js';
export { ownerRoleLabels, taskHref, withSla } from './presenters.js';
export { overdueTasks, slaBreaches } from './repository.js';
export { saveTasks, taskRow } from './writes.js';

export const tasksModule: ModuleDefinition = {
  name: 'tasks',
  routes: ({ db, clock }) => [tasksRoutes({ db, clock })],
  navigation: [{ text: 'My work', href: '/my-work', permission: 'work:view', order: 30 }],
};
