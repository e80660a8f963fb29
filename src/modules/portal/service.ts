import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ActionContext } from '../../platform/context.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { appendAudit, appendAuthAudit } from '../audit-log/index.js';
import { forgetUserSessions } from '../auth/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';

const INVITATION_DAYS = 7;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Staff invite someone from the setting: a provider user (new, or an existing one for a chain's
 * several settings) linked to this provider, with a single-use link to set a password, e-mailed.
 */
export async function invite(ctx: ActionContext, urn: string, person: { name: string; email: string }, baseUrl: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    const provider = await tx.selectFrom('providers').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirst();
    if (!provider) throw new NotFoundError();
    const existing = await tx.forJob((db) => db.selectFrom('users').select(['id', 'role', 'la_code']).where((eb) => eb(eb.fn('lower', ['email']), '=', person.email.toLowerCase())).executeTakeFirst());
    if (existing && (existing.role !== 'provider' || existing.la_code !== tx.scope.laCode)) throw new ConflictError('This e-mail address belongs to someone who is not a provider user of this local authority');
    const userId = existing?.id ?? (await tx.insertInto('users', { email: person.email, name: person.name, role: 'provider', password_hash: await hashPassword(randomBytes(32).toString('base64url')), must_change_password: false }).returning('id').executeTakeFirstOrThrow()).id;
    await tx.insertInto('provider_users', { user_id: userId, urn, created_at: now }).onConflict((oc) => oc.columns(['user_id', 'urn']).doNothing()).execute();
    if (existing) await tx.updateTable('users').set({ active: true }).where('id', '=', userId).execute();
    const token = randomBytes(24).toString('base64url');
    await tx.insertInto('invitations', { user_id: userId, token_hash: hash(token), expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000), created_at: now }).execute();
    const link = `${baseUrl}/invitations/${token}`;
    const text = `Hello ${person.name},\n\n${ctx.user.laName} Early Years and Childcare has given you access to EY Hub for ${provider.name ?? 'your setting'}. There you can see your support, your visits and your action plan.\n\nSet your password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n\nYour e-mail address is your user name.`;
    await enqueue(tx, { to: [person.email], subject: `Your access to EY Hub for ${provider.name ?? 'your setting'}`, text, html: textToHtml(text), record: { type: 'user', id: userId } }, now);
    await appendAudit(tx, ctx.ip, { action: 'portal.invited', recordType: 'provider', recordId: urn, details: { user: userId } });
  });
}

export async function removeAccess(ctx: ActionContext, urn: string, userId: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const removed = await tx.deleteFrom('provider_users').where('urn', '=', urn).where('user_id', '=', userId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new NotFoundError();
    const others = await tx.selectFrom('provider_users').select('urn').where('user_id', '=', userId).executeTakeFirst();
    if (!others) {
      await tx.updateTable('users').set({ active: false }).where('id', '=', userId).where('role', '=', 'provider').execute();
      await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    }
    await appendAudit(tx, ctx.ip, { action: 'portal.access_removed', recordType: 'provider', recordId: urn, details: { user: userId } });
  });
  forgetUserSessions(userId);
}

export async function findInvitation(db: Kysely<DB>, token: string, now: Date) {
  const row = await db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.user_id')
    .select(['invitations.id', 'invitations.user_id', 'invitations.la_code', 'invitations.expires_at', 'invitations.used_at', 'users.email', 'users.name', 'users.active'])
    .where('invitations.token_hash', '=', hash(token))
    .executeTakeFirst();
  if (!row || !row.active) return { status: 'unknown' as const };
  if (row.used_at) return { status: 'used' as const };
  if (row.expires_at.getTime() < now.getTime()) return { status: 'expired' as const };
  return { status: 'valid' as const, invitation: row };
}

export async function acceptInvitation(db: Kysely<DB>, token: string, password: string, now: Date, ip: string | null): Promise<boolean> {
  const found = await findInvitation(db, token, now);
  if (found.status !== 'valid') return false;
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const used = await tx.updateTable('invitations').set({ used_at: now }).where('id', '=', found.invitation.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return;
    await tx.updateTable('users').set({ password_hash: passwordHash, must_change_password: false, failed_sign_ins: 0, locked_until: null }).where('id', '=', found.invitation.user_id).execute();
    await appendAuthAudit(tx, { laCode: found.invitation.la_code, userId: found.invitation.user_id, email: found.invitation.email, ip }, { action: 'portal.invitation_accepted', recordType: 'user', recordId: found.invitation.user_id });
  });
  return true;
}

export async function portalUsers(ctx: ActionContext, urn: string) {
  return ctx.tenant
    .selectFrom('provider_users')
    .innerJoin('users', 'users.id', 'provider_users.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.last_sign_in_at', 'provider_users.created_at'])
    .where('provider_users.urn', '=', urn)
    .orderBy('users.name')
    .execute();
}
