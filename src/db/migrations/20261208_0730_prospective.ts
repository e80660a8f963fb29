import { sql, type Kysely } from 'kysely';

/**
 * Prospective providers ("Support for prospective providers"): an enquiry becomes a record with its
 * stage (enquiry, application to Ofsted, registered, withdrawn), contacts and visits, and the URN
 * Ofsted gives it once registered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prospective_providers (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      name text not null,
      contact_name text not null,
      contact_email text not null default '',
      contact_phone text not null default '',
      planned_provision text not null,
      planned_places integer check (planned_places >= 0),
      area text not null,
      stage text not null check (stage in ('enquiry', 'applied', 'registered', 'withdrawn')),
      urn text references providers (urn),
      enquiry_date date not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index prospective_providers_la on prospective_providers (la_code, stage)`.execute(db);
  await sql`create unique index prospective_providers_urn on prospective_providers (urn) where urn is not null`.execute(db);
  await sql`
    create table prospective_events (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      prospective_id uuid not null references prospective_providers (id),
      kind text not null check (kind in ('enquiry', 'stage', 'contact', 'visit', 'linked')),
      on_date date not null,
      summary text not null,
      by_user uuid references users (id),
      at timestamptz not null
    )`.execute(db);
  await sql`create index prospective_events_record on prospective_events (prospective_id, on_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prospective_events`.execute(db);
  await sql`drop table prospective_providers`.execute(db);
}
