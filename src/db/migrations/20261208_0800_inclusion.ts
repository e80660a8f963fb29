import { sql, type Kysely } from 'kysely';

/**
 * SEND and inclusion (ADR 0027): children known to the inclusion team, the settings they attend,
 * consents, Early Years panel referrals and panels, casework, and the Disability Access Fund register.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inclusion_settings (
      la_code text primary key references local_authorities (la_code),
      retention_years integer not null default 3 check (retention_years between 1 and 30),
      contact_working_days integer not null default 10 check (contact_working_days between 1 and 60),
      signposting text not null default '',
      updated_by uuid references users (id),
      updated_at timestamptz
    )`.execute(db);
  await sql`
    create table inclusion_children (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      first_name text not null,
      last_name text not null,
      date_of_birth date not null,
      parent_name text not null default '',
      parent_email text not null default '',
      parent_phone text not null default '',
      level_of_need text check (level_of_need in ('low', 'emerging', 'developing', 'high')),
      areas_of_need text[] not null default '{}',
      practitioner_id uuid references users (id),
      service text,
      contact_due date,
      first_contact_at timestamptz,
      closed_at timestamptz,
      outcome text,
      created_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index inclusion_children_la on inclusion_children (la_code, practitioner_id)`.execute(db);
  await sql`
    create table inclusion_child_settings (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      child_id uuid not null references inclusion_children (id) on delete cascade,
      urn text not null references providers (urn),
      started_on date not null,
      ended_on date
    )`.execute(db);
  await sql`create index inclusion_child_settings_urn on inclusion_child_settings (la_code, urn)`.execute(db);
  await sql`create index inclusion_child_settings_child on inclusion_child_settings (child_id)`.execute(db);
  await sql`
    create table inclusion_consents (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      child_id uuid not null references inclusion_children (id) on delete cascade,
      given_by text not null,
      relationship text not null,
      given_on date not null,
      purposes text[] not null,
      recorded_by uuid references users (id),
      recorded_at timestamptz not null
    )`.execute(db);
  await sql`
    create table inclusion_panels (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      meets_on date not null,
      cutoff_on date not null,
      place text not null default '',
      check (cutoff_on < meets_on),
      unique (la_code, meets_on)
    )`.execute(db);
  await sql`
    create table inclusion_referrals (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      child_id uuid not null references inclusion_children (id) on delete cascade,
      urn text not null references providers (urn),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'decided')),
      needs text not null default '',
      graduated_approach text not null default '',
      consent_id uuid references inclusion_consents (id),
      submitted_at timestamptz,
      panel_id uuid references inclusion_panels (id),
      decision text check (decision in ('meets', 'does_not_meet')),
      service text,
      reasons text,
      signposting text,
      decided_by uuid references users (id),
      decided_at timestamptz,
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index inclusion_referrals_la on inclusion_referrals (la_code, status, panel_id)`.execute(db);
  await sql`create index inclusion_referrals_urn on inclusion_referrals (la_code, urn)`.execute(db);
  await sql`
    create table inclusion_files (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      referral_id uuid not null references inclusion_referrals (id) on delete cascade,
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      storage_key text not null,
      uploaded_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table inclusion_case_entries (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      child_id uuid not null references inclusion_children (id) on delete cascade,
      kind text not null check (kind in ('contact', 'visit', 'note', 'target')),
      happens_on date not null,
      at_time text,
      place text,
      method text,
      body text not null,
      review_on date,
      created_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index inclusion_case_entries_child on inclusion_case_entries (child_id, happens_on)`.execute(db);
  await sql`
    create table inclusion_daf_claims (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      child_id uuid references inclusion_children (id) on delete set null,
      urn text not null references providers (urn),
      financial_year text not null,
      status text not null check (status in ('paid', 'refused')),
      dla_evidence text not null,
      amount_pence integer,
      reason text,
      recorded_by uuid references users (id),
      recorded_at timestamptz not null
    )`.execute(db);
  await sql`create unique index inclusion_daf_one_per_year on inclusion_daf_claims (la_code, child_id, financial_year) where status = 'paid'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inclusion_daf_claims', 'inclusion_case_entries', 'inclusion_files', 'inclusion_referrals', 'inclusion_panels', 'inclusion_consents', 'inclusion_child_settings', 'inclusion_children', 'inclusion_settings']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
