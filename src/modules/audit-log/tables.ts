import type { Generated } from 'kysely';
import type { Json } from '../../db/columns.js';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

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
