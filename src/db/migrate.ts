import { Migrator, type Kysely } from 'kysely';
import type { DB } from './types.js';
import { migrations } from './migrations/index.js';

/** Schema migrations only (src/app/migrate.ts adds the reference data). `schema` is where the schema lives: 'public' unless a test gives each run its own. */
export async function migrateSchema(db: Kysely<DB>, schema = 'public'): Promise<string[]> {
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
