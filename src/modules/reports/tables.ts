import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

/**
 * A national Ofsted file kept as reference data for the comparison with England: never the
 * local authority's register (ADR 0022). Only the latest file's rows are kept.
 */
export interface ReferenceFilesTable {
  id: Generated<string>;
  file_name: string;
  /** the date the file gives its data as at */
  as_at: string;
  rows: number;
  imported_at: Date;
}

export interface ReferenceProvidersTable {
  file_id: string;
  urn: string;
  /** the 3-digit code of the local authority the provider is in (not a tenant: every authority's rows) */
  area_code: string | null;
  region: string | null;
  provider_type: string | null;
  on_eyr: boolean;
  /** outcome of the most recent full inspection, as EY Hub writes outcomes */
  overall: string | null;
  inspection_date: string | null;
}

/** An authority's report settings: its statistical neighbours, who gets the quarterly report, what the senior-leader role sees. */
export interface ReportSettingsTable {
  la_code: string;
  neighbours: string[];
  recipients: string[];
  viewer_sees_names: boolean;
  updated_by: string | null;
  updated_at: Date;
}

/** What a manager writes for a period's report (the cabinet report's narrative sections). */
export interface ReportNarrativesTable {
  la_code: string;
  period_key: string;
  summary: string;
  next_steps: string;
  updated_by: string;
  updated_at: Date;
}

/** Each quarterly e-mail sent, so a quarter is sent once. */
export interface ReportMailingsTable {
  la_code: string;
  period_key: string;
  outbox_id: string | null;
  sent_at: Date;
}
