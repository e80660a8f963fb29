import type { AgeBand } from './calc.js';

/*
 * The termly vacancy return a setting sends through the portal: places and vacancies by age band,
 * the waiting list, funded places offered, opening hours and weeks a year. Pure functions.
 */

export const returnBands = {
  under_2: { label: 'Under 2', band: 'early_years' },
  two: { label: '2 year olds', band: 'early_years' },
  three_four: { label: '3 and 4 year olds', band: 'early_years' },
  school: { label: 'School age (5 and over)', band: 'school_age' },
} as const satisfies Record<string, { label: string; band: AgeBand }>;
export type ReturnBand = keyof typeof returnBands;
export const returnBandKeys = Object.keys(returnBands) as ReturnBand[];

export type ReturnFigures = Record<ReturnBand, { places: number; vacancies: number }>;

/** England's school terms as the return asks for them: Autumn (September to December), Spring (January to March), Summer (April to August). */
export function termOf(date: string): { key: string; label: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const season = m >= 9 ? 'autumn' : m >= 4 ? 'summer' : 'spring';
  return { key: `${y}-${season}`, label: termLabel(`${y}-${season}`) };
}

export function termLabel(key: string): string {
  const [y, season] = key.split('-') as [string, string];
  return `${season.charAt(0).toUpperCase()}${season.slice(1)} ${y}`;
}

export interface ReturnForm {
  figures: ReturnFigures;
  waitingList: number;
  fundedPlaces: number;
  opensAt: string;
  closesAt: string;
  weeksPerYear: number;
}

const count = (v: unknown) => {
  const s = typeof v === 'string' ? v.trim() : '';
  return /^\d{1,5}$/.test(s) ? Number(s) : null;
};
const time = (v: unknown) => {
  const s = typeof v === 'string' ? v.trim().toLowerCase().replace('.', ':') : '';
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (m[3] === 'pm' && h < 12) h += 12;
  if (m[3] === 'am' && h === 12) h = 0;
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
};

/** The posted form as a return, or the problems by field (each message names what to enter). */
export function readReturnForm(body: Record<string, unknown>): { ok: true; value: ReturnForm } | { ok: false; problems: [string, string][] } {
  const problems: [string, string][] = [];
  const figures = {} as ReturnFigures;
  for (const b of returnBandKeys) {
    const label = returnBands[b].label.toLowerCase();
    const places = count(body[`places-${b}`]);
    const vacancies = count(body[`vacancies-${b}`]);
    if (places === null) problems.push([`places-${b}`, `Enter the number of places for ${label}, or 0`]);
    if (vacancies === null) problems.push([`vacancies-${b}`, `Enter the number of vacancies for ${label}, or 0`]);
    else if (places !== null && vacancies > places) problems.push([`vacancies-${b}`, `Vacancies for ${label} cannot be more than the places (${places})`]);
    figures[b] = { places: places ?? 0, vacancies: vacancies ?? 0 };
  }
  const waitingList = count(body.waitingList);
  if (waitingList === null) problems.push(['waitingList', 'Enter the number of children on your waiting list, or 0']);
  const fundedPlaces = count(body.fundedPlaces);
  if (fundedPlaces === null) problems.push(['fundedPlaces', 'Enter the number of funded places you offer, or 0']);
  const opensAt = time(body.opensAt);
  if (!opensAt) problems.push(['opensAt', 'Enter the time you open, like 8:00am']);
  const closesAt = time(body.closesAt);
  if (!closesAt) problems.push(['closesAt', 'Enter the time you close, like 6:00pm']);
  else if (opensAt && closesAt <= opensAt) problems.push(['closesAt', 'The closing time must be after the opening time']);
  const weeks = count(body.weeksPerYear);
  if (weeks === null || weeks < 1 || weeks > 52) problems.push(['weeksPerYear', 'Enter the weeks a year you are open, from 1 to 52']);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { figures, waitingList: waitingList!, fundedPlaces: fundedPlaces!, opensAt: opensAt!, closesAt: closesAt!, weeksPerYear: weeks! } };
}

/** Vacancies by the sufficiency page's age bands. */
export function vacanciesByBand(figures: ReturnFigures): Record<AgeBand, number> {
  const out: Record<AgeBand, number> = { early_years: 0, school_age: 0 };
  for (const b of returnBandKeys) out[returnBands[b].band] += figures[b]?.vacancies ?? 0;
  return out;
}

const seasons = ['spring', 'summer', 'autumn'] as const;
/** This term and the `n - 1` before it, newest first ("2026-autumn", "2026-summer", …). */
export function recentTerms(date: string, n: number): string[] {
  const [y, season] = termOf(date).key.split('-') as [string, (typeof seasons)[number]];
  let year = Number(y);
  let i = seasons.indexOf(season);
  const out: string[] = [];
  while (out.length < n) {
    out.push(`${year}-${seasons[i]}`);
    i -= 1;
    if (i < 0) { i = 2; year -= 1; }
  }
  return out;
}
