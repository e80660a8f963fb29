import type { ModuleDefinition } from '../../platform/module.js';
import { contributeFundingFigures } from './report-figures.js';
import { contributeFunding } from './contributions.js';

/** Funding eligibility: rules, per-LA settings, the engine that proposes decisions (it listens to `register.changes-recorded`, `pathway.closed` and `pathway.insufficient-improvement`), confirm/override, letters. */
export { onInsufficientImprovement, onPathwayClosed, proposeFunding, runFundingEngine, type FundingTrigger } from './engine.js';
export { rulesFor } from './repository.js';
export { streamLabels, type FundingRules, type Stream } from './rules.js';

export const fundingModule: ModuleDefinition = {
  name: 'funding',
  routes: async ({ db, clock }) => {
    const { fundingRoutes } = await import('./routes.js');
    return [fundingRoutes({ db, clock })];
  },
  navigation: [
    { text: 'Funding', href: '/funding', permission: 'funding:view', order: 90 },
    { text: 'Funding rules', href: '/funding/rules', permission: 'funding:decide', order: 125, group: 'Templates and rules', description: 'How Ofsted outcomes decide funding, and how long child records are kept.' },
  ],
  contribute: () => {
    contributeFunding();
    contributeFundingFigures();
  },
};
