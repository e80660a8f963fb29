import { CsvShapeError, scanCsv } from '../../platform/csv-read.js';
import { normalisePostcode } from './calc.js';

/*
 * The LA's two uploads, read as pure functions: columns matched by name (ONS's own headings too),
 * every row checked, and each bad row named by its line, column and value. Nothing is stored
 * unless every row is good.
 */

interface FieldDef {
  label: string;
  required: boolean;
  aliases: readonly (string | RegExp)[];
}

const norm = (s: string) => s.replace(/^\uFEFF/, '').replace(/\u00a0/g, ' ').trim().toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Bytes of an uploaded CSV as text: UTF-8, or Windows-1252 when it is not valid UTF-8. */
export function decodeCsv(bytes: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
}

type Parsed<K extends string> = { ok: true; rows: ({ line: number } & Record<K, string>)[] } | { ok: false; errors: string[] };

/** The rows with each field's cell, or what is wrong with the file (a missing column, a broken row). */
export function readTable<K extends string>(text: string, fields: Record<K, FieldDef>, what: string): Parsed<K> {
  let rows: { line: number; cells: string[] }[];
  try {
    rows = [...scanCsv(text.replace(/^\uFEFF/, ''))].filter((r) => r.cells.some((c) => c.trim() !== ''));
  } catch (error) {
    if (!(error instanceof CsvShapeError)) throw error;
    return { ok: false, errors: [`The file could not be read: ${error.message}`] };
  }
  const [header, ...body] = rows;
  if (!header || !body.length) return { ok: false, errors: [`The file has no rows: check it is the CSV of ${what}`] };
  const names = header.cells.map(norm);
  const index = {} as Record<K, number>;
  const missing: string[] = [];
  for (const [key, def] of Object.entries(fields) as [K, FieldDef][]) {
    const i = names.findIndex((n) => def.aliases.some((a) => (typeof a === 'string' ? a === n : a.test(n))));
    if (i >= 0) index[key] = i;
    else if (def.required) missing.push(`a column called “${def.label}”`);
  }
  if (missing.length) return { ok: false, errors: [`The file needs ${missing.join(' and ')}; its columns are ${header.cells.map((c) => `“${c.trim()}”`).join(', ')}`] };
  const wide = body.find((r) => r.cells.length > header.cells.length);
  if (wide) return { ok: false, errors: [`Row ${wide.line} has ${wide.cells.length} columns but the header has ${header.cells.length}`] };
  return {
    ok: true,
    rows: body.map((r) => ({ line: r.line, ...Object.fromEntries((Object.keys(index) as K[]).map((k) => [k, (r.cells[index[k]] ?? '').trim()])) }) as { line: number } & Record<K, string>),
  };
}

const wholeNumber = (v: string) => (/^\d{1,9}$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : null);

export const populationFields = {
  ward: { label: 'Ward', required: true, aliases: ['ward', 'ward name', 'electoral ward', /^wd\d{2}nm$/] },
  age: { label: 'Age', required: true, aliases: ['age', 'age in years', 'single year of age', 'age years'] },
  children: { label: 'Children', required: true, aliases: ['children', 'population', 'count', 'number', 'number of children', 'persons', 'total'] },
} as const;

/** Child population by ward and single year of age (0 to 17); each ward and age once. */
export function parsePopulation(text: string): { ok: true; rows: { ward: string; age: number; children: number }[] } | { ok: false; errors: string[] } {
  const table = readTable(text, populationFields, 'child population by ward and age');
  if (!table.ok) return table;
  const errors: string[] = [];
  const seen = new Map<string, number>();
  const rows: { ward: string; age: number; children: number }[] = [];
  for (const r of table.rows) {
    const age = wholeNumber(r.age);
    const children = wholeNumber(r.children);
    if (!r.ward) errors.push(`Row ${r.line}: “Ward” is empty`);
    if (age === null || age > 17) errors.push(`Row ${r.line}: “Age” is “${r.age}”: enter a whole number of years from 0 to 17`);
    if (children === null) errors.push(`Row ${r.line}: “Children” is “${r.children}”: enter a whole number of children`);
    if (!r.ward || age === null || age > 17 || children === null) continue;
    const key = `${r.ward.toLowerCase()}|${age}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(`Row ${r.line}: “${r.ward}” aged ${age} is already on row ${first}`);
    else seen.set(key, r.line);
    rows.push({ ward: r.ward, age, children });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

export const lookupFields = {
  postcode: { label: 'Postcode', required: true, aliases: ['postcode', 'post code', 'pcds', 'pcd', 'pcd7', 'pcd8', 'pcd2'] },
  ward: { label: 'Ward', required: true, aliases: ['ward', 'ward name', 'electoral ward', /^wd\d{2}nm$/] },
  wardCode: { label: 'Ward code', required: false, aliases: ['ward code', 'osward', /^wd\d{2}cd$/] },
} as const;

/** Postcode to ward (ONS's lookup or the LA's own); a postcode listed twice must name the same ward. */
export function parseWardLookup(text: string): { ok: true; rows: { postcode: string; ward: string; wardCode: string | null }[] } | { ok: false; errors: string[] } {
  const table = readTable(text, lookupFields, 'postcodes and their wards');
  if (!table.ok) return table;
  const errors: string[] = [];
  const byPostcode = new Map<string, { ward: string; line: number }>();
  const rows: { postcode: string; ward: string; wardCode: string | null }[] = [];
  for (const r of table.rows) {
    const postcode = normalisePostcode(r.postcode);
    if (!postcode) errors.push(`Row ${r.line}: “Postcode” is “${r.postcode}”, which is not a postcode`);
    if (!r.ward) errors.push(`Row ${r.line}: “Ward” is empty`);
    if (!postcode || !r.ward) continue;
    const before = byPostcode.get(postcode);
    if (before && before.ward !== r.ward) errors.push(`Row ${r.line}: postcode ${postcode} is in “${r.ward}” here but in “${before.ward}” on row ${before.line}`);
    if (before) continue;
    byPostcode.set(postcode, { ward: r.ward, line: r.line });
    rows.push({ postcode, ward: r.ward, wardCode: (r as { wardCode?: string }).wardCode || null });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
