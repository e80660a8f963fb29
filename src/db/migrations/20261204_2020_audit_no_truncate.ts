import { sql, type Kysely } from 'kysely';

/*
 * The audit log is append-only: row triggers refuse UPDATE and DELETE (foundation migration), but
 * TRUNCATE fires no row trigger, so the log could still be emptied. A statement trigger refuses it.
 * (TRUNCATE triggers exist on PostgreSQL 15 and on PGlite.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_no_truncate on audit_log`.execute(db);
}
