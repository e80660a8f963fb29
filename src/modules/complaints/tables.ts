import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type ComplaintKind = 'complaint' | 'compliment';
export type ComplaintOutcome = 'upheld' | 'partly_upheld' | 'not_upheld';

/** A compliment or complaint about an officer (officer_id) or the service (officer_id null). */
export interface ComplaintsTable {
  id: Generated<string>;
  la_code: string;
  kind: ComplaintKind;
  source: 'portal' | 'staff';
  urn: string | null;
  officer_id: string | null;
  from_name: string;
  from_email: Generated<string>;
  summary: string;
  received_at: Date;
  recorded_by: string | null;
  handler_id: string | null;
  stage: Generated<number>;
  escalated_at: Date | null;
  escalation_reason: Generated<string>;
  acknowledged_at: Date | null;
  outcome: ComplaintOutcome | null;
  response_text: Generated<string>;
  lessons_learned: Generated<string>;
  answered_at: Date | null;
  /** when a compliment was e-mailed to the officer */
  passed_on_at: Date | null;
  created_at: Date;
}

/** A time the complaint's clock stood still, with its reason (restarted_at null: still stopped). */
export interface ComplaintStopsTable {
  id: Generated<string>;
  la_code: string;
  complaint_id: string;
  reason: string;
  stopped_at: Date;
  restarted_at: Date | null;
  stopped_by: string | null;
}

/** The LA's complaints policy in working days (defaults in rules.ts until set). */
export interface ComplaintRulesTable {
  la_code: string;
  acknowledge_working_days: number;
  respond_working_days: number;
  stage2_working_days: number;
  updated_at: Date;
}
