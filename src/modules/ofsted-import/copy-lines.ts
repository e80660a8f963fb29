import { randomUUID } from 'node:crypto';
import { copyArray, copyLine } from '../../db/copy-text.js';
import type { Rejection, StagedInspection, StagedProvider } from './records.js';

/*
 * Providers and inspections as COPY lines whose columns are those of the
 * register's own tables, so a provider new to EY Hub goes straight into
 * `providers` and one we know into `s_providers`, to be compared first.
 * No database here: a worker thread writes these. created_at and updated_at are
 * left to the table's default (the transaction's time): two timestamps a row
 * fewer to parse.
 */

export const providerColumns = [
  'urn', 'la_code', 'name', 'provider_type', 'provider_subtype', 'status', 'status_date', 'registration_date', 'registers',
  'register_combination', 'rp_urn', 'rp_name', 'address_line1', 'address_line2', 'address_line3', 'town', 'postcode', 'ward',
  'constituency', 'places', 'places_estimate', 'telephone', 'redacted', 'address_withheld', 'source_hash', 'source_date',
  'region', 'ofsted_region', 'deprivation_band', 'secondary_provision_type', 'childcare_periods', 'childcare_ages', 'status_history',
] as const;

export const inspectionColumns = [
  'id', 'urn', 'la_code', 'kind', 'inspection_date', 'inspection_number', 'inspection_type', 'framework', 'overall',
  'enforcement', 'key_judgements', 'report_card', 'safeguarding_effective', 'import_id', 'ccr_requirements', 'vcr_requirements',
] as const;

export interface LineContext {
  importId: string;
  asAt: string;
}

export function providerLine(p: StagedProvider, sourceHash: string | null, ctx: LineContext): string {
  return copyLine([
    p.urn, p.la_code, p.name, p.provider_type, p.provider_subtype, p.status, p.status_date, p.registration_date, copyArray(p.registers),
    p.register_combination, p.rp_urn, p.rp_name, p.address_line1, p.address_line2, p.address_line3, p.town, p.postcode, p.ward,
    p.constituency, p.places === null ? null : Math.round(p.places), p.places_estimate, p.telephone, p.redacted, p.address_withheld, sourceHash,
    ctx.asAt, p.region, p.ofsted_region, p.deprivation_band, p.secondary_provision_type,
    p.childcare_periods === null ? null : copyArray(p.childcare_periods), p.childcare_ages, p.status_history,
  ]);
}

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7 layout: milliseconds, a sequence, random bits). A national import
 * writes ~60,000 inspections; keys in creation order fill the index page by page instead of
 * touching a random page each.
 */
export function timeOrderedUuid(): string {
  const ms = Date.now();
  sequence = ms === lastMs ? (sequence + 1) & 0xfff : 0;
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${random.slice(19)}`;
}

export function inspectionLine(i: StagedInspection, ctx: LineContext): string {
  return copyLine([
    timeOrderedUuid(), i.urn, i.la_code, i.kind, i.inspection_date, i.inspection_number, i.inspection_type, i.framework, i.overall,
    i.enforcement, i.key_judgements, i.report_card, i.safeguarding_effective, ctx.importId, i.ccr_requirements ?? null, i.vcr_requirements ?? null,
  ]);
}


/** A rejected row for s_rejections: row number, column, reason, URN, local authority. */
export function rejectionLine(r: Rejection): string {
  return copyLine([r.rowNumber, r.column, r.reason, r.urn, r.laCode]);
}
