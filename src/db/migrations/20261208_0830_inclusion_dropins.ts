import { sql, type Kysely } from 'kysely';

/** SEND drop-ins (ADR 0027): a series every few weeks with bookable online slots, paperwork, reminders and attendance. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inclusion_dropin_series (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      title text not null,
      starts_on date not null,
      until_on date not null,
      every_weeks integer not null check (every_weeks between 1 and 12),
      meeting_link text not null,
      host_id uuid not null references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table inclusion_dropin_slots (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      series_id uuid not null references inclusion_dropin_series (id) on delete cascade,
      on_date date not null,
      starts_at text not null,
      minutes integer not null,
      urn text references providers (urn),
      booked_by uuid references users (id),
      booked_at timestamptz,
      paperwork text,
      paperwork_at timestamptz,
      reminded_at timestamptz,
      attended boolean,
      note text
    )`.execute(db);
  await sql`create index inclusion_dropin_slots_date on inclusion_dropin_slots (la_code, on_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inclusion_dropin_slots`.execute(db);
  await sql`drop table inclusion_dropin_series`.execute(db);
}
