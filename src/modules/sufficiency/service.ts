import type { TenantDb } from '../../db/tenant.js';
import { placesByTypeAndRegister, sufficiencyByWard } from './calc.js';
import { activeSettings, population, settings } from './repository.js';

/** Everything the sufficiency page and the assessment show, from the register, the LA's uploads and its threshold. */
export async function sufficiencyFigures(tenant: TenantDb) {
  const [config, places, children] = await Promise.all([settings(tenant), activeSettings(tenant), population(tenant)]);
  const asPlaces = places.map((p) => ({ ward: p.ward, registers: p.registers, places: p.places, providerType: p.provider_type }));
  const wards = sufficiencyByWard(asPlaces, children, config.threshold);
  const noWard = places.filter((p) => !p.ward).map((p) => ({ urn: p.urn, name: p.redacted ? null : p.name, postcode: p.postcode }));
  return {
    config,
    wards,
    flagged: wards.filter((w) => w.flagged),
    byType: placesByTypeAndRegister(asPlaces),
    totals: { settings: places.length, places: places.reduce((n, p) => n + (p.places ?? 0), 0), children: children.reduce((n, c) => n + c.children, 0) },
    noWard,
  };
}
export type SufficiencyFigures = Awaited<ReturnType<typeof sufficiencyFigures>>;
