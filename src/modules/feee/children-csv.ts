import { CsvShapeError, scanCsv } from '../../platform/csv-read.js';
import { isIsoDate } from '../../platform/dates.js';
import type { Stream } from '../funding/index.js';

/*
 * The funded children for an audited term, exported from the LA's funding system as CSV. Only
 * what the audit needs: a child reference (no names), date of birth, entitlement, funded hours and
 * start date. Columns are matched by name; the auditor maps any that are not recognised.
 */

export const childFields = {
  childRef: { label: 'Child reference', required: true, aliases: ['child reference', 'child ref', 'reference', 'ref', 'child id', 'upn', 'child'] },
  dateOfBirth: { label: 'Date of birth', required: true, aliases: ['date of birth', 'dob', 'birth date', 'child dob'] },
  entitlement: { label: 'Entitlement type', required: true, aliases: ['entitlement type', 'entitlement', 'funding type', 'funding stream', 'type'] },
  fundedHours: { label: 'Funded hours', required: true, aliases: ['funded hours', 'hours', 'weekly hours', 'hours claimed', 'claimed hours'] },
  startDate: { label: 'Start date', required: false, aliases: ['start date', 'start', 'date started', 'funding start date'] },
} as const;
export type ChildField = keyof typeof childFields;
export type ColumnMapping = Partial<Record<ChildField, number>>;

export interface ChildRow {
  rowNumber: number;
  childRef: string;
  dateOfBirth: string;
  entitlement: Stream;
  fundedHours: number;
  startDate: string | null;
}

const norm = (s: string) => s.replace(/^\uFEFF/, '').replace(/\u00a0/g, ' ').trim().toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export interface CsvLine {
  /** the line of the file the row starts on (the header is line 1) */
  line: number;
  cells: string[];
}

/** The header and the rows; a row of the wrong width or an unclosed quote is a problem with the whole file. */
export function readCsv(text: string): { headers: string[]; rows: CsvLine[]; problem: string | null } {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    const [header, ...rows] = [...scanCsv(clean)].filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (!header) return { headers: [], rows: [], problem: null };
    const wrong = rows.find((r) => r.cells.length !== header.cells.length);
    const problem = wrong ? `Row ${wrong.line} has ${wrong.cells.length} columns but the header has ${header.cells.length}` : null;
    return { headers: header.cells.map((c) => c.trim()), rows: rows.map(({ line, cells }) => ({ line, cells })), problem };
  } catch (error) {
    if (!(error instanceof CsvShapeError)) throw error;
    return { headers: [], rows: [], problem: `The file could not be read: ${error.message}` };
  }
}

/** Matches each field to a column by its normalised name. */
export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const names = headers.map(norm);
  for (const [field, def] of Object.entries(childFields) as [ChildField, (typeof childFields)[ChildField]][]) {
    const index = names.findIndex((n) => (def.aliases as readonly string[]).includes(n));
    if (index >= 0) mapping[field] = index;
  }
  return mapping;
}

export function missingFields(mapping: ColumnMapping): ChildField[] {
  return (Object.keys(childFields) as ChildField[]).filter((f) => childFields[f].required && mapping[f] === undefined);
}

/** "FF2", "2 year old", "15 hours universal", "30 hours" … → a funding stream. */
export function entitlementOf(value: string): Stream | null {
  const v = norm(value);
  if (/\b(ff2|two|2 ?(year|yr)s? ?old|disadvantaged 2)\b/.test(v)) return 'ff2';
  if (/(under ?3|under three|9 months|working parent.*(2|under)|wp ?(2|u3)|u3)/.test(v)) return 'under_threes';
  if (/(extended|30 ?h|30 hours|working parent)/.test(v)) return 'extended';
  if (/(universal|15 ?h|15 hours|3 ?(and|&|-) ?4|3 4)/.test(v)) return 'universal';
  return null;
}

/** 01/02/2022, 1/2/2022 or 2022-02-01 → 2022-02-01 */
export function dateOf(value: string): string | null {
  const v = value.trim();
  let iso: string | null = null;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (uk) iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  return iso && isIsoDate(iso) ? iso : null;
}

/** Every row checked; any problem is reported with its row number (the header is row 1) and column. */
export function childRows(rows: readonly CsvLine[], headers: string[], mapping: ColumnMapping, today: string): { children: ChildRow[]; errors: string[] } {
  const children: ChildRow[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const col = (f: ChildField) => headers[mapping[f]!] ?? childFields[f].label;
  rows.forEach(({ line: rowNumber, cells }) => {
    const cell = (f: ChildField) => (mapping[f] === undefined ? '' : (cells[mapping[f]!] ?? '').replace(/\u00a0/g, ' ').trim());
    const problems: string[] = [];
    const childRef = cell('childRef');
    if (!childRef) problems.push(`“${col('childRef')}” is empty`);
    else if (seen.has(childRef)) problems.push(`child reference ${childRef} appears twice`);
    const dob = dateOf(cell('dateOfBirth'));
    if (!dob) problems.push(`“${col('dateOfBirth')}” is not a date (use 31/08/2022): “${cell('dateOfBirth')}”`);
    else if (dob > today) problems.push(`“${col('dateOfBirth')}” is in the future`);
    const entitlement = entitlementOf(cell('entitlement'));
    if (!entitlement) problems.push(`“${col('entitlement')}” is not an entitlement we know (FF2, universal 15 hours, extended 30 hours, under-threes): “${cell('entitlement')}”`);
    const hours = Number(cell('fundedHours'));
    if (!cell('fundedHours') || !Number.isFinite(hours) || hours < 0 || hours > 60) problems.push(`“${col('fundedHours')}” must be a number of hours from 0 to 60`);
    const startRaw = cell('startDate');
    const start = startRaw ? dateOf(startRaw) : null;
    if (startRaw && !start) problems.push(`“${col('startDate')}” is not a date: “${startRaw}”`);
    if (problems.length) errors.push(`Row ${rowNumber}: ${problems.join('; ')}`);
    else {
      seen.add(childRef);
      children.push({ rowNumber, childRef, dateOfBirth: dob!, entitlement: entitlement!, fundedHours: hours, startDate: start });
    }
  });
  return { children, errors };
}
