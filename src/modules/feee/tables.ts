import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface FeeeAuditsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  audit_type: string;
  term: string;
  reason: string;
  auditor_id: string | null;
  planned_for: string | null;
  status: Generated<'planned' | 'in_progress' | 'completed'>;
  sample_method: string | null;
  sample_seed: number | null;
  outcome: string | null;
  outcome_notes: string | null;
  support_offered: Generated<string[]>;
  follow_up_actions: Generated<string[]>;
  self_assessment_id: string | null;
  created_by: string | null;
  created_at: Date;
  completed_at: Date | null;
  children_deleted_at: Date | null;
}

export interface FeeeChildrenTable {
  id: Generated<string>;
  la_code: string;
  audit_id: string;
  row_number: number;
  child_ref: string;
  date_of_birth: string;
  entitlement: string;
  funded_hours: ColumnType<string, number | string, number | string>;
  start_date: string | null;
  sampled: Generated<boolean>;
  checked_at: Date | null;
  checks: ColumnType<Record<string, string> | null, string | null, string | null>;
}

export interface FeeeFindingsTable {
  id: Generated<string>;
  la_code: string;
  audit_id: string;
  child_id: string | null;
  child_ref: string | null;
  finding_type: string;
  details: string;
  amount_pence: number | null;
  created_at: Date;
}
