import { sql, type Kysely } from 'kysely';

/*
 * An LA's own changes to the England and Wales bank holidays (issue 19.8, ADR 0019): a day added
 * (a one-off holiday announced after the release) or removed. The rules and the shipped list give
 * every other day (src/platform/calendar-rules.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendar_days (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      day date not null,
      change text not null check (change in ('add', 'remove')),
      reason text not null,
      created_by uuid,
      created_at timestamptz not null,
      unique (la_code, day)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table calendar_days`.execute(db);
}
