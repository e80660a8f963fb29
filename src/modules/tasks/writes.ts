import type { Insertable, Kysely } from 'kysely';
import { insertMany } from '../../db/copy.js';
import type { DB, TasksTable } from '../../db/types.js';
import type { TenantDb } from '../../db/tenant.js';
import { jobTitleByKey, routeTasks } from '../organisation/index.js';

/** A task for a person or a role, with its deadline (the one task table every module's rules write to). */
export function taskRow(laCode: string, urn: string | null, pathwayId: string | null, ruleKey: string, title: string, owner: TasksTable['owner_role'], ownerUser: string | null, at: Date, deadline: { dueDate: string; dueAt: Date }): Insertable<TasksTable> {
  return { la_code: laCode, urn, pathway_id: pathwayId, rule_key: ruleKey, title, owner_role: owner, owner_user_id: ownerUser, created_at: at, due_date: deadline.dueDate, due_at: deadline.dueAt };
}

/**
 * Saves tasks in the caller's transaction (COPY when there are many, as an import brings). A task
 * nobody owns waits in a job-title queue: the one `queueKeyOf` names, else the one that takes its slot.
 */
export async function saveTasks(db: Kysely<DB>, rows: readonly Insertable<TasksTable>[], queueKeyOf?: (row: Insertable<TasksTable>) => string | undefined): Promise<void> {
  await routeTasks(db, rows, queueKeyOf);
  await insertMany(db, 'tasks', rows);
}

export interface QueuedTask {
  /** the job title whose queue gets it, by key (organisation module), e.g. "area_senco", "ciso" */
  jobTitleKey: string;
  title: string;
  /** 'rule:<module>:<what>' (unique enough to find it again), as other tasks */
  ruleKey: string;
  urn?: string | null;
  pathwayId?: string | null;
  at: Date;
  deadline: { dueDate: string; dueAt: Date };
  /** who it is for once taken; null leaves it in the queue */
  ownerUserId?: string | null;
}

/** Puts a task in a job title's queue (other modules' API: SEND, training, complaints). Returns its id. */
export async function enqueueTask(tenant: TenantDb, task: QueuedTask): Promise<string> {
  const title = await jobTitleByKey(tenant, task.jobTitleKey);
  if (!title) throw new Error(`No job title "${task.jobTitleKey}" in ${tenant.scope.laCode}`);
  const row = await tenant.insertInto('tasks', {
    urn: task.urn ?? null, pathway_id: task.pathwayId ?? null, rule_key: task.ruleKey, title: task.title,
    owner_role: title.slots[0] ?? 'manager', owner_user_id: task.ownerUserId ?? null, owner_job_title_id: title.id,
    created_at: task.at, due_date: task.deadline.dueDate, due_at: task.deadline.dueAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
