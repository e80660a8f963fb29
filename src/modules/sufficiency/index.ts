import type { ModuleDefinition } from '../../platform/module.js';

/** Sufficiency: registered places by ward and age band against the child population, the LA's threshold, the childcare sufficiency assessment. */
export { sufficiencyFigures, type SufficiencyFigures } from './service.js';

export const sufficiencyModule: ModuleDefinition = {
  name: 'sufficiency',
  routes: async ({ db, clock }) => {
    const { sufficiencyRoutes } = await import('./routes.js');
    return [sufficiencyRoutes({ db, clock })];
  },
  navigation: [{ text: 'Sufficiency', href: '/sufficiency', permission: 'sufficiency:view', order: 94 }],
};
