import { sql, type Kysely } from 'kysely';

/** A FEEE audit keeps its follow-up actions, so the report can be printed again with them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feee_audits add column follow_up_actions text[] not null default '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table feee_audits drop column follow_up_actions`.execute(db);
}
