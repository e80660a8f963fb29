import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface AuditTemplatesTable {
  id: Generated<string>;
  la_code: string;
  key: string;
  version: number;
  name: string;
  definition: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AuditsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  template_id: string;
  template_key: string;
  visit_id: string | null;
  kind: 'staff' | 'self';
  status: Generated<'draft' | 'completed'>;
  answers: ColumnType<Record<string, { value: string | null; comment?: string }>, string | undefined, string>;
  started_by: string;
  started_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  shared_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
}
