import type { Generated } from 'kysely';
import type { Json } from '../../db/columns.js';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface PathwayTemplatesTable {
  id: Generated<string>;
  la_code: string;
  kind: string;
  version: number;
  definition: Json;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type PathwayStatus = 'active' | 'paused' | 'closed';

export interface PathwaysTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  kind: string;
  template_id: string;
  status: Generated<PathwayStatus>;
  started_at: Date;
  start_reason: string;
  change_id: string | null;
  started_by: string | null;
  adviser_id: string | null;
  officer_id: string | null;
  cadence: string | null;
  management_actions: Generated<boolean>;
  allocated_at: Date | null;
  paused_reason: string | null;
  closed_at: Date | null;
  close_outcome: string | null;
  updated_at: Generated<Date>;
}

export interface PathwayEventsTable {
  id: Generated<string>;
  la_code: string;
  pathway_id: string;
  at: Date;
  event_type: string;
  by_user: string | null;
  summary: string;
  details: Json | null;
}

export type VisitStatus = 'planned' | 'booked' | 'done' | 'cancelled' | 'withdrawn';

export interface VisitsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  pathway_id: string | null;
  visit_type: string;
  number: number | null;
  focus: string;
  with_sia: Generated<boolean>;
  adviser_id: string | null;
  /** the job-title queue a planned visit waits in while nobody is its visitor */
  job_title_id?: string | null;
  planned_date: string;
  status: Generated<VisitStatus>;
  booked_for: Date | null;
  done_on: string | null;
  cancelled_by: 'setting' | 'la' | null;
  cancel_reason: string | null;
  cancelled_on: string | null;
  ends_at: Generated<Date | null>;
  location: Generated<string | null>;
  agenda: Generated<string | null>;
  invite_to: Generated<string | null>;
  ics_sequence: Generated<number>;
  /** staff going with the lead visitor (besides the SIA flag) */
  accompanying: Generated<string[]>;
  created_at: Date;
}

export interface TermDatesTable {
  id: Generated<string>;
  la_code: string;
  name: string;
  starts_on: string;
  ends_on: string;
}
