import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/*
 * Sign-in and session look-ups happen before anyone is known, so they cannot be
 * scoped to a local authority: they find the user (or session) first and the
 * scope follows from it. Nothing else may use these functions.
 */

export function findUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'la_code', 'email', 'password_hash', 'active', 'must_change_password', 'failed_sign_ins', 'locked_until'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function recordFailedSignIn(
  db: Kysely<DB>,
  userId: string,
  lockAfter: number,
  lockedUntil: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_sign_ins')
    .executeTakeFirstOrThrow();
  if (row.failed_sign_ins < lockAfter) return false;
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: lockedUntil }).where('id', '=', userId).execute();
  return true;
}

export async function recordSuccessfulSignIn(db: Kysely<DB>, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  session: { id: string; laCode: string; userId: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      la_code: session.laCode,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

export function findSession(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('local_authorities', 'local_authorities.la_code', 'users.la_code')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.la_code',
      'users.email',
      'users.name',
      'users.role',
      'users.active',
      'users.must_change_password',
      'local_authorities.name as la_name',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}
