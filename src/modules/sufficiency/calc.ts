/*
 * Sufficiency figures as pure functions. Leicestershire's sufficiency team: "The role of this team is
 * to ensure sufficient childcare throughout the county"; Kent §5: "KCC meets its statutory duties to
 * establish sufficient and sustainable early years and childcare provision". The measure is places
 * per 100 children in each ward and age band, against a threshold the LA sets.
 */

/**
 * Age bands. Ofsted's registered places are one number per setting, so from Ofsted's data a
 * setting's places count for early years (0 to 4) when it is on the Early Years Register, and for
 * school age (5 to 14) when it is on the Childcare Register only (ADR 0026).
 */
export const ageBands = {
  early_years: { label: '0 to 4 (early years)', from: 0, to: 4 },
  school_age: { label: '5 to 14 (school age)', from: 5, to: 14 },
} as const;
export type AgeBand = keyof typeof ageBands;
export const bandKeys = Object.keys(ageBands) as AgeBand[];

export function bandOfAge(age: number): AgeBand | null {
  return bandKeys.find((b) => age >= ageBands[b].from && age <= ageBands[b].to) ?? null;
}

/** Which band a setting's registered places serve: the Early Years Register first. */
export function bandOfRegisters(registers: readonly string[]): AgeBand | null {
  if (registers.includes('EYR')) return 'early_years';
  if (registers.includes('CCR') || registers.includes('VCR')) return 'school_age';
  return null;
}

/** Places per 100 children, to one decimal place; null when there are no children to count against. */
export function placesPer100(places: number, children: number): number | null {
  if (children <= 0) return null;
  return Math.round((places / children) * 1000) / 10;
}

/** A ward is flagged when it has children and fewer places per 100 of them than the LA's threshold. */
export function underThreshold(per100: number | null, threshold: number): boolean {
  return per100 !== null && per100 < threshold;
}

/** Ward names matched whatever their case and spacing ("St. Peter's" and "st peter's"). */
export function wardKey(ward: string): string {
  return ward.normalize('NFKC').replace(/\u00a0/g, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** " me141xx " → "ME14 1XX"; null when it is not the shape of a UK postcode. */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export interface SettingPlaces {
  ward: string | null;
  registers: readonly string[];
  places: number | null;
  providerType: string | null;
}

export interface WardFigures {
  ward: string;
  bands: Record<AgeBand, { places: number; children: number | null; per100: number | null; flagged: boolean }>;
  settings: number;
  flagged: boolean;
}

/**
 * Places and children by ward and band. Wards come from both lists (a ward with children and no
 * settings has 0 places and is flagged; a ward with settings and no population figures has no rate).
 */
export function sufficiencyByWard(settings: readonly SettingPlaces[], population: readonly { ward: string; age: number; children: number }[], threshold: number): WardFigures[] {
  const wards = new Map<string, { name: string; places: Record<AgeBand, number>; children: Record<AgeBand, number> | null; settings: number }>();
  const entry = (name: string) => {
    const key = wardKey(name);
    let w = wards.get(key);
    if (!w) {
      w = { name: name.trim(), places: { early_years: 0, school_age: 0 }, children: null, settings: 0 };
      wards.set(key, w);
    }
    return w;
  };
  for (const p of population) {
    const band = bandOfAge(p.age);
    const w = entry(p.ward);
    w.children ??= { early_years: 0, school_age: 0 };
    if (band) w.children[band] += p.children;
  }
  for (const s of settings) {
    if (!s.ward) continue;
    const w = entry(s.ward);
    w.settings++;
    const band = bandOfRegisters(s.registers);
    if (band && s.places) w.places[band] += s.places;
  }
  return [...wards.values()]
    .map((w) => {
      const bands = Object.fromEntries(bandKeys.map((b) => {
        const children = w.children ? w.children[b] : null;
        const per100 = children === null ? null : placesPer100(w.places[b], children);
        return [b, { places: w.places[b], children, per100, flagged: underThreshold(per100, threshold) }];
      })) as WardFigures['bands'];
      return { ward: w.name, bands, settings: w.settings, flagged: bandKeys.some((b) => bands[b].flagged) };
    })
    .sort((a, b) => a.ward.localeCompare(b.ward, 'en-GB'));
}

/** Registered places by provider type and register, for the assessment's summary. */
export function placesByTypeAndRegister(settings: readonly SettingPlaces[]) {
  const out = new Map<string, { providerType: string; register: string; settings: number; places: number }>();
  for (const s of settings) {
    const register = s.registers.includes('EYR') ? 'Early Years Register' : s.registers.length ? 'Childcare Register only' : 'No register';
    const type = s.providerType ?? 'Not known';
    const key = `${type}|${register}`;
    const row = out.get(key) ?? { providerType: type, register, settings: 0, places: 0 };
    row.settings++;
    row.places += s.places ?? 0;
    out.set(key, row);
  }
  return [...out.values()].sort((a, b) => a.providerType.localeCompare(b.providerType) || a.register.localeCompare(b.register));
}
