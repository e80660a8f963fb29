import { sql, type Kysely } from 'kysely';

/** Each setting's termly vacancy return, every one kept (the latest of a term counts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sufficiency_vacancy_returns (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      term text not null,
      figures jsonb not null,
      waiting_list integer not null check (waiting_list >= 0),
      funded_places integer not null check (funded_places >= 0),
      opens_at text not null,
      closes_at text not null,
      weeks_per_year integer not null check (weeks_per_year between 1 and 52),
      submitted_by uuid references users (id),
      submitted_at timestamptz not null
    )`.execute(db);
  await sql`create index sufficiency_vacancy_returns_term on sufficiency_vacancy_returns (la_code, term, urn, submitted_at)`.execute(db);
  await sql`
    create table sufficiency_return_reminders (
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      term text not null,
      sent_at timestamptz not null,
      sent_by uuid references users (id),
      primary key (la_code, urn, term, sent_at)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sufficiency_return_reminders`.execute(db);
  await sql`drop table sufficiency_vacancy_returns`.execute(db);
}
