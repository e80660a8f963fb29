import { addDays, addMonths, formatDate, isIsoDate } from '../../platform/dates.js';

/*
 * The periods a report covers: a financial quarter (April to June is Q1), a financial year
 * (April to March), an academic year (September to August) or any dates. `from` is the first day,
 * `to` the day after the last (London dates). Each has a key used in addresses and for the
 * narrative saved with it.
 */

export type PeriodKind = 'quarter' | 'financial-year' | 'academic-year' | 'custom';

export interface Period {
  kind: PeriodKind;
  key: string;
  from: string;
  to: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthName = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });

/** The financial quarter a date is in: Q1 is April to June. */
export function quarterOf(date: string): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const start = `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
  return quarterStarting(start);
}

function quarterStarting(from: string): Period {
  const [y, m] = from.split('-').map(Number) as [number, number];
  const to = addMonths(from, 3);
  const fyStart = m >= 4 ? y : y - 1;
  const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
  const last = addDays(to, -1);
  return { kind: 'quarter', key: `q-${from.slice(0, 7)}`, from, to, label: `Q${q} ${fyStart}-${String(fyStart + 1).slice(2)} (${monthName(from)} to ${monthName(last)} ${last.slice(0, 4)})` };
}

function financialYear(startYear: number): Period {
  return { kind: 'financial-year', key: `fy-${startYear}`, from: `${startYear}-04-01`, to: `${startYear + 1}-04-01`, label: `Financial year ${startYear}-${String(startYear + 1).slice(2)} (April ${startYear} to March ${startYear + 1})` };
}

function academicYear(startYear: number): Period {
  return { kind: 'academic-year', key: `ay-${startYear}`, from: `${startYear}-09-01`, to: `${startYear + 1}-09-01`, label: `Academic year ${startYear} to ${startYear + 1} (September to August)` };
}

function custom(from: string, to: string): Period {
  return { kind: 'custom', key: `d-${from}-${to}`, from, to, label: `${formatDate(from)} to ${formatDate(addDays(to, -1))}` };
}

/** The period a key names, or null when the key is not one. */
export function periodFromKey(key: string): Period | null {
  let m = /^q-(\d{4})-(\d{2})$/.exec(key);
  if (m && ['01', '04', '07', '10'].includes(m[2]!)) return quarterStarting(`${m[1]}-${m[2]}-01`);
  m = /^(fy|ay)-(\d{4})$/.exec(key);
  if (m) return m[1] === 'fy' ? financialYear(Number(m[2])) : academicYear(Number(m[2]));
  m = /^d-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (m && isIsoDate(m[1]!) && isIsoDate(m[2]!) && m[1]! < m[2]!) return custom(m[1]!, m[2]!);
  return null;
}

/** Custom dates as typed: first and last day, both included. */
export function customPeriod(first: string, last: string): Period {
  return custom(first, addDays(last, 1));
}

/** The period before: the quarter or year before, or the same number of days just before custom dates. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'quarter') return quarterStarting(addMonths(p.from, -3));
  if (p.kind === 'financial-year') return financialYear(Number(p.from.slice(0, 4)) - 1);
  if (p.kind === 'academic-year') return academicYear(Number(p.from.slice(0, 4)) - 1);
  const days = Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);
  return custom(addDays(p.from, -days), p.from);
}

/** The last whole financial quarter before `today` (the quarter a report is written about). */
export function lastWholeQuarter(today: string): Period {
  return previousPeriod(quarterOf(today));
}

/** The periods to choose from on the dashboard: the last eight quarters, and three financial and academic years, newest first. */
export function periodChoices(today: string): Period[] {
  const quarters: Period[] = [];
  for (let q = quarterOf(today); quarters.length < 8; q = previousPeriod(q)) quarters.push(q);
  const y = Number(today.slice(0, 4));
  const fy = today.slice(5) >= '04-01' ? y : y - 1;
  const ay = today.slice(5) >= '09-01' ? y : y - 1;
  return [...quarters, ...[0, 1, 2].map((i) => financialYear(fy - i)), ...[0, 1, 2].map((i) => academicYear(ay - i))];
}
