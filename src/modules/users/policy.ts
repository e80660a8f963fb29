import type { Permission } from '../../platform/permissions.js';
import type { CurrentUser } from '../../platform/http-types.js';

/** Who may do what to user accounts. */
export const usersPolicy = {
  /** list, add, change role, deactivate, reset password — admins of the same local authority */
  manage: 'users:manage' as const satisfies Permission,
  /** an admin cannot change their own role or deactivate themselves (ask another admin) */
  canChangeAccess(actor: CurrentUser, targetId: string): boolean {
    return actor.id !== targetId;
  },
};
