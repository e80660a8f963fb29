import { sql, type Kysely } from 'kysely';

/** Inclusion fund (SENIF) applications for a child at a setting, with the decision (ADR 0027); the LA's tiers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table inclusion_settings add column fund_tiers text[] not null default '{"Tier 1","Tier 2","Tier 3"}'`.execute(db);
  await sql`
    create table inclusion_fund_applications (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      child_id uuid references inclusion_children (id) on delete set null,
      urn text not null references providers (urn),
      term text not null,
      hours_per_week numeric(4, 1) not null,
      support_needed text not null,
      evidence text not null,
      status text not null default 'submitted' check (status in ('submitted', 'approved', 'declined')),
      tier text,
      amount_pence integer,
      starts_on date,
      review_on date,
      decision_reason text,
      decided_by uuid references users (id),
      decided_at timestamptz,
      created_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index inclusion_fund_term on inclusion_fund_applications (la_code, term)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table inclusion_fund_applications`.execute(db);
  await sql`alter table inclusion_settings drop column fund_tiers`.execute(db);
}
