/**
 * Pure functions that turn Ofsted's cell values into EY Hub's values. Each
 * returns `{ error }` rather than throwing, so a bad cell rejects its row with
 * a reason and the rest of the file goes in.
 */

import { providerStatusCodes, providerStatuses, providerTypeCodes, providerTypes, type Outcome, type ProviderStatus, type ProviderType, type ReportCardGrade } from '../vocabulary/index.js';

export { reportCardGrades, reportCardGradesWeakestFirst, type Outcome, type ReportCardGrade } from '../vocabulary/index.js';

export type Parsed<T> = { value: T } | { error: string };

const EMPTY = new Set(['', '-', 'null', 'n/a', 'not applicable']);

export function isBlank(value: string | undefined | null): boolean {
  if (value === undefined || value === null || value === '') return true;
  return value.length <= 20 && EMPTY.has(value.trim().toLowerCase());
}

/** "REDACTED" is Ofsted hiding a childminder's details: not known, never the text itself. */
export function text(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return null;
  const trimmed = /\s\s|[\t\r\n]/.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim();
  if (trimmed === '' || (trimmed.length === 8 && trimmed.toUpperCase() === 'REDACTED')) return null;
  return trimmed;
}

export function isRedacted(value: string | undefined | null): boolean {
  if (!value || value.length < 8) return false;
  const v = value.trim();
  return v.length === 8 && v.toUpperCase() === 'REDACTED';
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*-\s*\d{1,2}\/\d{1,2}\/\d{4})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

/** dd/mm/yyyy, dd/mm/yyyy hh:mm, yyyy-mm-dd, yyyy-mm-ddThh:mm:ss, or a range "dd/mm/yyyy - dd/mm/yyyy" (its first day). */
export function parseDate(value: string | undefined | null): Parsed<string | null> {
  if (isBlank(value)) return { value: null };
  const v = value!.trim();
  const uk = UK_DATE.exec(v);
  const iso = uk ? null : ISO_DATE.exec(v);
  let date: string | null = null;
  if (uk) date = isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  else if (iso) date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else return { error: `“${v}” is not a date` };
  return date ? { value: date } : { error: `“${v}” is not a real date` };
}

const outcomeWords = new Map<string, Outcome>(Object.entries({
  '1': 'outstanding',
  '2': 'good',
  '3': 'requires_improvement',
  '4': 'inadequate',
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement': 'requires_improvement',
  inadequate: 'inadequate',
  'inadequate 1': 'inadequate',
  'inadequate 2': 'inadequate',
  satisfactory: 'satisfactory',
  met: 'met',
  'not met with actions': 'not_met_actions',
  'not met actions': 'not_met_actions',
  'not met with enforcement': 'not_met_enforcement',
  'not met enforcement': 'not_met_enforcement',
  effective: 'effective',
  ineffective: 'ineffective',
  'not effective': 'ineffective',
} satisfies Record<string, Outcome>));

/** Overall effectiveness as a code (CSV) or in words (XML), Met / Not met, and agency outcomes. */
export function parseOutcome(value: string | undefined | null): Parsed<Outcome | null> {
  if (isBlank(value)) return { value: null };
  const outcome = outcomeWords.get(value!) ?? outcomeWords.get(value!.toLowerCase().replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim());
  return outcome ? { value: outcome } : { error: `“${value!.trim()}” is not an inspection outcome` };
}

const requirementOutcomes: ReadonlySet<Outcome> = new Set(['met', 'not_met_actions', 'not_met_enforcement']);

/** A Childcare Register "requirements suitability" judgement: Met, Not Met (with actions) or Not Met (enforcement). */
export function parseRequirements(value: string | undefined | null): Parsed<Outcome | null> {
  const parsed = parseOutcome(value);
  if ('error' in parsed || parsed.value === null || requirementOutcomes.has(parsed.value)) return parsed;
  return { error: `“${value!.trim()}” is not a requirements judgement (Met, Not Met (with actions), Not Met (enforcement))` };
}

/** "Inadequate 1" is Inadequate with enforcement action; keep that fact. */
export function isEnforcementInadequate(value: string | undefined | null): boolean {
  return (value ?? '').trim().toLowerCase() === 'inadequate 1';
}


/** Ofsted's own wording of a provider type, whatever the case, or its XML code; an unknown one is an error. */
export function parseProviderType(value: string | undefined | null): Parsed<ProviderType | null> {
  const v = text(value);
  if (!v) return { value: null };
  const known = providerTypeCodes[v.toUpperCase()] ?? providerTypes.find((t) => t.toLowerCase() === v.toLowerCase());
  return known ? { value: known } : { error: `“${v}” is not an Ofsted provider type (${providerTypes.join(', ')})` };
}

/** A registration status in words ("ACTIVE - SUSPENDED") or as the XML's code (RESG); an unknown one is an error. */
export function parseStatus(value: string | undefined | null): Parsed<ProviderStatus | null> {
  const v = text(value);
  if (!v) return { value: null };
  const key = v.toLowerCase().replace(/\s*-\s*/g, ' - ');
  const known = providerStatusCodes[v.toUpperCase()] ?? providerStatuses.find((s) => s.toLowerCase() === key);
  return known ? { value: known } : { error: `“${v}” is not a registration status (${providerStatuses.join(', ')})` };
}

/** URNs are strings: EY123456, 6 or 7 digits, VC123456, CA000006. */
export function parseUrn(value: string | undefined | null): Parsed<string> {
  const v = (value ?? '').trim().toUpperCase();
  if (v === '') return { error: 'URN is empty' };
  if (!/^[A-Z]{0,3}\d{5,8}$/.test(v)) return { error: `“${value!.trim()}” is not an Ofsted URN` };
  return { value: v };
}

const gradeWords = new Map<string, ReportCardGrade>(Object.entries({
  exceptional: 'exceptional',
  'strong standard': 'strong_standard',
  'expected standard': 'expected_standard',
  'needs attention': 'needs_attention',
  'urgent improvement': 'urgent_improvement',
} satisfies Record<string, ReportCardGrade>));

/** A report-card evaluation area on the 5-point scale. */
export function parseReportCardGrade(value: string | undefined | null): Parsed<ReportCardGrade | null> {
  if (isBlank(value)) return { value: null };
  const grade = gradeWords.get(value!.toLowerCase().replace(/\s+/g, ' ').trim());
  return grade ? { value: grade } : { error: `“${value!.trim()}” is not a report card grade` };
}

/** "Safeguarding is effective?" and "Safeguarding standards met": Yes / No, Met / Not met. */
export function parseYesNo(value: string | undefined | null): Parsed<boolean | null> {
  if (isBlank(value)) return { value: null };
  const v = value!.trim().toLowerCase();
  if (v === 'yes' || v === 'y' || v === 'met' || v === 'true') return { value: true };
  if (v === 'no' || v === 'n' || v === 'not met' || v === 'false') return { value: false };
  return { error: `“${value!.trim()}” is not yes or no` };
}

/** Places: a whole or decimal number, thousands separators allowed. */
export function parseNumber(value: string | undefined | null): Parsed<number | null> {
  if (isBlank(value)) return { value: null };
  const v = value!.replace(/,/g, '').trim();
  return /^\d+(\.\d+)?$/.test(v) ? { value: Number(v) } : { error: `“${value!.trim()}” is not a number` };
}

/** A local authority's name as a key: "Bath & North East Somerset" and "Bath and North East Somerset" match. */
export function localAuthorityKey(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
}
