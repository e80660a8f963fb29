import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Typed tables. Every domain table carries `la_code` (see src/db/tenant.ts). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string, string>;

export const roles = ['admin', 'manager', 'adviser', 'officer', 'viewer', 'provider'] as const;
export type Role = (typeof roles)[number];

export interface LocalAuthoritiesTable {
  la_code: string;
  name: string;
  gss_code: string;
  region: string;
  ofsted_names: string[];
  status: string;
  replaced_by: string[];
}

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
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  la_code: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Date;
  expires_at: Date;
}

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

export interface DB {
  local_authorities: LocalAuthoritiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
