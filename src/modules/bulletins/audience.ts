/*
 * Who an update goes to: all providers, or those matching every filter chosen (provider type,
 * register, ward, support pathway status), or a list of URNs. Pure: parsing the form and describing it.
 */

export interface Audience {
  providerTypes: string[];
  registers: string[];
  wards: string[];
  /** 'open': settings on a running support pathway; 'none': settings not on one; '': either */
  pathway: '' | 'open' | 'none';
  /** a list of settings instead of the filters */
  urns: string[];
}

export const emptyAudience: Audience = { providerTypes: [], registers: [], wards: [], pathway: '', urns: [] };

const list = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
const split = (value: unknown): string[] => (typeof value === 'string' ? value.split(/[\n,;]+/).map((v) => v.trim()).filter(Boolean) : []);

export function audienceFromForm(body: Record<string, unknown>): Audience {
  const pathway = body.pathway === 'open' || body.pathway === 'none' ? body.pathway : '';
  return { providerTypes: list(body.providerTypes), registers: list(body.registers), wards: split(body.wards), pathway, urns: split(body.urns).map((u) => u.toUpperCase()) };
}

export function audienceToForm(a: Audience): Record<string, unknown> {
  return { providerTypes: a.providerTypes, registers: a.registers, wards: a.wards.join(', '), pathway: a.pathway, urns: a.urns.join('\n') };
}

/** In words: "Pre-schools (Childcare on non-domestic premises) in Bower Mount or Park Wood". */
export function describeAudience(a: Audience): string {
  if (a.urns.length) return `${a.urns.length} ${a.urns.length === 1 ? 'setting' : 'settings'} listed`;
  const parts = [a.providerTypes.length ? a.providerTypes.join(' or ') : 'All providers'];
  if (a.registers.length) parts.push(`on the ${a.registers.join(' or ')} register`);
  if (a.wards.length) parts.push(`in ${a.wards.join(' or ')}`);
  if (a.pathway === 'open') parts.push('on a support pathway');
  if (a.pathway === 'none') parts.push('not on a support pathway');
  return parts.join(', ');
}
