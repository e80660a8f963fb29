import type { ColumnType, Generated } from 'kysely';
import type {
  PathwayTemplatesTable,
  PathwaysTable,
  PathwayEventsTable,
  TasksTable,
  VisitsTable,
  TermDatesTable,
  OutboxTable,
  NotesOfVisitTable,
  NoteAddendaTable,
  ActionPlanItemsTable,
  ActionPlanUpdatesTable,
  ProviderUsersTable,
  InvitationsTable,
  EvidenceFilesTable,
} from './support-types.js';

export * from './support-types.js';
export * from './portal-types.js';
export * from './audit-types.js';
export * from './funding-types.js';
import type { FundingRulesTable, FundingDecisionsTable, FeeeAuditsTable, FeeeChildrenTable, FeeeFindingsTable } from './funding-types.js';
import type { AuditTemplatesTable, AuditsTable } from './audit-types.js';
import type { SettingDocumentsTable, ContactChangeRequestsTable, LastLooksTable, DueRemindersTable } from './portal-types.js';

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
  /** Changes from Ofsted found after this are "new" to this member of staff */
  changes_seen_at: Generated<Date | null>;
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

export interface DB {
  funding_rules: FundingRulesTable;
  funding_decisions: FundingDecisionsTable;
  feee_audits: FeeeAuditsTable;
  feee_children: FeeeChildrenTable;
  feee_findings: FeeeFindingsTable;
  audit_templates: AuditTemplatesTable;
  audits: AuditsTable;
  setting_documents: SettingDocumentsTable;
  contact_change_requests: ContactChangeRequestsTable;
  last_looks: LastLooksTable;
  due_reminders: DueRemindersTable;
  evidence_files: EvidenceFilesTable;
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

