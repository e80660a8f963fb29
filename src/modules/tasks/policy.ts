import type { CurrentUser } from '../../platform/http-types.js';
import type { Permission } from '../../platform/permissions.js';

export const tasksPolicy = {
  myWork: 'work:view' as const satisfies Permission,
  team: 'team:view' as const satisfies Permission,
  complete: 'pathways:work' as const satisfies Permission,
  /**
   * A task is done by its owner, by anyone in its role queue while nobody owns it, or by a
   * Senior Improvement Adviser. Allocation is done on the allocation page, not ticked off.
   */
  canComplete(user: CurrentUser, task: { owner_user_id: string | null; owner_role: string; rule_key: string; done_at: Date | null; cancelled_at: Date | null }): boolean {
    if (task.rule_key === 'step:allocate' || task.done_at || task.cancelled_at) return false;
    if (user.role === 'manager' || user.role === 'admin') return true;
    return task.owner_user_id === user.id || (task.owner_user_id === null && task.owner_role === user.role);
  },
};
