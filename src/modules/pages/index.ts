import type { ModuleDefinition } from '../../platform/module.js';

/** Accessibility statement, cookies and /healthz. */
export const pagesModule: ModuleDefinition = {
  name: 'pages',
  routes: async ({ db, config }) => {
    const { pagesRoutes } = await import('./routes.js');
    return [pagesRoutes({ db, dataDir: config.dataDir })];
  },
};
