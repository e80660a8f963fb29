import { sql, type Kysely } from 'kysely';

/*
 * What an import says about how it read the file (issue 16.6, 16.4, 16.3): its notices (encoding,
 * columns not used, short rows, register flags contradicting the combination) and the first of the
 * rows' warnings, kept with the import so its page shows them after the upload.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports add column notices text[] not null default '{}'`.execute(db);
  await sql`alter table imports add column warnings text[] not null default '{}'`.execute(db);
  await sql`alter table imports add column warning_count integer not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports drop column warning_count`.execute(db);
  await sql`alter table imports drop column warnings`.execute(db);
  await sql`alter table imports drop column notices`.execute(db);
}
