import type { ColumnType } from 'kysely';

/** Typed tables. Every domain table carries `la_code` (see src/db/tenant.ts). */
export type Json = ColumnType<unknown, string, string>;

export const roles = ['admin', 'manager', 'adviser', 'officer', 'viewer', 'provider'] as const;
export type Role = (typeof roles)[number];
