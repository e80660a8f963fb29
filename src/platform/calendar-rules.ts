/*
 * England and Wales bank holidays by rule, for any year (issue 19.8: "today deadlines after 2030 are
 * silently wrong"). The Banking and Financial Dealings Act 1971 and the annual proclamations give:
 * New Year's Day, Good Friday, Easter Monday, the first Monday in May, the last Monday in May, the
 * last Monday in August, Christmas Day and Boxing Day; when New Year's Day, Christmas Day or Boxing
 * Day falls on a weekend, the next weekday not already a holiday is the substitute day. One-off
 * changes (VE Day 2020, the Platinum Jubilee and the State Funeral in 2022, the Coronation in 2023)
 * are proclaimed each time: the shipped list (GOV.UK's) wins for every year it covers.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function firstMonday(year: number, month: number): string {
  const offset = (8 - weekday(year, month, 1)) % 7;
  return iso(year, month, 1 + offset);
}

function lastMonday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (weekday(year, month, last) + 6) % 7;
  return iso(year, month, last - offset);
}

const isWeekend = (date: string) => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** The bank holidays of `year` in England and Wales by the standing rules, with substitute days. */
export function bankHolidaysByRule(year: number): string[] {
  const easter = easterSunday(year);
  const days = new Set<string>([shift(easter, -2), shift(easter, 1), firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8)]);
  // the fixed days: each on its date, or the next weekday not already taken when that is a weekend
  for (const fixed of [iso(year, 1, 1), iso(year, 12, 25), iso(year, 12, 26)]) {
    let day = fixed;
    while (isWeekend(day) || days.has(day)) day = shift(day, 1);
    days.add(day);
  }
  return [...days].sort();
}

/**
 * The bank holidays of the years `from` to `to`: the shipped list for each year it covers (it carries
 * the one-off changes), the rules for every other year.
 */
export function bankHolidays(shipped: readonly string[], from: number, to: number): string[] {
  const listed = new Set(shipped.map((d) => Number(d.slice(0, 4))));
  const days: string[] = [];
  for (let year = from; year <= to; year++) days.push(...(listed.has(year) ? shipped.filter((d) => d.startsWith(`${year}-`)) : bankHolidaysByRule(year)));
  return days.sort();
}
