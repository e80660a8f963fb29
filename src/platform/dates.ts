/** Dates are shown as staff write them: "3 March 2026", in Europe/London. */
const TIME_ZONE = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  // 'h12', not hour12: en-GB with hour12 writes noon and midnight as 0:00
  hourCycle: 'h12',
  timeZone: TIME_ZONE,
});

function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A bare calendar date ('2026-03-03') is a London date, not a UTC instant.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** "3 March 2026 at 2:05pm" */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const time = timeFormat.format(date).replace(' ', '').toLowerCase();
  return `${dateFormat.format(date)} at ${time}`;
}

/** The London calendar date of an instant, as 'YYYY-MM-DD'. */
const isoDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'shortOffset' });

export function londonDate(instant: Date): string {
  return isoDateFormat.format(instant);
}

/** The instant London's calendar day `YYYY-MM-DD` begins (handles GMT/BST). */
export function londonStartOfDay(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const offset = offsetFormat
    .formatToParts(utcMidnight)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)?/.exec(offset ?? '');
  const hours = match?.[1] ? Number.parseInt(match[1], 10) : 0;
  return new Date(utcMidnight.getTime() - hours * 3_600_000);
}

function londonOffsetHours(instant: Date): number {
  const offset = offsetFormat
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)?/.exec(offset ?? '');
  return match?.[1] ? Number.parseInt(match[1], 10) : 0;
}

/** The instant of a London wall-clock time ('2026-03-29', '09:30'), right across the clock changes. */
export function londonInstant(date: string, time: string): Date {
  const wall = new Date(`${date}T${time}:00Z`);
  const first = new Date(wall.getTime() - londonOffsetHours(wall) * 3_600_000);
  return new Date(wall.getTime() - londonOffsetHours(first) * 3_600_000);
}

/** A calendar date `days` later (or earlier), as 'YYYY-MM-DD'. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Is `value` a real calendar date written YYYY-MM-DD? */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A date typed into a filter box as staff write them — "3/3/2026", "03-03-2026", "3 March 2026",
 * "3 Mar 2026" or "2026-03-03" — as YYYY-MM-DD; null if it is not a real date.
 */
export function parseTypedDate(value: string): string | null {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  let y: number, m: number, d: number;
  let match: RegExpMatchArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(text))) {
    const name = match[2]!;
    const index = monthNames.findIndex((month) => name.length >= 3 && month.startsWith(name));
    if (index < 0) return null;
    [d, m, y] = [Number(match[1]), index + 1, Number(match[3])];
  } else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Calendar months later, on the same day of the month or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
