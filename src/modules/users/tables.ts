import type { Generated } from 'kysely';
import type { Role } from '../../db/columns.js';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

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
