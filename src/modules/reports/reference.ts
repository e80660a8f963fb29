import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { scanCsv } from '../../platform/csv-read.js';
import { isIsoDate } from '../../platform/dates.js';
import { loadLocalAuthorityData } from '../local-authorities/index.js';

/*
 * A national Ofsted provider file ("Childcare providers and inspections: management information",
 * any year's columns) read as REFERENCE data for the comparison with England (ADR 0022). It goes
 * into reference_providers, replacing the previous file's rows, and never into the register:
 * nothing here touches providers, inspections or an import's change records.
 */

export interface ReferenceRow {
  urn: string;
  areaCode: string | null;
  region: string | null;
  providerType: string | null;
  onEyr: boolean;
  overall: string | null;
  inspectionDate: string | null;
}

export class ReferenceFileError extends Error {}

const norm = (s: string) => s.replace(/\u00a0/g, ' ').replace(/[^a-z0-9:]+/gi, ' ').trim().toLowerCase();

const columns = {
  urn: ['provider urn'],
  la: ['local authority'],
  type: ['provider type'],
  status: ['provider status'],
  combination: ['individual register combinations'],
  eyrFlag: ['provider early years register flag'],
  overall: ['most recent full: overall effectiveness', 'overall effectiveness', 'most recent full inspection: overall effectiveness'],
  date: ['most recent full: inspection date', 'inspection date', 'most recent full inspection: inspection date'],
} as const;

/** Ofsted's outcomes as EY Hub writes them: the grades 1 to 4 in numbers or words; Met and Not met (no children on roll). */
export function referenceOutcome(value: string): string | null {
  const v = norm(value);
  const outcomes: Record<string, string> = {
    '1': 'outstanding', outstanding: 'outstanding', '2': 'good', good: 'good', '3': 'requires_improvement', 'requires improvement': 'requires_improvement',
    satisfactory: 'satisfactory', '4': 'inadequate', inadequate: 'inadequate', met: 'met', 'not met': 'not_met', 'not met with actions': 'not_met', 'not met with enforcement': 'not_met',
  };
  return outcomes[v] ?? null;
}

function isoDate(value: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(value.trim());
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value.trim().slice(0, 10);
  return isIsoDate(iso) ? iso : null;
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The date a file is as at, from its name (ofsted_providers_2021-08-31.csv), or null. */
export function asAtFromName(fileName: string): string | null {
  const m = /(\d{4}-\d{2}-\d{2})/.exec(fileName);
  return m && isIsoDate(m[1]!) ? m[1]! : null;
}

/** Reads the registered (active) providers of a national file, each with its local authority's code and region. */
export function readReferenceFile(bytes: Uint8Array): ReferenceRow[] {
  const text = decode(bytes);
  const byName = new Map<string, { code: string; region: string }>();
  for (const la of loadLocalAuthorityData()) for (const name of [la.name, ...la.ofstedNames]) byName.set(norm(name), { code: la.laCode, region: la.region });
  const at = text.search(/provider urn/i);
  if (at < 0) throw new ReferenceFileError('No header row with “Provider URN”: it is not Ofsted’s provider-level file');
  const rows = scanCsv(text.slice(text.lastIndexOf('\n', at) + 1));
  let index: Record<keyof typeof columns, number> | null = null;
  const out: ReferenceRow[] = [];
  for (const row of rows) {
    if (!index) {
      const header = row.cells.map(norm);
      const find = (names: readonly string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
      index = Object.fromEntries(Object.entries(columns).map(([k, names]) => [k, find(names)])) as Record<keyof typeof columns, number>;
      if (index.urn < 0 || index.la < 0 || index.type < 0) throw new ReferenceFileError('The file has no “Provider URN”, “Local authority” or “Provider type” column: it is not Ofsted’s provider-level file');
      continue;
    }
    const cell = (k: keyof typeof columns) => (index![k] >= 0 ? (row.cells[index![k]] ?? '').trim() : '');
    const urn = cell('urn');
    if (!urn) continue;
    const status = cell('status');
    if (status && !/^active/i.test(status)) continue;
    const combination = cell('combination').toUpperCase();
    const onEyr = combination ? combination === 'ALL' || combination.includes('EYR') : /^y/i.test(cell('eyrFlag'));
    const la = byName.get(norm(cell('la')));
    out.push({ urn, areaCode: la?.code ?? null, region: la?.region ?? null, providerType: cell('type') || null, onEyr, overall: referenceOutcome(cell('overall')), inspectionDate: isoDate(cell('date')) });
  }
  return out;
}

/** Replaces the reference data with this file's rows, in one transaction; returns the file's id. */
export async function saveReferenceFile(db: Kysely<DB>, file: { fileName: string; asAt: string; rows: ReferenceRow[]; at: Date }): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('reference_files').execute();
    const { id } = await tx.insertInto('reference_files').values({ file_name: file.fileName, as_at: file.asAt, rows: file.rows.length, imported_at: file.at }).returning('id').executeTakeFirstOrThrow();
    const unique = [...new Map(file.rows.map((r) => [r.urn, r])).values()];
    for (let i = 0; i < unique.length; i += 20_000) {
      const chunk = unique.slice(i, i + 20_000);
      const col = <T>(f: (r: ReferenceRow) => T) => chunk.map(f);
      await sql`insert into reference_providers (file_id, urn, area_code, region, provider_type, on_eyr, overall, inspection_date)
        select ${id}::uuid, * from unnest(${col((r) => r.urn)}::text[], ${col((r) => r.areaCode)}::text[], ${col((r) => r.region)}::text[],
          ${col((r) => r.providerType)}::text[], ${col((r) => r.onEyr)}::boolean[], ${col((r) => r.overall)}::text[], ${col((r) => r.inspectionDate)}::date[])`.execute(tx);
    }
    return id;
  });
}

/** The reference file in use, if any. */
export function referenceFile(db: Kysely<DB>) {
  return db.selectFrom('reference_files').select(['id', 'file_name', 'as_at', 'rows', 'imported_at']).executeTakeFirst();
}

/** Reads and keeps a national file as reference data. The file's date comes from `asAt` or its name. */
export async function importReferenceFile(db: Kysely<DB>, input: { bytes: Uint8Array; fileName: string; asAt: string | null; at: Date }): Promise<{ rows: number; asAt: string }> {
  const asAt = input.asAt ?? asAtFromName(input.fileName);
  if (!asAt || !isIsoDate(asAt)) throw new ReferenceFileError('Give the date the file is as at (--as-at YYYY-MM-DD): its name does not say');
  const rows = readReferenceFile(input.bytes);
  if (!rows.length) throw new ReferenceFileError('The file has no registered providers');
  await saveReferenceFile(db, { fileName: input.fileName, asAt, rows, at: input.at });
  return { rows: rows.length, asAt };
}
