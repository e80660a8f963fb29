import type { ModuleDefinition } from '../../platform/module.js';

/** The one task table: rows other modules' rules write, their SLA state, My work (built from other modules' sections) and ticking a task off. */
export { workPage, type TaskKind } from './page.js';
export { tasksPolicy } from './policy.js';
export { ownerRoleLabels, taskHref, withSla } from './presenters.js';
export { myQueues, overdueTasks, queueCounts, queueTasks, slaBreaches } from './repository.js';
export { enqueueTask, saveTasks, taskRow, type QueuedTask } from './writes.js';

export const tasksModule: ModuleDefinition = {
  name: 'tasks',
  routes: async ({ db, clock }) => {
    const { tasksRoutes } = await import('./routes.js');
    return [tasksRoutes({ db, clock })];
  },
  navigation: [{ text: 'My work', href: '/my-work', permission: 'work:view', order: 30 }],
};
