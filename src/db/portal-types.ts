import type { ColumnType, Generated } from 'kysely';

/** Tables for what settings send through the portal (migration 20261125_0900_portal_records). */

export type SettingDocumentKind = 'self_evaluation' | 'improvement_plan';

export interface SettingDocumentsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  kind: SettingDocumentKind;
  version: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  comment: Generated<string>;
  uploaded_by: string;
  created_at: Date;
}

/** { field: { from, to } } for contact_name, contact_email, contact_phone */
export type ContactChanges = Record<string, { from: string | null; to: string | null }>;

export interface ContactChangeRequestsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  requested_by: string;
  requested_at: Date;
  changes: ColumnType<ContactChanges, string, string>;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface LastLooksTable {
  la_code: string;
  user_id: string;
  urn: string;
  seen_at: Date;
}

export interface DueRemindersTable {
  la_code: string;
  item_id: string;
  due_date: string;
  sent_at: Date;
}
