import type { ModuleDefinition } from '../../platform/module.js';
import { contributePortalReturn } from './portal.js';

/** Sufficiency: registered places by ward and age band against the child population, the LA's threshold, termly vacancy returns, the childcare sufficiency assessment. */
export { sufficiencyFigures, type SufficiencyFigures } from './service.js';
export { remindVacancyReturns } from './return-reminders.js';

export const sufficiencyModule: ModuleDefinition = {
  name: 'sufficiency',
  routes: async ({ db, clock }) => {
    const { sufficiencyRoutes } = await import('./routes.js');
    const { returnsRoutes } = await import('./returns-routes.js');
    const { portalReturnRoutes } = await import('./portal.js');
    const { takeUpRoutes } = await import('./take-up-routes.js');
    return [sufficiencyRoutes({ db, clock }), returnsRoutes({ db, clock }), portalReturnRoutes({ db, clock }), takeUpRoutes({ db, clock })];
  },
  navigation: [{ text: 'Sufficiency', href: '/sufficiency', permission: 'sufficiency:view', order: 94, group: 'Sufficiency and strategy', description: 'Places per 100 children by ward, vacancies, termly returns and the sufficiency assessment.' }],
  contribute: contributePortalReturn,
};
