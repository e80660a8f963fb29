import type { Permission } from '../../platform/permissions.js';

export const organisationPolicy = {
  /** teams, job titles and who holds them (admins) */
  manage: 'organisation:manage' as const satisfies Permission,
};
