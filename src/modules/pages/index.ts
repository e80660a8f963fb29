import type { ModuleDefinition } from '../../platform/module.js';
import { pagesRoutes } from './routes.js';

/** Accessibility statement, cookies and /healthz. */
export const pagesModule: ModuleDefinition = {
  name: 'pages',
  routes: ({ db }) => [pagesRoutes({ db })],
};
