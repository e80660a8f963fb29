import { sql, type Kysely } from 'kysely';

/**
 * What settings send the LA through the portal: versioned self-evaluations and setting improvement
 * plans, requests to correct the contact details the LA holds; when each member of staff last
 * looked at a setting's action plan; and which "due in 7 days" reminders have gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers add column contact_name text, add column contact_phone text`.execute(db);
  await sql`
    create table setting_documents (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      kind text not null check (kind in ('self_evaluation', 'improvement_plan')),
      version integer not null,
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      storage_key text not null unique,
      comment text not null default '',
      uploaded_by uuid not null references users (id),
      created_at timestamptz not null,
      unique (urn, kind, version)
    )`.execute(db);
  await sql`
    create table contact_change_requests (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      requested_by uuid not null references users (id),
      requested_at timestamptz not null,
      changes jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      decided_by uuid references users (id),
      decided_at timestamptz,
      decision_reason text
    )`.execute(db);
  await sql`create index contact_change_pending on contact_change_requests (la_code, status, requested_at)`.execute(db);
  await sql`
    create table last_looks (
      la_code text not null references local_authorities (la_code),
      user_id uuid not null references users (id),
      urn text not null references providers (urn),
      seen_at timestamptz not null,
      primary key (user_id, urn)
    )`.execute(db);
  await sql`
    create table due_reminders (
      la_code text not null references local_authorities (la_code),
      item_id uuid not null references action_plan_items (id),
      due_date date not null,
      sent_at timestamptz not null,
      primary key (item_id, due_date)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table due_reminders`.execute(db);
  await sql`drop table last_looks`.execute(db);
  await sql`drop table contact_change_requests`.execute(db);
  await sql`drop table setting_documents`.execute(db);
  await sql`alter table providers drop column contact_name, drop column contact_phone`.execute(db);
}
