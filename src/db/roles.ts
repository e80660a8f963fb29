import { sql, type Kysely } from 'kysely';

/*
 * On PostgreSQL the service can run as a role that does not own its tables (README, "Running as a
 * role that does not own the audit log"). Migrations run as the owner (DATABASE_MIGRATION_URL); after
 * each run the owner grants the service's role (DATABASE_URL's user) what the service does — read
 * and write the domain tables — and no more on the audit log than SELECT and INSERT. Only an owner
 * may disable or drop a trigger, so the service's role can neither change, delete nor truncate an
 * audit entry, nor switch off the triggers that refuse it.
 */

/** The role a connection address signs in as (its user name). */
export function roleOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new Error('The database address names no user: set the user in DATABASE_URL (postgres://user@host/db)');
  return user;
}

/** Grants the service's role its use of the schema `schema` (run by the owner after migrations). */
export async function grantServiceRole<T>(db: Kysely<T>, schema: string, role: string): Promise<void> {
  const s = sql.id(schema);
  const r = sql.id(role);
  const statements = [
    sql`grant usage on schema ${s} to ${r}`,
    sql`grant select, insert, update, delete, truncate on all tables in schema ${s} to ${r}`,
    sql`grant usage, select on all sequences in schema ${s} to ${r}`,
    // the audit log is append-only for the service (its triggers also refuse UPDATE, DELETE, TRUNCATE)
    sql`revoke update, delete, truncate on ${sql.table(`${schema}.audit_log`)} from ${r}`,
    // the migrations' own records are the owner's
    sql`revoke insert, update, delete, truncate on ${sql.table(`${schema}.kysely_migration`)}, ${sql.table(`${schema}.kysely_migration_lock`)} from ${r}`,
  ];
  for (const statement of statements) await statement.execute(db);
}
