import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

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
  /** how the file was read: encoding, columns not used, short rows, contradicting flags */
  notices: Generated<string[]>;
  /** the first rows' warnings ("Row 12: …"), and how many there were in all */
  warnings: Generated<string[]>;
  warning_count: Generated<number>;
}

export interface ImportLaCountsTable {
  import_id: string;
  la_code: string;
  new_count: number;
  changed_count: number;
  unchanged_count: number;
  rejected_count: number;
  baseline: boolean;
  /** rows not applied: EY Hub holds newer data for their providers */
  older_count: Generated<number>;
  /** providers that moved here from another local authority, and away to another */
  moved_in_count: Generated<number>;
  moved_out_count: Generated<number>;
  /** providers of the kinds the file lists that the register held for this LA before the import (null before 4 December 2026) */
  held_count: Generated<number | null>;
  /** this LA's rows imported with a warning: the first lines, and how many in all (16.7) */
  warnings: Generated<string[]>;
  warning_count: Generated<number>;
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
