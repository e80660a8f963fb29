import { Migrator, type Kysely } from 'kysely';
import type { DB } from './types.js';
import { migrations } from './migrations/index.js';
import { syncLocalAuthorities } from '../modules/local-authorities/repository.js';

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  await syncLocalAuthorities(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
