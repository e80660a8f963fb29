/*
 * The database's typed tables. Each module declares its own tables in its tables.ts; this file
 * assembles the DB type Kysely needs from them (type-only imports: nothing of a module runs here).
 * Every domain table carries `la_code` (see src/db/tenant.ts).
 */
import type { LocalAuthoritiesTable } from '../modules/local-authorities/tables.js';
import type { UsersTable } from '../modules/users/tables.js';
import type { SessionsTable } from '../modules/auth/tables.js';
import type { AuditLogTable } from '../modules/audit-log/tables.js';
import type { ProvidersTable, InspectionsTable, EnforcementEventsTable, OfstedChangesTable } from '../modules/providers/tables.js';
import type { ImportsTable, ImportLaCountsTable, ImportRejectionsTable } from '../modules/ofsted-import/tables.js';
import type { PathwayTemplatesTable, PathwaysTable, PathwayEventsTable, VisitsTable, TermDatesTable } from '../modules/pathways/tables.js';
import type { TasksTable } from '../modules/tasks/tables.js';
import type { OutboxTable } from '../modules/outbox/tables.js';
import type { NotesOfVisitTable, NoteAddendaTable } from '../modules/notes/tables.js';
import type { ActionPlanItemsTable, ActionPlanUpdatesTable } from '../modules/action-plans/tables.js';
import type { ProviderUsersTable, InvitationsTable, SettingDocumentsTable, ContactChangeRequestsTable, LastLooksTable, DueRemindersTable } from '../modules/portal/tables.js';
import type { EvidenceFilesTable } from '../modules/evidence/tables.js';
import type { AuditTemplatesTable, AuditsTable } from '../modules/audits/tables.js';
import type { FundingRulesTable, FundingDecisionsTable } from '../modules/funding/tables.js';
import type { FeeeAuditsTable, FeeeChildrenTable, FeeeFindingsTable } from '../modules/feee/tables.js';
import type { BulletinsTable, BulletinRecipientsTable, BulletinUnsubscribesTable } from '../modules/bulletins/tables.js';
import type { ComplaintsTable, ComplaintStopsTable, ComplaintRulesTable } from '../modules/complaints/tables.js';
import type { EventCoursesTable, EventSessionsTable, EventBookingsTable, EventRulesTable, EventEvaluationsTable } from '../modules/events/tables.js';

export { roles, type Json, type Role } from './columns.js';
export type * from '../modules/local-authorities/tables.js';
export type * from '../modules/users/tables.js';
export type * from '../modules/auth/tables.js';
export type * from '../modules/audit-log/tables.js';
export type * from '../modules/providers/tables.js';
export type * from '../modules/ofsted-import/tables.js';
export type * from '../modules/pathways/tables.js';
export type * from '../modules/tasks/tables.js';
export type * from '../modules/outbox/tables.js';
export type * from '../modules/notes/tables.js';
export type * from '../modules/action-plans/tables.js';
export type * from '../modules/portal/tables.js';
export type * from '../modules/evidence/tables.js';
export type * from '../modules/audits/tables.js';
export type * from '../modules/funding/tables.js';
export type * from '../modules/feee/tables.js';
export type * from '../modules/events/tables.js';
export type * from '../modules/bulletins/tables.js';
export type * from '../modules/complaints/tables.js';

export interface DB {
  complaints: ComplaintsTable;
  complaint_stops: ComplaintStopsTable;
  complaint_rules: ComplaintRulesTable;
  bulletins: BulletinsTable;
  bulletin_recipients: BulletinRecipientsTable;
  bulletin_unsubscribes: BulletinUnsubscribesTable;
  event_courses: EventCoursesTable;
  event_sessions: EventSessionsTable;
  event_bookings: EventBookingsTable;
  event_rules: EventRulesTable;
  event_evaluations: EventEvaluationsTable;
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
