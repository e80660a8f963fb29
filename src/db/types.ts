import type { ColumnType, Generated } from 'kysely';

/** Typed tables. Every domain table carries `la_code` (see src/db/tenant.ts). */
export type Json = ColumnType<unknown, string, string>;

export const roles = ['admin', 'manager', 'adviser', 'officer', 'viewer', 'provider'] as const;
export type Role = (typeof roles)[number];

export interface LocalAuthoritiesTable {
  la_code: string;
  name: string;
  gss_code: string;
  region: string;
  ofsted_names: string[];
  status: string;
  replaced_by: string[];
}

export interface UsersTable {
  id: Generated<string>;
  la_code: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  calendar_token_hash: Generated<string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  la_code: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Date;
  expires_at: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  la_code: string | null;
  at: Generated<Date>;
  user_id: string | null;
  user_email: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  ip: string | null;
  details: Json | null;
}

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
  /** the setting's e-mail address for notes of visit (staff enter it; Ofsted does not publish one) */
  contact_email: Generated<string | null>;
  redacted: Generated<boolean>;
  source_date: string | null;
  /** checksum of the CSV row that last set these details: an identical row needs no work */
  source_hash: Generated<string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
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

export interface ImportsTable {
  id: Generated<string>;
  la_code: string | null;
  file_name: string;
  sha256: string;
  format: string | null;
  encoding: string | null;
  as_at: string | null;
  started_by: string | null;
  started_by_email: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  status: 'running' | 'succeeded' | 'failed' | 'rejected';
  row_count: Generated<number>;
  rejected_count: Generated<number>;
  skipped_count: Generated<number>;
  duration_ms: number | null;
  error: string | null;
}

export interface ImportLaCountsTable {
  import_id: string;
  la_code: string;
  new_count: number;
  changed_count: number;
  unchanged_count: number;
  rejected_count: number;
  baseline: boolean;
}

export interface ImportRejectionsTable {
  id: Generated<number>;
  import_id: string;
  la_code: string | null;
  row_number: number;
  column_name: string;
  reason: string;
  urn: string | null;
}

export const changeTypes = ['new_registration', 'new_inspection_outcome', 'status_change', 'enforcement', 'details_changed'] as const;
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

export type NoteStatus = 'draft' | 'submitted' | 'returned' | 'sent';

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
  recommendations: Generated<string>;
  /** [{ action, area, dueWeeks }] agreed at the visit; they become action plan items when the note is sent */
  actions: ColumnType<{ action: string; area: string; dueWeeks: number }[], string, string>;
  author_id: string;
  submitted_at: Date | null;
  qa_by: string | null;
  qa_comments: string | null;
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

export interface DB {
  provider_users: ProviderUsersTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
  notes_of_visit: NotesOfVisitTable;
  note_addenda: NoteAddendaTable;
  action_plan_items: ActionPlanItemsTable;
  action_plan_updates: ActionPlanUpdatesTable;
  pathway_templates: PathwayTemplatesTable;
  pathways: PathwaysTable;
  pathway_events: PathwayEventsTable;
  tasks: TasksTable;
  visits: VisitsTable;
  term_dates: TermDatesTable;
  providers: ProvidersTable;
  inspections: InspectionsTable;
  enforcement_events: EnforcementEventsTable;
  imports: ImportsTable;
  import_la_counts: ImportLaCountsTable;
  import_rejections: ImportRejectionsTable;
  ofsted_changes: OfstedChangesTable;
  local_authorities: LocalAuthoritiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

