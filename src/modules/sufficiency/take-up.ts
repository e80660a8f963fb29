import type { TenantDb } from '../../db/tenant.js';
import { wardKey } from './calc.js';
import { readTable } from './uploads.js';

/*
 * FEEE take-up: the FEEE co-ordinator and CISOs "monitor the uptake of FEEE throughout
 * Leicestershire and identify where there is low uptake, supporting the local authority's
 * sufficiency duty". The funding system's headcount (children funded by setting and age band) is
 * set against the population of that age in each ward, by the setting's ward.
 */

export const takeUpBands = { two: { label: '2 year olds', ages: [2] }, three_four: { label: '3 and 4 year olds', ages: [3, 4] } } as const;
export type TakeUpBand = keyof typeof takeUpBands;

/** Funded children per 100 children of that age; null with no population. */
export function takeUpRate(funded: number, population: number): number | null {
  return population > 0 ? Math.round((funded / population) * 1000) / 10 : null;
}

/** "FF2", "2", "Two year olds" → two; "3", "4", "3-4", "Universal", "Extended", "30 hours" → three_four. */
export function takeUpBandOf(value: string): TakeUpBand | null {
  const v = value.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (/^(2|ff2|two|2 years?( olds?)?|two years? olds?|disadvantaged 2)$/.test(v)) return 'two';
  if (/^(3|4|3 4|3 and 4|3 4 years? olds?|universal|extended|15 hours|30 hours|three|four)/.test(v)) return 'three_four';
  return null;
}

export const headcountFields = {
  urn: { label: 'URN', required: true, aliases: ['urn', 'ofsted urn', 'provider urn', 'setting urn', 'ofsted number'] },
  band: { label: 'Age band', required: true, aliases: ['age band', 'age', 'entitlement', 'entitlement type', 'funding type', 'funding stream'] },
  children: { label: 'Children', required: true, aliases: ['children', 'headcount', 'funded children', 'count', 'number of children', 'number'] },
} as const;

/** The headcount rows, totalled by setting and band; every bad row named, an unknown URN too. */
export function parseHeadcount(text: string, knownUrns: ReadonlySet<string>): { ok: true; rows: { urn: string; band: TakeUpBand; children: number }[] } | { ok: false; errors: string[] } {
  const table = readTable(text, headcountFields, 'funded children by setting and age band');
  if (!table.ok) return table;
  const errors: string[] = [];
  const totals = new Map<string, { urn: string; band: TakeUpBand; children: number }>();
  for (const r of table.rows) {
    const urn = r.urn.toUpperCase().replace(/\s+/g, '');
    const band = takeUpBandOf(r.band);
    const children = /^\d{1,6}$/.test(r.children) ? Number(r.children) : null;
    if (!knownUrns.has(urn)) errors.push(`Row ${r.line}: “URN” is “${r.urn}”, which is not one of your local authority's settings`);
    if (!band) errors.push(`Row ${r.line}: “Age band” is “${r.band}”: use 2 (or FF2) or 3 and 4 (or universal, extended)`);
    if (children === null) errors.push(`Row ${r.line}: “Children” is “${r.children}”: enter a whole number of children`);
    if (!knownUrns.has(urn) || !band || children === null) continue;
    const key = `${urn}|${band}`;
    const t = totals.get(key) ?? { urn, band, children: 0 };
    t.children += children;
    totals.set(key, t);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows: [...totals.values()] };
}

/** Take-up by ward and band: funded children at the ward's settings per 100 children of that age living in it. */
export function takeUpByWard(headcount: readonly { ward: string | null; band: TakeUpBand; children: number }[], population: readonly { ward: string; age: number; children: number }[]) {
  const wards = new Map<string, { ward: string; funded: Record<TakeUpBand, number>; population: Record<TakeUpBand, number> }>();
  const entry = (ward: string) => {
    const w = wards.get(wardKey(ward)) ?? { ward: ward.trim(), funded: { two: 0, three_four: 0 }, population: { two: 0, three_four: 0 } };
    wards.set(wardKey(ward), w);
    return w;
  };
  for (const p of population) for (const b of Object.keys(takeUpBands) as TakeUpBand[]) if ((takeUpBands[b].ages as readonly number[]).includes(p.age)) entry(p.ward).population[b] += p.children;
  for (const h of headcount) if (h.ward) entry(h.ward).funded[h.band] += h.children;
  return [...wards.values()].map((w) => ({ ...w, rate: { two: takeUpRate(w.funded.two, w.population.two), three_four: takeUpRate(w.funded.three_four, w.population.three_four) } })).sort((a, b) => a.ward.localeCompare(b.ward, 'en-GB'));
}

export async function replaceHeadcount(tenant: TenantDb, term: string, rows: readonly { urn: string; band: TakeUpBand; children: number }[]): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.deleteFrom('sufficiency_feee_headcounts').where('term', '=', term).execute();
    if (rows.length) await tx.insertInto('sufficiency_feee_headcounts', rows.map((r) => ({ term, urn: r.urn, age_band: r.band, children: r.children }))).execute();
  });
}

export async function headcountTerms(tenant: TenantDb) {
  return (await tenant.selectFrom('sufficiency_feee_headcounts').select('term').distinct().orderBy('term', 'desc').execute()).map((r) => r.term);
}

export async function headcount(tenant: TenantDb, term: string) {
  return tenant.selectFrom('sufficiency_feee_headcounts').select(['urn', 'age_band', 'children']).where('term', '=', term).execute();
}
