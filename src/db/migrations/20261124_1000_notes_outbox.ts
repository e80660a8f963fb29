import { sql, type Kysely } from 'kysely';

/** The e-mail outbox, notes of visit (Positive Practice Tool) and provider action plans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers add column contact_email text`.execute(db);
  // a booked visit: when it ends, where, its agenda, who was invited, and the invitation's iCalendar SEQUENCE
  await sql`alter table visits add column ends_at timestamptz, add column location text, add column agenda text, add column invite_to text, add column ics_sequence integer not null default 0, add column accompanying uuid[] not null default '{}'`.execute(db);
  // a personal calendar feed: the SHA-256 of the secret in its address (revoked by clearing it)
  await sql`alter table users add column calendar_token_hash text`.execute(db);
  await sql`create unique index users_calendar_token on users (calendar_token_hash) where calendar_token_hash is not null`.execute(db);

  await sql`
    create table outbox (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      to_addresses text[] not null,
      cc_addresses text[] not null default '{}',
      subject text not null,
      text_body text not null,
      html_body text not null,
      attachments jsonb not null default '[]',
      status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      claimed_at timestamptz,
      last_error text,
      record_type text,
      record_id text,
      created_at timestamptz not null,
      sent_at timestamptz
    )`.execute(db);
  await sql`create index outbox_due on outbox (next_attempt_at) where status in ('queued', 'sending')`.execute(db);
  await sql`create index outbox_la on outbox (la_code, created_at desc)`.execute(db);

  await sql`
    create table notes_of_visit (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      visit_id uuid not null unique references visits (id),
      pathway_id uuid references pathways (id),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'quality_assured', 'sent')),
      attendees text not null default '',
      purpose text not null default '',
      working_well jsonb not null default '[]',
      worried_about jsonb not null default '[]',
      needs_to_happen jsonb not null default '[]',
      scaling integer check (scaling between 0 and 10),
      scaling_question text,
      review_previous text not null default '',
      recommendations text not null default '',
      qa_at timestamptz,
      actions jsonb not null default '[]',
      author_id uuid not null references users (id),
      submitted_at timestamptz,
      qa_by uuid references users (id),
      qa_comments text,
      sent_at timestamptz,
      sent_to text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index notes_urn on notes_of_visit (urn, created_at desc)`.execute(db);
  // a sent note is locked: corrections are addenda, sent to the setting too
  await sql`
    create table note_addenda (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      note_id uuid not null references notes_of_visit (id),
      at timestamptz not null,
      by_user uuid not null references users (id),
      text text not null
    )`.execute(db);
  await sql`create index note_addenda_note on note_addenda (note_id, at)`.execute(db);

  await sql`
    create table action_plan_items (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      pathway_id uuid references pathways (id),
      note_id uuid references notes_of_visit (id),
      source text not null,
      area text not null,
      action text not null,
      success_criteria text not null default '',
      owner text not null default '',
      due_date date,
      status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'dropped')),
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index action_plan_urn on action_plan_items (urn, due_date)`.execute(db);

  await sql`
    create table action_plan_updates (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      item_id uuid not null references action_plan_items (id),
      at timestamptz not null,
      by_user uuid references users (id),
      status text not null,
      comment text not null default ''
    )`.execute(db);
  await sql`create index action_plan_updates_item on action_plan_updates (item_id, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['action_plan_updates', 'action_plan_items', 'note_addenda', 'notes_of_visit', 'outbox']) await sql`drop table ${sql.raw(t)}`.execute(db);
  await sql`alter table providers drop column contact_email`.execute(db);
  await sql`alter table visits drop column ends_at, drop column location, drop column agenda, drop column invite_to, drop column ics_sequence, drop column accompanying`.execute(db);
  await sql`alter table users drop column calendar_token_hash`.execute(db);
}
