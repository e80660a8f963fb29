import type { ModuleDefinition } from '../../platform/module.js';
import { auditLogRoutes } from './routes.js';

/** The append-only audit log: every module writes to it; admins search it. */
export { appendAudit, appendAuthAudit, escapeLike } from './repository.js';

export const auditLogModule: ModuleDefinition = {
  name: 'audit-log',
  routes: ({ db, clock }) => [auditLogRoutes({ db, clock })],
  navigation: [{ text: 'Audit log', href: '/audit-log', permission: 'audit-log:view', order: 150 }],
};
