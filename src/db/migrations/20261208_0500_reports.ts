import { sql, type Kysely } from 'kysely';

/* Reports to senior staff and cabinet (issue 20, ADR 0022): reference data from a national Ofsted file, report settings, narratives, the quarterly e-mail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table reference_files (
      id uuid primary key default gen_random_uuid(),
      file_name text not null,
      as_at date not null,
      rows integer not null,
      imported_at timestamptz not null
    )`.execute(db);
  await sql`create table reference_providers (
      file_id uuid not null references reference_files (id) on delete cascade,
      urn text not null,
      area_code text,
      region text,
      provider_type text,
      on_eyr boolean not null,
      overall text,
      inspection_date date,
      primary key (file_id, urn)
    )`.execute(db);
  await sql`create index reference_providers_area on reference_providers (file_id, area_code)`.execute(db);
  // the report reads notes by visit (was a scan of every note per visit held)
  await sql`create index notes_visit on notes_of_visit (visit_id)`.execute(db);
  await sql`create table report_settings (
      la_code text primary key references local_authorities (la_code),
      neighbours text[] not null default '{}',
      recipients text[] not null default '{}',
      viewer_sees_names boolean not null default false,
      updated_by uuid references users (id),
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create table report_narratives (
      la_code text not null references local_authorities (la_code),
      period_key text not null,
      summary text not null,
      next_steps text not null,
      updated_by uuid not null references users (id),
      updated_at timestamptz not null,
      primary key (la_code, period_key)
    )`.execute(db);
  await sql`create table report_mailings (
      la_code text not null references local_authorities (la_code),
      period_key text not null,
      outbox_id uuid,
      sent_at timestamptz not null,
      primary key (la_code, period_key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table report_mailings`.execute(db);
  await sql`drop table report_narratives`.execute(db);
  await sql`drop table report_settings`.execute(db);
  await sql`drop index notes_visit`.execute(db);
  await sql`drop table reference_providers`.execute(db);
  await sql`drop table reference_files`.execute(db);
}
