import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';

const DEFAULT_THRESHOLD = 20;
const CHUNK = 5000;

export async function settings(tenant: TenantDb) {
  const row = await tenant.selectFrom('sufficiency_settings').selectAll().executeTakeFirst();
  return { threshold: row ? Number(row.threshold) : DEFAULT_THRESHOLD, populationFile: row?.population_file ?? null, populationAt: row?.population_uploaded_at ?? null, lookupFile: row?.lookup_file ?? null, lookupAt: row?.lookup_uploaded_at ?? null };
}

type SettingsChange = Partial<{ threshold: number; population_file: string; population_uploaded_at: Date; population_uploaded_by: string; lookup_file: string; lookup_uploaded_at: Date; lookup_uploaded_by: string }>;
async function saveSettings(tenant: TenantDb, change: SettingsChange): Promise<void> {
  await tenant.insertInto('sufficiency_settings', { threshold: DEFAULT_THRESHOLD, ...change }).onConflict((oc) => oc.column('la_code').doUpdateSet(change)).execute();
}

export async function setThreshold(tenant: TenantDb, threshold: number): Promise<void> {
  await saveSettings(tenant, { threshold });
}

async function insertChunks<T>(rows: readonly T[], insert: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** The LA's population replaced by the file's, in one transaction. */
export async function replacePopulation(tenant: TenantDb, rows: readonly { ward: string; age: number; children: number }[], fileName: string, now: Date): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.deleteFrom('sufficiency_population').execute();
    await insertChunks(rows, (chunk) => tx.insertInto('sufficiency_population', chunk.map((r) => ({ ward: r.ward, age: r.age, children: r.children }))).execute());
    await saveSettings(tx, { population_file: fileName, population_uploaded_at: now, population_uploaded_by: tx.scope.userId });
  });
}

/** The LA's postcode-to-ward lookup replaced by the file's, in one transaction. */
export async function replaceLookup(tenant: TenantDb, rows: readonly { postcode: string; ward: string; wardCode: string | null }[], fileName: string, now: Date): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.deleteFrom('sufficiency_ward_lookup').execute();
    await insertChunks(rows, (chunk) => tx.insertInto('sufficiency_ward_lookup', chunk.map((r) => ({ postcode: r.postcode, ward: r.ward, ward_code: r.wardCode }))).execute());
    await saveSettings(tx, { lookup_file: fileName, lookup_uploaded_at: now, lookup_uploaded_by: tx.scope.userId });
  });
}

export async function population(tenant: TenantDb) {
  return tenant.selectFrom('sufficiency_population').select(['ward', 'age', 'children']).execute();
}

/**
 * The LA's active settings with their ward: the LA's postcode lookup where it has the postcode,
 * otherwise the ward Ofsted's file gave.
 */
export async function activeSettings(tenant: TenantDb) {
  return tenant
    .selectFrom('providers')
    .leftJoin('sufficiency_ward_lookup as l', (join) => join.onRef('l.la_code', '=', 'providers.la_code').on(sql`l.postcode`, '=', sql`upper(regexp_replace(providers.postcode, '^\\s*(\\S+?)\\s*(\\d[A-Za-z]{2})\\s*$', '\\1 \\2'))`))
    .select(['providers.urn', 'providers.name', 'providers.redacted', 'providers.postcode', 'providers.provider_type', 'providers.registers', 'providers.places', sql<string | null>`coalesce(l.ward, providers.ward)`.as('ward')])
    .where('providers.status', '=', 'Active')
    .where('providers.provider_type', '<>', 'Childminder agency')
    .orderBy('providers.urn')
    .execute();
}
