import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';

/** User administration (admins). */
export { createAdmin, type CreateAdminResult } from './first-admin.js';
export const usersModule: ModuleDefinition = {
  name: 'users',
  routes: async ({ db, clock }) => {
    const { usersRoutes } = await import('./routes.js');
    return [usersRoutes({ db, clock })];
  },
  navigation: [{ text: 'Users', href: '/users', permission: 'users:manage', order: 140, group: 'People, e-mails and the audit log', description: 'Who can sign in, and their roles.' }],
  contribute: () => auditRecordKinds.add('user', { type: 'user', label: 'User', href: (id) => `/users/${id}` }),
};
