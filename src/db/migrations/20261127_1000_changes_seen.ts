import { sql, type Kysely } from 'kysely';

/* Changes from Ofsted: when each member of staff last marked the changes as seen ("new since I last looked"). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column changes_seen_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column changes_seen_at`.execute(db);
}
