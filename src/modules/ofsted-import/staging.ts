import { sql, type Kysely } from 'kysely';
import { copyLines, copyRows } from '../../db/copy.js';
import type { DB } from '../../db/types.js';
import { inspectionLine, providerLine, rejectionLine, type LineContext } from './copy-lines.js';
import type { ReadResult } from './records.js';

/*
 * The temporary tables one file is read into (dropped when the transaction
 * ends); s_providers and s_inspections have the register's columns (see
 * copy-lines.ts).
 */

const tables = {
  s_providers: `urn text, la_code text, name text, provider_type text, provider_subtype text, status text,
    status_date date, registration_date date, registers text[], register_combination text, rp_urn text, rp_name text,
    address_line1 text, address_line2 text, address_line3 text, town text, postcode text, ward text, constituency text,
    places integer, places_estimate numeric, telephone text, redacted boolean, address_withheld text, source_hash text, source_date date,
    region text, ofsted_region text, deprivation_band text, secondary_provision_type text, childcare_periods text[],
    childcare_ages jsonb, status_history jsonb`,
  s_inspections: `id uuid, urn text, la_code text, kind text, inspection_date date, inspection_number text, inspection_type text,
    framework text, overall text, enforcement boolean, key_judgements jsonb, report_card jsonb, safeguarding_effective boolean, import_id uuid,
    ccr_requirements text, vcr_requirements text`,
  s_notices: 'urn text, la_code text, event_type text, event_date date, details text',
  s_rejections: 'row_number bigint, column_name text, reason text, urn text, la_code text',
  /** providers written straight into the register (new to EY Hub) */
  s_loaded: 'urn text, la_code text',
  /** rows identical to the ones that last set their providers, from a file newer than those */
  s_unchanged: 'urn text, la_code text',
  /** how many providers the file gives for each local authority */
  s_la_rows: 'la_code text, providers integer',
} as const;
export type StagingTable = keyof typeof tables;
export const stagingColumns = Object.fromEntries(
  Object.entries(tables).map(([table, columns]) => [table, columns.split(',').map((c) => c.trim().split(/\s+/)[0]!)]),
) as Record<StagingTable, string[]>;
const columnsOf = (table: StagingTable) => stagingColumns[table];

/** Creates the staging tables; notes which local authorities already have providers (their first import is a baseline). */
export async function createStagingTables(tx: Kysely<DB>): Promise<void> {
  for (const [table, columns] of Object.entries(tables)) await sql.raw(`create temp table ${table} (${columns}) on commit drop`).execute(tx);
  await sql`create temp table s_known_las on commit drop as
    select la_code from local_authorities l where exists (select 1 from providers p where p.la_code = l.la_code)`.execute(tx);
}

/** Loads COPY lines (s_providers and s_inspections take the register's columns, in its order). */
export function stageLines(tx: Kysely<DB>, table: StagingTable, lines: readonly string[]) {
  return lines.length ? tx.executeQuery(copyLines(table, columnsOf(table), lines)) : Promise.resolve();
}

export function stageRows(tx: Kysely<DB>, table: StagingTable, rows: readonly Record<string, unknown>[]) {
  return rows.length ? tx.executeQuery(copyRows(table, columnsOf(table), rows)) : Promise.resolve();
}

export function laRows(counts: ReadonlyMap<string, number>): Record<string, unknown>[] {
  return [...counts].map(([la_code, providers]) => ({ la_code, providers }));
}

const BATCH = 20_000;

/** Stages records read in TypeScript (the XML extract), in batches so progress can be shown. */
export async function stageRecords(tx: Kysely<DB>, read: ReadResult, ctx: LineContext, onProgress?: (done: number, total: number) => void): Promise<void> {
  await createStagingTables(tx);
  const total = read.providers.length + read.inspections.length;
  let staged = 0;
  const batches = async (table: StagingTable, lines: readonly string[]) => {
    for (let i = 0; i < lines.length; i += BATCH) {
      await stageLines(tx, table, lines.slice(i, i + BATCH));
      onProgress?.(staged + Math.min(lines.length, i + BATCH), total);
    }
    staged += lines.length;
  };
  await batches('s_providers', read.providers.map((p) => providerLine(p, null, ctx)));
  await batches('s_inspections', read.inspections.map((i) => inspectionLine(i, ctx)));
  await stageRows(tx, 's_notices', read.notices as unknown as Record<string, unknown>[]);
  await stageLines(tx, 's_rejections', read.rejections.map(rejectionLine));
  const counts = new Map<string, number>();
  for (const p of read.providers) counts.set(p.la_code, (counts.get(p.la_code) ?? 0) + 1);
  await stageRows(tx, 's_la_rows', laRows(counts));
}
