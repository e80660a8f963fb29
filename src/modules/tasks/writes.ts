import type { Insertable, Kysely } from 'kysely';
import { insertMany } from '../../db/copy.js';
import type { DB, TasksTable } from '../../db/types.js';

/** A task for a person or a role, with its deadline (the one task table every module's rules write to). */
export function taskRow(laCode: string, urn: string | null, pathwayId: string | null, ruleKey: string, title: string, owner: TasksTable['owner_role'], ownerUser: string | null, at: Date, deadline: { dueDate: string; dueAt: Date }): Insertable<TasksTable> {
  return { la_code: laCode, urn, pathway_id: pathwayId, rule_key: ruleKey, title, owner_role: owner, owner_user_id: ownerUser, created_at: at, due_date: deadline.dueDate, due_at: deadline.dueAt };
}

/** Saves tasks in the caller's transaction (COPY when there are many, as an import brings). */
export function saveTasks(db: Kysely<DB>, rows: readonly Insertable<TasksTable>[]): Promise<void> {
  return insertMany(db, 'tasks', rows);
}
