import type { ModuleDefinition } from '../../platform/module.js';

/** The append-only audit log: every module writes to it; admins search it. */
export { appendAudit, appendAuthAudit, escapeLike } from './repository.js';
export { auditRecordKinds, type RecordKind } from './record-kinds.js';

export const auditLogModule: ModuleDefinition = {
  name: 'audit-log',
  routes: async ({ db, clock }) => {
    const { auditLogRoutes } = await import('./routes.js');
    return [auditLogRoutes({ db, clock })];
  },
  navigation: [{ text: 'Audit log', href: '/audit-log', permission: 'audit-log:view', order: 150, group: 'People, e-mails and the audit log', description: 'Every change and every read of personal data.' }],
};
