import type { ModuleDefinition } from '../../platform/module.js';
import { contributeActionPlans } from './contributions.js';
import { evidenceRoutes } from './evidence-routes.js';
import { portalActionRoutes } from './portal.js';
import { actionPlanRoutes } from './routes.js';

/** Provider action plans: items, status history, RAG, evidence from the setting, CSV. */
export { actionAreas, dueWeekOptions, type ActionArea } from './areas.js';
export { ragFor } from './presenters.js';
export { actionStatusLabels, addItems, itemsFor, openItems, updateItem } from './repository.js';

export const actionPlansModule: ModuleDefinition = {
  name: 'action-plans',
  routes: ({ db, clock, config }) => [actionPlanRoutes({ db, clock }), evidenceRoutes({ db, clock, uploadsDir: config.uploadsDir }), portalActionRoutes({ db, clock })],
  contribute: contributeActionPlans,
};
