import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface CalendarDaysTable {
  id: Generated<string>;
  la_code: string;
  day: string;
  change: 'add' | 'remove';
  reason: string;
  created_by: string | null;
  created_at: Date;
}
