import type { ModuleDefinition } from '../../platform/module.js';

/** Sign-in, sign-out, sessions and changing one's own password. */
export { forgetUserSessions } from './session-cache.js';
export { loadSession, type AuthDeps } from './service.js';

export const authModule: ModuleDefinition = {
  name: 'auth',
  routes: async ({ db, clock, config }) => {
    const { authRoutes } = await import('./routes.js');
    return [authRoutes({ db, clock, config, auth: { db, clock, config } })];
  },
};
