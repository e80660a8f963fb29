import type { ModuleDefinition } from '../../platform/module.js';
import { contributeActionPlanFigures } from './report-figures.js';
import { contributeActionPlans } from './contributions.js';

/** Provider action plans: items, status history, RAG, evidence from the setting, CSV. */
export { actionAreas, dueWeekOptions, type ActionArea } from './areas.js';
export { ragFor } from './presenters.js';
export { actionStatusLabels, addItems, itemsFor, openItems, updateItem } from './repository.js';

export const actionPlansModule: ModuleDefinition = {
  name: 'action-plans',
  routes: async ({ db, clock, config }) => {
    const { actionPlanRoutes } = await import('./routes.js');
    const { evidenceRoutes } = await import('./evidence-routes.js');
    const { portalActionRoutes } = await import('./portal.js');
    return [actionPlanRoutes({ db, clock }), evidenceRoutes({ db, clock, uploadsDir: config.uploadsDir }), portalActionRoutes({ db, clock })];
  },
  contribute: () => {
    contributeActionPlans();
    contributeActionPlanFigures();
  },
};
