import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real Ofsted sample files the tests use, kept in the repository (test/fixtures/ofsted/, see its
 * README for source and licence) so `npm test` needs nothing beside a plain clone. The name
 * SHARED_DATA is kept so callers need no change; it no longer points outside the repository.
 */
export const OFSTED_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ofsted');
export const SHARED_DATA = OFSTED_FIXTURES;

/** A fixture's path; a missing file is an error (a test that needs it must fail, never skip). */
export function ofstedFixturePath(name: string): string {
  const file = path.join(OFSTED_FIXTURES, name);
  if (!existsSync(file)) {
    throw new Error(`Ofsted test fixture ${name} is missing: expected ${file} (the files are committed under test/fixtures/ofsted/; see its README.md)`);
  }
  return file;
}

/** A fixture's bytes, exactly as committed. */
export function sharedFile(name: string): Buffer {
  return readFileSync(ofstedFixturePath(name));
}

/** A small, independent CSV splitter for checking the importer's counts (not the importer's parser). */
export function naiveCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** Each provider's headline inspection, worked out independently of the app: latest full, else latest of any kind. */
export async function latestInspections(db: import('kysely').Kysely<import('../../src/db/types.js').DB>) {
  const { sql } = await import('kysely');
  const result = await sql<{ urn: string; la_code: string; name: string | null; kind: string; overall: string | null; inspection_date: string }>`
    select distinct on (i.urn) i.urn, p.la_code, p.name, i.kind, i.overall, i.inspection_date
    from inspections i join providers p on p.urn = i.urn
    order by i.urn, (i.kind = 'full') desc, i.inspection_date desc`.execute(db);
  return result.rows;
}

/** The Kent extract shipped with the demo: a real Ofsted file (2,061 providers). */
export function kentFile(): string {
  return readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'modules', 'demo', 'data', 'ofsted_providers_kent_2021-08-31.csv'), 'utf8');
}

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

/**
 * A hand-edited copy of an Ofsted CSV (as staff would make one): `edit` changes cells of a row by
 * column name, `added` rows are appended (cells by column name, the rest blank).
 */
export function editedCsv(text: string, edit: (row: Record<string, string>) => void, added: Record<string, string>[] = []): Buffer {
  const [header, ...rows] = naiveCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw new Error('no header');
  const out = [header.map(quote).join(',')];
  for (const cells of [...rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))), ...added]) {
    edit(cells);
    out.push(header.map((h) => quote(cells[h] ?? '')).join(','));
  }
  return Buffer.from(`${out.join('\r\n')}\r\n`, 'utf8');
}
