import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table providers (
      urn text primary key,
      la_code text not null references local_authorities (la_code),
      name text,
      provider_type text,
      provider_subtype text,
      status text,
      status_date date,
      registration_date date,
      registers text[] not null default '{}',
      register_combination text,
      rp_urn text,
      rp_name text,
      address_line1 text,
      address_line2 text,
      address_line3 text,
      town text,
      postcode text,
      ward text,
      constituency text,
      places integer,
      places_estimate numeric,
      telephone text,
      redacted boolean not null default false,
      source_date date,
      source_hash text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One secondary index: a local authority has at most a few thousand providers, so its list is
  // filtered within (la_code, name) order; more indexes cost more than they save on every import.
  await sql`create index providers_la_name_idx on providers (la_code, name)`.execute(db);

  await sql`
    create table inspections (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn) on delete cascade,
      kind text not null check (kind in ('full', 'ncor', 'ccr', 'agency', 'registration')),
      inspection_date date not null,
      inspection_number text,
      inspection_type text,
      framework text not null,
      overall text,
      enforcement boolean not null default false,
      key_judgements jsonb,
      report_card jsonb,
      safeguarding_effective boolean,
      source text not null default 'ofsted' check (source in ('ofsted', 'staff')),
      entered_by uuid,
      import_id uuid,
      created_at timestamptz not null default now(),
      unique (urn, kind, inspection_date)
    )`.execute(db);
  await sql`create index inspections_la_idx on inspections (la_code, inspection_date desc)`.execute(db);

  await sql`
    create table enforcement_events (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn) on delete cascade,
      event_type text not null,
      event_date date not null,
      details text,
      source text not null default 'ofsted' check (source in ('ofsted', 'staff')),
      entered_by uuid,
      import_id uuid,
      created_at timestamptz not null default now(),
      unique (urn, event_type, event_date)
    )`.execute(db);

  await sql`
    create table imports (
      id uuid primary key default gen_random_uuid(),
      la_code text references local_authorities (la_code),
      file_name text not null,
      sha256 text not null,
      format text,
      encoding text,
      as_at date,
      started_by uuid,
      started_by_email text,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      status text not null check (status in ('running', 'succeeded', 'failed', 'rejected')),
      row_count integer not null default 0,
      rejected_count integer not null default 0,
      skipped_count integer not null default 0,
      duration_ms integer,
      error text
    )`.execute(db);

  await sql`
    create table import_la_counts (
      import_id uuid not null references imports (id) on delete cascade,
      la_code text not null references local_authorities (la_code),
      new_count integer not null,
      changed_count integer not null,
      unchanged_count integer not null,
      rejected_count integer not null,
      baseline boolean not null,
      primary key (import_id, la_code)
    )`.execute(db);
  await sql`create index import_la_counts_la_idx on import_la_counts (la_code)`.execute(db);

  await sql`
    create table import_rejections (
      id bigint generated always as identity primary key,
      import_id uuid not null references imports (id) on delete cascade,
      la_code text references local_authorities (la_code),
      row_number integer not null,
      column_name text not null,
      reason text not null,
      urn text
    )`.execute(db);
  await sql`create index import_rejections_import_idx on import_rejections (import_id, la_code)`.execute(db);

  await sql`
    create table ofsted_changes (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn) on delete cascade deferrable initially deferred,
      import_id uuid references imports (id),
      change_type text not null check (change_type in ('new_registration', 'new_inspection_outcome', 'status_change', 'enforcement', 'details_changed')),
      detected_at timestamptz not null,
      event_date date,
      framework text,
      from_value text,
      to_value text,
      details jsonb,
      baseline boolean not null default false,
      source text not null default 'import' check (source in ('import', 'staff'))
    )`.execute(db);
  await sql`create index ofsted_changes_la_idx on ofsted_changes (la_code, detected_at desc)`.execute(db);
  await sql`create index ofsted_changes_urn_idx on ofsted_changes (urn)`.execute(db);
  await sql`create index ofsted_changes_import_idx on ofsted_changes (import_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['ofsted_changes', 'import_rejections', 'import_la_counts', 'imports', 'enforcement_events', 'inspections', 'providers']) {
    await sql`drop table ${sql.raw(t)}`.execute(db);
  }
}
