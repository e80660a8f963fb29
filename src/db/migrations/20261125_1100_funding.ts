import { sql, type Kysely } from 'kysely';

/** Funding eligibility (rules per LA, decisions per provider) and FEEE audits. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table funding_rules (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      version integer not null,
      rules jsonb not null,
      created_by uuid references users (id),
      created_at timestamptz not null,
      unique (la_code, version)
    )`.execute(db);
  await sql`
    create table funding_decisions (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      kind text not null check (kind in ('baseline', 'change')),
      status text not null check (status in ('proposed', 'confirmed', 'overridden', 'superseded')),
      proposed jsonb not null,
      decided jsonb,
      trigger text not null,
      proposed_at timestamptz not null,
      effective_from date,
      decided_by uuid references users (id),
      decided_at timestamptz,
      decision_reason text
    )`.execute(db);
  await sql`create index funding_decisions_provider on funding_decisions (urn, status, effective_from)`.execute(db);
  await sql`create index funding_decisions_pending on funding_decisions (la_code, status, proposed_at)`.execute(db);
  await sql`
    create table feee_audits (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      audit_type text not null,
      term text not null,
      reason text not null,
      auditor_id uuid references users (id),
      planned_for date,
      status text not null default 'planned' check (status in ('planned', 'in_progress', 'completed')),
      sample_method text,
      sample_seed integer,
      outcome text,
      outcome_notes text,
      support_offered text[] not null default '{}',
      self_assessment_id uuid references audits (id),
      created_by uuid references users (id),
      created_at timestamptz not null,
      completed_at timestamptz,
      children_deleted_at timestamptz
    )`.execute(db);
  await sql`
    create table feee_children (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      audit_id uuid not null references feee_audits (id),
      row_number integer not null,
      child_ref text not null,
      date_of_birth date not null,
      entitlement text not null,
      funded_hours numeric(5, 2) not null,
      start_date date,
      sampled boolean not null default false,
      checked_at timestamptz,
      checks jsonb,
      unique (audit_id, child_ref)
    )`.execute(db);
  await sql`
    create table feee_findings (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      audit_id uuid not null references feee_audits (id),
      child_id uuid references feee_children (id) on delete set null,
      child_ref text,
      finding_type text not null,
      details text not null,
      amount_pence integer,
      created_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['feee_findings', 'feee_children', 'feee_audits', 'funding_decisions', 'funding_rules']) await sql`drop table ${sql.table(t)}`.execute(db);
}
