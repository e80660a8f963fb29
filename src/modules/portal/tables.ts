import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

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
