import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type TaskOwnerRole = 'manager' | 'adviser' | 'officer';

export interface TasksTable {
  id: Generated<string>;
  la_code: string;
  urn: string | null;
  pathway_id: string | null;
  /** 'step:<key>' for a pathway step (one per pathway), 'rule:<key>' for an engagement rule */
  rule_key: string;
  title: string;
  owner_role: TaskOwnerRole;
  owner_user_id: string | null;
  /** the job-title queue the task waits in while nobody owns it (organisation module) */
  owner_job_title_id?: string | null;
  created_at: Date;
  due_date: string;
  due_at: Date;
  done_at: Date | null;
  done_by: string | null;
  done_note: string | null;
  cancelled_at: Date | null;
}
