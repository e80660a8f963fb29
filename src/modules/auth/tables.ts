import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface SessionsTable {
  id: string;
  la_code: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Date;
  expires_at: Date;
}
