import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/types.js';
import type { ActionContext } from '../../platform/context.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords.js';
import { appendAudit } from '../audit-log/index.js';
import { usersPolicy } from './policy.js';
import * as repo from './repository.js';
import { forgetUserSessions } from '../auth/index.js';

type Result<T> = ({ ok: true } & T) | { ok: false; errors: FormErrors };

export async function addUser(
  ctx: ActionContext,
  db: Kysely<DB>,
  input: { name: string; email: string; role: Role },
): Promise<Result<{ id: string; oneTimePassword: string }>> {
  if (await repo.emailTaken(db, input.email)) {
    return { ok: false, errors: formErrors([['email', 'A user with this email address already exists']]) };
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const id = await ctx.tenant.transaction(async (tx) => {
    const newId = await repo.insertUser(tx, { ...input, passwordHash });
    await appendAudit(tx, ctx.ip, {
      action: 'user.created',
      recordType: 'user',
      recordId: newId,
      details: { email: input.email.toLowerCase(), role: input.role },
    });
    return newId;
  });
  return { ok: true, id, oneTimePassword };
}

async function guardedChange(
  ctx: ActionContext,
  id: string,
  changes: Parameters<typeof repo.updateUser>[2],
  action: string,
  details: Record<string, unknown>,
): Promise<Result<object>> {
  // An admin never changes their own access, so a local authority always keeps the admin who acts.
  if (!usersPolicy.canChangeAccess(ctx.user, id)) {
    return { ok: false, errors: formErrors([['role', 'You cannot change your own access. Ask another administrator.']]) };
  }
  const result = await ctx.tenant.transaction(async (tx): Promise<Result<object>> => {
    const before = await repo.getUser(tx, id);
    if (!before) return { ok: false, errors: formErrors([['form', 'User not found']]) };
    await repo.updateUser(tx, id, changes, ctx.clock.now());
    if (changes.active === false) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(tx, ctx.ip, { action, recordType: 'user', recordId: id, details: { ...details, from: before.role } });
    return { ok: true };
  });
  // after the commit: forgetting before it would let a request re-remember the old row
  forgetUserSessions(id);
  return result;
}

export function changeRole(ctx: ActionContext, id: string, role: Role) {
  return guardedChange(ctx, id, { role }, 'user.role-changed', { to: role });
}

export function setActive(ctx: ActionContext, id: string, active: boolean) {
  return guardedChange(ctx, id, { active }, active ? 'user.reactivated' : 'user.deactivated', {});
}

export async function resetPassword(ctx: ActionContext, id: string): Promise<string | null> {
  const oneTimePassword = generateOneTimePassword();
  const hash = await hashPassword(oneTimePassword);
  return ctx.tenant.transaction(async (tx) => {
    const changed = await repo.updateUser(tx, id, { password_hash: hash, must_change_password: true }, ctx.clock.now());
    if (!changed) return null;
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(tx, ctx.ip, { action: 'user.password-reset', recordType: 'user', recordId: id });
    return oneTimePassword;
  }).finally(() => forgetUserSessions(id));
}
