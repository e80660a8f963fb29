import { sql, type Kysely } from 'kysely';

/** Audit templates (versioned per LA) and audits: staff audits and settings' self-assessments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_templates (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      key text not null,
      version integer not null,
      name text not null,
      definition jsonb not null,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      unique (la_code, key, version)
    )`.execute(db);
  await sql`
    create table audits (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      template_id uuid not null references audit_templates (id),
      template_key text not null,
      visit_id uuid references visits (id),
      kind text not null check (kind in ('staff', 'self')),
      status text not null default 'draft' check (status in ('draft', 'completed')),
      answers jsonb not null default '{}',
      started_by uuid not null references users (id),
      started_at timestamptz not null,
      updated_at timestamptz not null,
      completed_at timestamptz,
      shared_at timestamptz,
      reviewed_by uuid references users (id),
      reviewed_at timestamptz,
      review_comment text
    )`.execute(db);
  await sql`create index audits_provider on audits (urn, template_key, completed_at)`.execute(db);
  await sql`create index audits_la_template on audits (la_code, template_key, status)`.execute(db);
  await sql`alter table evidence_files add column audit_id uuid references audits (id), add column audit_item text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table evidence_files drop column audit_id, drop column audit_item`.execute(db);
  await sql`drop table audits`.execute(db);
  await sql`drop table audit_templates`.execute(db);
}
