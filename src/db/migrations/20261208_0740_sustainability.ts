import { sql, type Kysely } from 'kysely';

/**
 * Sustainability concern cases: "If concerns are raised with the Sufficiency Team, a tailored package
 * of support may be put together … with existing providers or potential new providers in the area."
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sustainability_cases (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text references providers (urn),
      prospective_id uuid references prospective_providers (id),
      concern text not null,
      raised_on date not null,
      package text[] not null default '{}',
      business_review_on date,
      business_review text not null default '',
      closed_on date,
      closure text not null default '',
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (urn is not null or prospective_id is not null)
    )`.execute(db);
  await sql`create index sustainability_cases_la on sustainability_cases (la_code, closed_on)`.execute(db);
  await sql`create index sustainability_cases_urn on sustainability_cases (urn)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sustainability_cases`.execute(db);
}
