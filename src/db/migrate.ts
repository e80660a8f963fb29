import { Migrator, sql, type Kysely } from 'kysely';
import type { DB } from './types.js';
import { migrations } from './migrations/index.js';

/** Schema migrations only (src/app/migrate.ts adds the reference data). `schema` is where the schema lives: 'public' unless a test gives each run its own. */
export async function migrateSchema(db: Kysely<DB>, schema = 'public'): Promise<string[]> {
  // the usual start: every migration is applied already, so one read instead of the migrator's lock and checks
  if (await allApplied(db, schema)) return [];
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Has every migration this build knows been applied (and nothing else: a newer build's migration makes the migrator report it)? */
async function allApplied(db: Kysely<DB>, schema: string): Promise<boolean> {
  const table = `${schema}.kysely_migration`;
  const exists = await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db);
  if (!exists.rows[0]?.found) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.table(table)}`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  const known = Object.keys(migrations);
  return names.size === known.length && known.every((name) => names.has(name));
}
