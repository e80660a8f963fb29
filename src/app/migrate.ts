import type { Kysely } from 'kysely';
import { migrateSchema } from '../db/migrate.js';
import type { DB } from '../db/types.js';
import { syncLocalAuthorities } from '../modules/local-authorities/index.js';
import { ensureOrganisationsOfStaffedLas } from '../modules/organisation/index.js';

/** Brings the schema up to date and loads the reference data the service ships (every English LA). */
export async function migrateToLatest(db: Kysely<DB>, schema = 'public'): Promise<string[]> {
  const applied = await migrateSchema(db, schema);
  await syncLocalAuthorities(db);
  // each LA with staff (Kent 886 and Leicestershire 855 among them) gets its teams and job titles, and its unowned work their queues
  await ensureOrganisationsOfStaffedLas(db);
  return applied;
}
