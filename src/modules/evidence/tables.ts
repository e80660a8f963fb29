import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

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
