import type { LocalAuthorityRow } from './types.js';

export function normaliseLaName(name: string): string {
  return name
    .replace(/\u00a0/g, ' ')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Ofsted's local authority names (every spelling seen) → 3-digit codes. "Not Recorded" maps to nothing. */
export function laNameLookup(rows: readonly LocalAuthorityRow[]): (name: string | null | undefined) => string | null {
  const map = new Map<string, string>();
  for (const la of rows) {
    map.set(normaliseLaName(la.name), la.la_code);
    for (const alias of la.ofsted_names) map.set(normaliseLaName(alias), la.la_code);
    map.set(la.la_code, la.la_code);
  }
  return (name) => (name ? (map.get(normaliseLaName(name)) ?? null) : null);
}
