import type { ActionContext } from '../../platform/context.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { appendAudit } from '../audit-log/index.js';
import { forgetUserSessions } from './session-cache.js';

/** A signed-in user changes their own password: every other session of theirs ends (this one goes on). */
export async function changeOwnPassword(ctx: ActionContext, currentSessionId: string, current: string, next: string): Promise<{ ok: true } | { ok: false; errors: FormErrors }> {
  const stored = await ctx.tenant.selectFrom('users').select('password_hash').where('id', '=', ctx.user.id).executeTakeFirst();
  if (!stored || !(await verifyPassword(current, stored.password_hash))) {
    return { ok: false, errors: formErrors([['currentPassword', 'Your current password is incorrect']]) };
  }
  if (current === next) {
    return { ok: false, errors: formErrors([['newPassword', 'Your new password must be different from your current password']]) };
  }
  const hash = await hashPassword(next);
  await ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    await tx.updateTable('users').set({ password_hash: hash, must_change_password: false, updated_at: now, failed_sign_ins: 0, locked_until: null }).where('id', '=', ctx.user.id).execute();
    const ended = await tx.deleteFrom('sessions').where('user_id', '=', ctx.user.id).where('id', '!=', currentSessionId).executeTakeFirst();
    await appendAudit(tx, ctx.ip, { action: 'user.password-changed', recordType: 'user', recordId: ctx.user.id, details: { otherSessionsEnded: Number(ended.numDeletedRows) } });
  });
  forgetUserSessions(ctx.user.id);
  return { ok: true };
}
