import { sql, type Kysely } from 'kysely';

/*
 * Sign-in throttling (ADR 0012): one row per key (an HMAC of the e-mail address typed, alone or
 * with the client's IP address), counting the password checks since the last success and when the
 * next check may start. Keys are hashes: the table holds no e-mail address or IP address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_throttle (
      key text primary key,
      attempts integer not null,
      next_allowed_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index sign_in_throttle_updated_at on sign_in_throttle (updated_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sign_in_throttle`.execute(db);
}
