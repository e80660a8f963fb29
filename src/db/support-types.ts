import type { ColumnType, Generated } from 'kysely';
import type { Json } from './types.js';

/** Typed tables of support work: pathways, tasks, visits, notes of visit, action plans, e-mail, the portal. */

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

export type TaskOwnerRole = 'manager' | 'adviser' | 'officer';

export interface TasksTable {
  id: Generated<string>;
  la_code: string;
  urn: string | null;
  pathway_id: string | null;
  /** 'step:<key>' for a pathway step (one per pathway), 'rule:<key>' for an engagement rule */
  rule_key: string;
  title: string;
  owner_role: TaskOwnerRole;
  owner_user_id: string | null;
  created_at: Date;
  due_date: string;
  due_at: Date;
  done_at: Date | null;
  done_by: string | null;
  done_note: string | null;
  cancelled_at: Date | null;
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

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<string>;
  la_code: string;
  to_addresses: string[];
  cc_addresses: Generated<string[]>;
  subject: string;
  text_body: string;
  html_body: string;
  /** [{ filename, contentType, contentBase64 }] */
  attachments: ColumnType<unknown, string, string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  claimed_at: Date | null;
  last_error: string | null;
  record_type: string | null;
  record_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export type NoteStatus = 'draft' | 'submitted' | 'returned' | 'quality_assured' | 'sent';

export interface NotesOfVisitTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  visit_id: string;
  pathway_id: string | null;
  status: Generated<NoteStatus>;
  attendees: Generated<string>;
  purpose: Generated<string>;
  working_well: ColumnType<string[], string, string>;
  worried_about: ColumnType<string[], string, string>;
  needs_to_happen: ColumnType<string[], string, string>;
  scaling: number | null;
  scaling_question: string | null;
  /** "Review and evaluate recommendations from the previous visit": prefilled with the open actions */
  review_previous: Generated<string>;
  recommendations: Generated<string>;
  /** [{ action, area, dueWeeks }] agreed at the visit; they become action plan items when the note is sent */
  actions: ColumnType<{ action: string; area: string; dueWeeks: number }[], string, string>;
  author_id: string;
  submitted_at: Date | null;
  qa_by: string | null;
  qa_comments: string | null;
  qa_at: Date | null;
  sent_at: Date | null;
  sent_to: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NoteAddendaTable {
  id: Generated<string>;
  la_code: string;
  note_id: string;
  at: Date;
  by_user: string;
  text: string;
}

export type ActionStatus = 'not_started' | 'in_progress' | 'done' | 'dropped';

export interface ActionPlanItemsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  pathway_id: string | null;
  note_id: string | null;
  source: string;
  area: string;
  action: string;
  success_criteria: Generated<string>;
  owner: Generated<string>;
  due_date: string | null;
  status: Generated<ActionStatus>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ActionPlanUpdatesTable {
  id: Generated<string>;
  la_code: string;
  item_id: string;
  at: Date;
  by_user: string | null;
  status: string;
  comment: Generated<string>;
}

export interface ProviderUsersTable {
  la_code: string;
  user_id: string;
  urn: string;
  created_at: Date;
}

export interface InvitationsTable {
  id: Generated<string>;
  la_code: string;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}


export interface EvidenceFilesTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  item_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Date;
  audit_id: Generated<string | null>;
  audit_item: Generated<string | null>;
}
