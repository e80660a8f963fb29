import type { TenantDb } from '../../db/tenant.js';
import { londonDate } from '../../platform/dates.js';
import { placesByTypeAndRegister, sufficiencyByWard, wardKey, type AgeBand } from './calc.js';
import { activeSettings, population, settings } from './repository.js';
import { latestReturns } from './returns-repository.js';
import { termOf, vacanciesByBand } from './returns.js';

/** Everything the sufficiency page and the assessment show, from the register, the LA's uploads, its threshold and this term's vacancy returns. */
export async function sufficiencyFigures(tenant: TenantDb, now: Date) {
  const term = termOf(londonDate(now));
  const [config, places, children, returns] = await Promise.all([settings(tenant), activeSettings(tenant), population(tenant), latestReturns(tenant, term.key)]);
  const asPlaces = places.map((p) => ({ ward: p.ward, registers: p.registers, places: p.places, providerType: p.provider_type }));
  const wardOf = new Map(places.map((p) => [p.urn, p.ward]));
  const vacancies = new Map<string, Record<AgeBand, number>>();
  for (const r of returns) {
    const ward = wardOf.get(r.urn);
    if (!ward) continue;
    const v = vacanciesByBand(r.figures);
    const sum = vacancies.get(wardKey(ward)) ?? { early_years: 0, school_age: 0 };
    vacancies.set(wardKey(ward), { early_years: sum.early_years + v.early_years, school_age: sum.school_age + v.school_age });
  }
  const wards = sufficiencyByWard(asPlaces, children, config.threshold).map((w) => ({ ...w, vacancies: vacancies.get(wardKey(w.ward)) ?? null }));
  const noWard = places.filter((p) => !p.ward).map((p) => ({ urn: p.urn, name: p.redacted ? null : p.name, postcode: p.postcode }));
  return {
    config,
    term,
    returnsCount: returns.length,
    wards,
    flagged: wards.filter((w) => w.flagged),
    byType: placesByTypeAndRegister(asPlaces),
    totals: { settings: places.length, places: places.reduce((n, p) => n + (p.places ?? 0), 0), children: children.reduce((n, c) => n + c.children, 0) },
    noWard,
  };
}
export type SufficiencyFigures = Awaited<ReturnType<typeof sufficiencyFigures>>;
