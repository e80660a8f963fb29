import type { Permission } from '../../platform/permissions.js';

export const importPolicy = {
  /** upload Ofsted files and see the import history (admins and Senior Improvement Advisers) */
  manage: 'imports:manage' as const satisfies Permission,
  /** the "Changes from Ofsted" list */
  changes: 'changes:view' as const satisfies Permission,
};
