import type { Generated } from 'kysely';
import type { Json } from '../../db/columns.js';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface ProvidersTable {
  urn: string;
  la_code: string;
  name: string | null;
  provider_type: string | null;
  provider_subtype: string | null;
  status: string | null;
  status_date: string | null;
  registration_date: string | null;
  registers: string[];
  register_combination: string | null;
  rp_urn: string | null;
  rp_name: string | null;
  address_line1: string | null;
  address_line2: string | null;
  address_line3: string | null;
  town: string | null;
  postcode: string | null;
  ward: string | null;
  constituency: string | null;
  places: number | null;
  places_estimate: string | null;
  telephone: string | null;
  /** from the national provider-level file, for reports (issue 16.6) */
  region: string | null;
  ofsted_region: string | null;
  deprivation_band: string | null;
  /** from the LA XML extract (issue 16.10): e.g. Home childcarer; Ofsted's period codes; [{ from, to, max, register }]; [{ status, date }] */
  secondary_provision_type: string | null;
  childcare_periods: string[] | null;
  childcare_ages: Json | null;
  status_history: Json | null;
  /** contact details the LA holds (the setting asks for corrections through the portal) */
  contact_name: Generated<string | null>;
  contact_phone: Generated<string | null>;
  /** the setting's e-mail address for notes of visit (staff enter it; Ofsted does not publish one) */
  contact_email: Generated<string | null>;
  redacted: Generated<boolean>;
  /** why Ofsted asks that the address is not shown (women's refuge …); the address is then not kept */
  address_withheld: Generated<string | null>;
  source_date: string | null;
  /** checksum of the CSV row that last set these details: an identical row needs no work */
  source_hash: Generated<string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/**
 * The headline outcome (latest graded inspection, else the latest of any kind) kept on the provider's
 * row by statement triggers on inspections (ADR 0020): never written by application code.
 */
export interface ProviderLatestOutcome {
  latest_inspection_id: Generated<string | null>;
  latest_overall: Generated<string | null>;
  latest_inspection_date: Generated<string | null>;
  latest_report_card: Generated<Json | null>;
}

export interface InspectionsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  kind: string;
  inspection_date: string;
  inspection_number: string | null;
  inspection_type: string | null;
  framework: string;
  overall: string | null;
  enforcement: Generated<boolean>;
  key_judgements: Json | null;
  report_card: Json | null;
  safeguarding_effective: boolean | null;
  /** the full inspection's Childcare Register requirements suitability (met, not_met_actions, not_met_enforcement) */
  ccr_requirements: string | null;
  vcr_requirements: string | null;
  source: Generated<'ofsted' | 'staff'>;
  entered_by: string | null;
  import_id: string | null;
  created_at: Generated<Date>;
}

export interface EnforcementEventsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  event_type: string;
  event_date: string;
  details: string | null;
  source: Generated<'ofsted' | 'staff'>;
  entered_by: string | null;
  import_id: string | null;
  created_at: Generated<Date>;
}

/** moved_la: the provider moved to another local authority (one row for each of the two); first_seen: new to EY Hub, not a new registration. */
export const changeTypes = ['new_registration', 'new_inspection_outcome', 'status_change', 'enforcement', 'details_changed', 'moved_la', 'first_seen'] as const;

export type ChangeType = (typeof changeTypes)[number];

export interface OfstedChangesTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  import_id: string | null;
  change_type: ChangeType;
  detected_at: Date;
  event_date: string | null;
  framework: string | null;
  from_value: string | null;
  to_value: string | null;
  details: Json | null;
  baseline: Generated<boolean>;
  source: Generated<'import' | 'staff'>;
}
