import type { Kysely } from 'kysely';
import { openDatabase } from '../db/client.js';
import { migrateSchema } from '../db/migrate.js';
import { grantServiceRole, roleOf } from '../db/roles.js';
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

/**
 * PostgreSQL with DATABASE_MIGRATION_URL: the migrations and reference data run as the schema's
 * owner over a connection of their own, then the owner grants the service's role (the user of
 * `serviceUrl`) its use of the tables — on the audit log SELECT and INSERT only.
 */
export async function migrateAsOwner(migrationUrl: string, serviceUrl: string, schema = 'public'): Promise<string[]> {
  const owner = await openDatabase({ kind: 'postgres', url: migrationUrl, poolSize: 1, ...(schema === 'public' ? {} : { schema }) });
  try {
    const applied = await migrateToLatest(owner.db, schema);
    const role = roleOf(serviceUrl);
    if (role !== roleOf(migrationUrl)) await grantServiceRole(owner.db, schema, role);
    return applied;
  } finally {
    await owner.close();
  }
}

/** Brings the database the service opened up to date: as the owner when a migration address is configured. */
export async function migrateFor(db: Kysely<DB>, options: { kind: string; url?: string; migrationUrl?: string }): Promise<string[]> {
  if (options.kind === 'postgres' && options.url && options.migrationUrl) {
    const applied = await migrateAsOwner(options.migrationUrl, options.url);
    await migrateSchema(db); // the service's own check: every migration it knows is applied
    return applied;
  }
  return migrateToLatest(db);
}
