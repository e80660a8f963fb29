import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type ActionStatus = 'not_started' | 'in_progress' | 'done' | 'dropped';

export interface ActionPlanItemsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  pathway_id: string | null;
  note_id: string | null;
  source: string;
  area: string;
  action: string;
  success_criteria: Generated<string>;
  owner: Generated<string>;
  due_date: string | null;
  status: Generated<ActionStatus>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** raised by every save; an edit form posts the version it was loaded with (concurrent edits) */
  version: Generated<number>;
  updated_by: string | null;
}

export interface ActionPlanUpdatesTable {
  id: Generated<string>;
  la_code: string;
  item_id: string;
  at: Date;
  by_user: string | null;
  status: string;
  comment: Generated<string>;
}
