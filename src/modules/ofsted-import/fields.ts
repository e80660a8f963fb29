import type { Field } from './columns.js';
import type { FileFormat } from './records.js';

/*
 * Which of a provider's stored fields a file may change, and which changes are news.
 *
 * Ofsted's files are of several kinds and carry different columns: the national childminders list
 * has no places, the agencies list no registration date, the LA extract no ward. A field the file
 * does not carry is "not in this file": it is left as it is and is never a change. A field the file
 * carries is taken from it; an empty cell clears it only where an empty cell means "none" (`fill`
 * fields, which some rows of a file leave empty because Ofsted does not hold them, keep what we hold).
 *
 * Every stored field that changes is recorded: the status as a status change, the local authority as
 * a move, the rest in a "details changed" row — except `quiet` fields, which restate another one
 * (register_combination is the text of `registers`, redacted follows the name, status_date the status).
 */

export const providerFields = [
  'name', 'provider_type', 'provider_subtype', 'status', 'status_date', 'registration_date', 'registers', 'register_combination',
  'rp_urn', 'rp_name', 'address_line1', 'address_line2', 'address_line3', 'town', 'postcode', 'ward', 'constituency', 'places',
  'places_estimate', 'telephone', 'redacted', 'region', 'ofsted_region', 'deprivation_band',
  'secondary_provision_type', 'childcare_periods', 'childcare_ages', 'status_history',
] as const;
export type ProviderField = (typeof providerFields)[number];

/** The CSV columns each field is read from (any one of them present: the file carries the field). */
const csvSources: Record<ProviderField, readonly Field[]> = {
  name: ['name'],
  provider_type: ['providerType'],
  provider_subtype: ['providerSubtype'],
  status: ['status'],
  status_date: [],
  registration_date: ['registrationDate'],
  registers: ['registerCombination', 'eyrFlag', 'ccrFlag', 'vcrFlag'],
  register_combination: ['registerCombination'],
  rp_urn: ['rpUrn'],
  rp_name: ['rpName'],
  address_line1: ['address1'],
  address_line2: ['address2'],
  address_line3: ['address3'],
  town: ['town'],
  postcode: ['postcode'],
  ward: ['ward'],
  constituency: ['constituency'],
  places: ['places'],
  places_estimate: ['placesEstimate'],
  telephone: ['telephone'],
  redacted: ['name', 'address1'],
  region: ['region'],
  ofsted_region: ['ofstedRegion'],
  deprivation_band: ['deprivationBand'],
  secondary_provision_type: [],
  childcare_periods: [],
  childcare_ages: [],
  status_history: [],
};

/** What the LA XML extract carries for every registration (xml-reader.ts). */
const xmlCarries: readonly ProviderField[] = [
  'name', 'provider_type', 'status', 'status_date', 'registration_date', 'registers', 'rp_urn', 'rp_name',
  'address_line1', 'address_line2', 'address_line3', 'town', 'postcode', 'telephone', 'redacted',
  'secondary_provision_type', 'childcare_periods', 'childcare_ages', 'status_history',
];

/** Left empty on rows where Ofsted does not hold them (agencies have no registration date …): empty keeps what we hold. */
const fillFields: ReadonlySet<ProviderField> = new Set([
  'provider_subtype', 'status_date', 'registration_date', 'rp_urn', 'rp_name', 'ward', 'constituency',
  'region', 'ofsted_region', 'deprivation_band',
]);

/** Restate another field: stored, never a row of their own. */
export const quietFields: ReadonlySet<ProviderField> = new Set(['status_date', 'register_combination', 'redacted']);

/**
 * Kept for reports and the provider page, never a change of their own: Ofsted's regions and the area's
 * deprivation band (16.6) describe where the setting is, not something it did; the extract's
 * secondary provision type, childcare periods and ages, and status history (16.10) restate its
 * registration (a status change is recorded as such). EY Hub first holding them is not news either.
 */
export const reportFields: ReadonlySet<ProviderField> = new Set([
  'region', 'ofsted_region', 'deprivation_band', 'secondary_provision_type', 'childcare_periods', 'childcare_ages', 'status_history',
]);

/** Shown together as one "address" in a details-changed row (and never when the address is withheld). */
export const addressFields: readonly ProviderField[] = ['address_line1', 'address_line2', 'address_line3', 'town'];

/** replace: the file's value, empty or not; fill: the file's value unless empty; keep: the file does not carry it. */
export type FieldMode = 'replace' | 'fill' | 'keep';

/** How this file sets each stored field. `columns`: the fields a CSV's header maps (null for the XML extract). */
export function fieldModes(format: FileFormat, columns: readonly Field[] | null): Record<ProviderField, FieldMode> {
  const present = new Set(columns ?? []);
  const carries = (f: ProviderField) => (format === 'ofsted-la-xml' ? xmlCarries.includes(f) : csvSources[f].some((c) => present.has(c)));
  return Object.fromEntries(providerFields.map((f) => [f, !carries(f) ? 'keep' : fillFields.has(f) ? 'fill' : 'replace'])) as Record<ProviderField, FieldMode>;
}

/** The fields a details-changed row lists, each with the name staff read. */
export const detailFields: readonly { key: string; label: string; fields: readonly ProviderField[] }[] = [
  { key: 'name', label: 'name', fields: ['name'] },
  { key: 'address', label: 'address', fields: addressFields },
  { key: 'postcode', label: 'postcode', fields: ['postcode'] },
  { key: 'telephone', label: 'telephone', fields: ['telephone'] },
  { key: 'places', label: 'places', fields: ['places'] },
  { key: 'places_estimate', label: 'places including estimates', fields: ['places_estimate'] },
  { key: 'registers', label: 'registers', fields: ['registers'] },
  { key: 'provider_type', label: 'provider type', fields: ['provider_type'] },
  { key: 'provider_subtype', label: 'provider subtype', fields: ['provider_subtype'] },
  { key: 'registration_date', label: 'registration date', fields: ['registration_date'] },
  { key: 'rp_urn', label: 'registered person URN', fields: ['rp_urn'] },
  { key: 'rp_name', label: 'registered person', fields: ['rp_name'] },
  { key: 'ward', label: 'ward', fields: ['ward'] },
  { key: 'constituency', label: 'constituency', fields: ['constituency'] },
];
