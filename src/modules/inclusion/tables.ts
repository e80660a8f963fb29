import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type LevelOfNeed = 'low' | 'emerging' | 'developing' | 'high';

export interface InclusionSettingsTable {
  la_code: string;
  retention_years: Generated<number>;
  contact_working_days: Generated<number>;
  signposting: Generated<string>;
  senco_contacts_per_term: Generated<number>;
  fund_tiers: Generated<string[]>;
  updated_by: string | null;
  updated_at: Date | null;
}

export interface InclusionChildrenTable {
  id: Generated<string>;
  la_code: string;
  first_name: string;
  last_name: string;
  date_of_birth: ColumnType<string, string, string>;
  parent_name: Generated<string>;
  parent_email: Generated<string>;
  parent_phone: Generated<string>;
  level_of_need: LevelOfNeed | null;
  areas_of_need: Generated<string[]>;
  practitioner_id: string | null;
  service: string | null;
  contact_due: string | null;
  first_contact_at: Date | null;
  closed_at: Date | null;
  outcome: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface InclusionChildSettingsTable {
  id: Generated<string>;
  la_code: string;
  child_id: string;
  urn: string;
  started_on: string;
  ended_on: string | null;
}

export interface InclusionConsentsTable {
  id: Generated<string>;
  la_code: string;
  child_id: string;
  given_by: string;
  relationship: string;
  given_on: string;
  purposes: string[];
  recorded_by: string | null;
  recorded_at: Date;
}

export interface InclusionPanelsTable {
  id: Generated<string>;
  la_code: string;
  meets_on: string;
  cutoff_on: string;
  place: Generated<string>;
}

export interface InclusionReferralsTable {
  id: Generated<string>;
  la_code: string;
  child_id: string;
  urn: string;
  status: Generated<'draft' | 'submitted' | 'decided'>;
  needs: Generated<string>;
  graduated_approach: Generated<string>;
  consent_id: string | null;
  submitted_at: Date | null;
  panel_id: string | null;
  decision: 'meets' | 'does_not_meet' | null;
  service: string | null;
  reasons: string | null;
  signposting: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface InclusionFilesTable {
  id: Generated<string>;
  la_code: string;
  referral_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Date;
}

export interface InclusionCaseEntriesTable {
  id: Generated<string>;
  la_code: string;
  child_id: string;
  kind: 'contact' | 'visit' | 'note' | 'target';
  happens_on: string;
  at_time: string | null;
  place: string | null;
  method: string | null;
  body: string;
  review_on: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface InclusionDafClaimsTable {
  id: Generated<string>;
  la_code: string;
  child_id: string | null;
  urn: string;
  financial_year: string;
  status: 'paid' | 'refused';
  dla_evidence: string;
  amount_pence: number | null;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: Date;
}

export interface InclusionAreaSencosTable {
  la_code: string;
  urn: string;
  senco_id: string;
  allocated_by: string | null;
  allocated_at: Date;
}

export interface InclusionSencoContactsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  contacted_on: string;
  method: string;
  note: Generated<string>;
  created_by: string | null;
  created_at: Date;
}

export interface InclusionFundApplicationsTable {
  id: Generated<string>;
  la_code: string;
  child_id: string | null;
  urn: string;
  term: string;
  hours_per_week: ColumnType<string, number | string, number | string>;
  support_needed: string;
  evidence: string;
  status: Generated<'submitted' | 'approved' | 'declined'>;
  tier: string | null;
  amount_pence: number | null;
  starts_on: string | null;
  review_on: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

export interface InclusionDropinSeriesTable {
  id: Generated<string>;
  la_code: string;
  title: string;
  starts_on: string;
  until_on: string;
  every_weeks: number;
  meeting_link: string;
  host_id: string;
  created_at: Date;
}

export interface InclusionDropinSlotsTable {
  id: Generated<string>;
  la_code: string;
  series_id: string;
  on_date: string;
  starts_at: string;
  minutes: number;
  urn: string | null;
  booked_by: string | null;
  booked_at: Date | null;
  paperwork: string | null;
  paperwork_at: Date | null;
  reminded_at: Date | null;
  attended: boolean | null;
  note: string | null;
}
