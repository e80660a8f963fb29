import { sql, type Kysely } from 'kysely';

/** Provider updates (bulletins): the update, one row per address it goes to (unique), unsubscribes (issue 22). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table bulletins (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    title text not null,
    body text not null,
    audience jsonb not null,
    status text not null default 'draft' check (status in ('draft', 'scheduled', 'sending', 'sent')),
    send_at timestamptz,
    repeat text not null default 'none' check (repeat in ('none', 'weekly', 'twice_monthly')),
    created_by uuid,
    created_at timestamptz not null,
    sent_at timestamptz,
    recipients integer not null default 0
  )`.execute(db);
  await sql`create index bulletins_due on bulletins (status, send_at)`.execute(db);
  await sql`create index bulletins_la on bulletins (la_code, created_at)`.execute(db);
  await sql`create table bulletin_recipients (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    bulletin_id uuid not null references bulletins(id),
    email text not null,
    token text not null unique,
    outbox_id uuid,
    unique (bulletin_id, email)
  )`.execute(db);
  await sql`create index bulletin_recipients_unqueued on bulletin_recipients (bulletin_id) where outbox_id is null`.execute(db);
  await sql`create table bulletin_unsubscribes (
    la_code text not null references local_authorities(la_code),
    email text not null,
    at timestamptz not null,
    primary key (la_code, email)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['bulletin_unsubscribes', 'bulletin_recipients', 'bulletins']) await sql`drop table ${sql.table(table)}`.execute(db);
}
