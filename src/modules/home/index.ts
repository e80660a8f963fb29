import type { ModuleDefinition } from '../../platform/module.js';

/** The home page for each role. */
export const homeModule: ModuleDefinition = {
  name: 'home',
  routes: async () => {
    const { homeRoutes } = await import('./routes.js');
    return [homeRoutes()];
  },
  navigation: [{ text: 'Home', href: '/', permission: 'home:view', order: 10 }],
};
