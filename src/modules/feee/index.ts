import type { ModuleDefinition } from '../../platform/module.js';
import { contributeFeee } from './contributions.js';
import { feeeRoutes } from './routes.js';

/** FEEE audits: funded children, sampling, checks, findings, outcome, report, retention job. */
export { deleteExpiredChildRecords } from './service.js';

export const feeeModule: ModuleDefinition = {
  name: 'feee',
  routes: ({ db, clock }) => [feeeRoutes({ db, clock })],
  contribute: contributeFeee,
};
