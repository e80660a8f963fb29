import { sql, type Kysely } from 'kysely';

/** Area SENCo (ADR 0027): each setting's allocated Area SENCo and their recorded contacts; contacts per term is an LA setting. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inclusion_settings add column senco_contacts_per_term integer not null default 1 check (senco_contacts_per_term between 1 and 12)`.execute(db);
  await sql`
    create table inclusion_area_sencos (
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      senco_id uuid not null references users (id),
      allocated_by uuid references users (id),
      allocated_at timestamptz not null,
      primary key (la_code, urn)
    )`.execute(db);
  await sql`
    create table inclusion_senco_contacts (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      contacted_on date not null,
      method text not null,
      note text not null default '',
      created_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index inclusion_senco_contacts_urn on inclusion_senco_contacts (la_code, urn, contacted_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inclusion_senco_contacts`.execute(db);
  await sql`drop table inclusion_area_sencos`.execute(db);
  await sql`alter table inclusion_settings drop column senco_contacts_per_term`.execute(db);
}
