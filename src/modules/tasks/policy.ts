import type { CurrentUser } from '../../platform/http-types.js';
import type { Permission } from '../../platform/permissions.js';

export const tasksPolicy = {
  myWork: 'work:view' as const satisfies Permission,
  team: 'team:view' as const satisfies Permission,
  complete: 'pathways:work' as const satisfies Permission,
  /**
   * A task is done by its owner, by anyone working from its job-title queue while nobody owns it
   * (`queues`: the ids of the job titles the user works from), or by a Senior Improvement Adviser.
   * A task from before queues existed, in no queue, is still its slot's. Allocation is done on the
   * allocation page, not ticked off.
   */
  canComplete(user: CurrentUser, task: { owner_user_id: string | null; owner_role: string; owner_job_title_id?: string | null; rule_key: string; done_at: Date | null; cancelled_at: Date | null }, queues: readonly string[] = []): boolean {
    if (task.rule_key === 'step:allocate' || task.done_at || task.cancelled_at) return false;
    if (user.role === 'manager' || user.role === 'admin') return true;
    if (task.owner_user_id !== null) return task.owner_user_id === user.id;
    return task.owner_job_title_id ? queues.includes(task.owner_job_title_id) : task.owner_role === user.role;
  },
  /** Taking a task from a queue one works from makes it one's own. */
  canTake(user: CurrentUser, task: { owner_user_id: string | null; owner_job_title_id?: string | null; rule_key: string; done_at: Date | null; cancelled_at: Date | null }, queues: readonly string[]): boolean {
    if (task.rule_key === 'step:allocate' || task.done_at || task.cancelled_at || task.owner_user_id !== null || !task.owner_job_title_id) return false;
    return user.role === 'manager' || user.role === 'admin' || queues.includes(task.owner_job_title_id);
  },
};
