import type { ModuleDefinition } from '../../platform/module.js';

/** Accessibility statement, cookies, /healthz and the time-out warning's keep-alive. */
export const pagesModule: ModuleDefinition = {
  name: 'pages',
  routes: async ({ db, config }) => {
    const { pagesRoutes } = await import('./routes.js');
    const { sessionRoutes } = await import('./session-routes.js');
    return [pagesRoutes({ db, config }), sessionRoutes()];
  },
};
