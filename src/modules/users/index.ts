import type { ModuleDefinition } from '../../platform/module.js';
import { usersRoutes } from './routes.js';

/** User administration (admins). */
export const usersModule: ModuleDefinition = {
  name: 'users',
  routes: ({ db, clock }) => [usersRoutes({ db, clock })],
  navigation: [{ text: 'Users', href: '/users', permission: 'users:manage', order: 140 }],
};
