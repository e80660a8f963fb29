import type { ModuleDefinition } from '../../platform/module.js';
import { contributePathwayFigures } from './report-figures.js';
import { contributePathways } from './contributions.js';
import { contributePortalSupport } from './portal.js';
import { contributeCaseload } from './team.js';

/**
 * Support pathways: templates, the engine that starts, switches and closes them on new Ofsted facts
 * (it listens to `register.changes-recorded`; `register.providers-moved` hands over the casework of a provider that moved), allocation, visit plans and booking visits, the Team
 * page. Announces `pathway.closed`, `pathway.insufficient-improvement`, `visit.booked` and `visit.cancelled`.
 */
export { runPathwayEngine } from './engine.js';
export { handOverMovedProviders } from './moves.js';
export { pathwayFilters, visitName, visitTypeLabels } from './presenters.js';
export { allocatableStaff, providerVisits } from './repository.js';
export { accompanyingItems, bookSchema, durations, startTimes } from './schemas.js';
export { allocate, bookVisit, cancelVisit, close, startFromLatestOutcomes, type Booking } from './service.js';
export { PathwayWrites, saveWrites } from './writes.js';
export { teamPage } from './team.js';

export const pathwaysModule: ModuleDefinition = {
  name: 'pathways',
  routes: async ({ db, clock }) => {
    const { pathwayRoutes } = await import('./routes.js');
    const { templateRoutes } = await import('./template-routes.js');
    const { termRoutes } = await import('./term-routes.js');
    const { teamRoutes } = await import('./team.js');
    const { portalSupportRoutes } = await import('./portal.js');
    const { programmeRoutes } = await import('./programme-routes.js');
    return [pathwayRoutes({ db, clock }), templateRoutes({ db, clock }), termRoutes({ db, clock }), teamRoutes({ db, clock }), portalSupportRoutes({ db, clock }), programmeRoutes({ db, clock })];
  },
  navigation: [
    { text: 'Team', href: '/team', permission: 'team:view', order: 50 },
    { text: 'Pathway templates', href: '/pathway-templates', permission: 'templates:manage', order: 110, group: 'Templates and rules', description: 'The steps, deadlines and visit plans of each support pathway.' },
  ],
  contribute: () => {
    contributePathways();
    contributeCaseload();
    contributePortalSupport();
    contributePathwayFigures();
  },
};
