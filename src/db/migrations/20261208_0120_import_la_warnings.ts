import { sql, type Kysely } from 'kysely';

/*
 * Issue 16.7: a row imported with a warning (its register flags contradict its combination) is its
 * local authority's: each LA's first warnings and their count are kept with its counts for the import,
 * so a national import shows each LA only its own rows' warnings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_la_counts add column warnings text[] not null default '{}',
    add column warning_count integer not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_la_counts drop column warnings, drop column warning_count`.execute(db);
}
