import type { ModuleDefinition } from '../../platform/module.js';
import { contributeFeeeFigures } from './report-figures.js';
import { contributeFeee } from './contributions.js';

/** FEEE audits: funded children, sampling, checks, findings, outcome, report, retention job. */
export { deleteExpiredChildRecords } from './retention.js';

export const feeeModule: ModuleDefinition = {
  name: 'feee',
  routes: async ({ db, clock }) => {
    const { feeeRoutes } = await import('./routes.js');
    return [feeeRoutes({ db, clock })];
  },
  contribute: () => {
    contributeFeee();
    contributeFeeeFigures();
  },
};
