import { sql, type Kysely } from 'kysely';

/*
 * Optimistic concurrency for the records two people can edit at once: a note of visit and an
 * action plan item carry a version (the edit form posts the version it was loaded with; a save
 * of an older version is refused) and who saved the version last (named in the conflict message).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notes_of_visit', 'action_plan_items']) {
    await sql`alter table ${sql.table(table)} add column version integer not null default 1`.execute(db);
    await sql`alter table ${sql.table(table)} add column updated_by uuid`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notes_of_visit', 'action_plan_items']) {
    await sql`alter table ${sql.table(table)} drop column updated_by`.execute(db);
    await sql`alter table ${sql.table(table)} drop column version`.execute(db);
  }
}
