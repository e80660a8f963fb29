import { sql, type Kysely } from 'kysely';

/**
 * "The Inadequate pathway's business review is one of these" (issue 23): a sustainability case
 * opened (or linked) when a pathway reaches its business-review step, with the step's due date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sustainability_cases add column pathway_id uuid references pathways (id)`.execute(db);
  await sql`alter table sustainability_cases add column business_review_due date`.execute(db);
  await sql`create index sustainability_cases_pathway on sustainability_cases (pathway_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sustainability_cases drop column business_review_due`.execute(db);
  await sql`alter table sustainability_cases drop column pathway_id`.execute(db);
}
