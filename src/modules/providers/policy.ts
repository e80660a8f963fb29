import type { Permission } from '../../platform/permissions.js';

export const providersPolicy = {
  /** the register, provider pages and CSV export (staff of the provider's local authority) */
  view: 'providers:view' as const satisfies Permission,
  /** record an inspection outcome or enforcement event by hand */
  record: 'providers:record' as const satisfies Permission,
};
