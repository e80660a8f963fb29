import type { ModuleDefinition } from '../../platform/module.js';
import { homeRoutes } from './routes.js';

/** The home page for each role. */
export const homeModule: ModuleDefinition = {
  name: 'home',
  routes: () => [homeRoutes()],
  navigation: [{ text: 'Home', href: '/', permission: 'home:view', order: 10 }],
};
