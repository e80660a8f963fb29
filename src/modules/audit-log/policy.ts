import type { Permission } from '../../platform/permissions.js';

export const auditLogPolicy = {
  /** search and export the audit log of the user's own local authority */
  view: 'audit-log:view' as const satisfies Permission,
};
