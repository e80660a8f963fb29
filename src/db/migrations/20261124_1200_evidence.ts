import { sql, type Kysely } from 'kysely';

/** Evidence a setting uploads against an action plan item (the files live outside the web root). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evidence_files (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      item_id uuid references action_plan_items (id),
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      storage_key text not null unique,
      uploaded_by uuid not null references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index evidence_item on evidence_files (item_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table evidence_files`.execute(db);
}
