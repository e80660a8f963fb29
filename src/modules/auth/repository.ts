import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/*
 * Sign-in and session look-ups happen before anyone is known, so they cannot be
 * scoped to a local authority: they find the user (or session) first and the
 * scope follows from it. Nothing else may use these functions.
 */

export function findUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'la_code', 'email', 'password_hash', 'active', 'must_change_password'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
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

/**
 * Claims the right to check one password for `key`, counting it in the same statement that
 * decides (so parallel attempts cannot all slip through): true when the check may go ahead.
 * `schedule[n - 1]` is the wait, in seconds, the nth check imposes on the next.
 */
export async function claimSignInAttempt(
  db: Kysely<DB>,
  key: string,
  schedule: readonly number[],
  now: Date,
  forgetBefore: Date,
): Promise<boolean> {
  if (schedule.length === 0 || !schedule.every((s) => Number.isInteger(s) && s >= 0)) throw new Error('bad throttle schedule');
  const delays = sql.raw(`array[${schedule.join(',')}]::int[]`);
  const last = sql.lit(schedule.length);
  const stale = sql`t.updated_at < ${forgetBefore}::timestamptz`;
  const attempt = sql`(case when ${stale} then 1 else t.attempts + 1 end)`;
  const result = await sql<{ attempts: number }>`
    insert into sign_in_throttle as t (key, attempts, next_allowed_at, updated_at)
    values (${key}, 1, ${now}::timestamptz + make_interval(secs => (${delays})[1]), ${now}::timestamptz)
    on conflict (key) do update set
      attempts = ${attempt},
      next_allowed_at = ${now}::timestamptz + make_interval(secs => (${delays})[least(${attempt}, ${last})]),
      updated_at = ${now}::timestamptz
    where t.next_allowed_at <= ${now}::timestamptz or ${stale}
    returning t.attempts`.execute(db);
  return result.rows.length === 1;
}

/** When the next check for any of `keys` may start (the latest of them). */
export async function signInAllowedFrom(db: Kysely<DB>, keys: readonly string[]): Promise<Date | null> {
  const result = await sql<{ at: Date | null }>`
    select max(next_allowed_at) as at from sign_in_throttle where key in (${sql.join(keys)})`.execute(db);
  const at = result.rows[0]?.at ?? null;
  return at === null ? null : new Date(at);
}

/** A correct password clears its keys; keys nobody has used for a day are tidied away. */
export async function clearSignInAttempts(db: Kysely<DB>, keys: readonly string[], forgetBefore: Date): Promise<void> {
  await sql`delete from sign_in_throttle where key in (${sql.join(keys)}) or updated_at < ${forgetBefore}::timestamptz`.execute(db);
}
