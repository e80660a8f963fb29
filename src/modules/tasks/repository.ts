import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { Role } from '../../db/types.js';
import { queueIdsFor } from '../organisation/index.js';
import { providerNameColumn as providerName, providerRedactedColumn as providerRedacted, providerWardColumn as providerWard } from '../providers/index.js';

/* Reads of the task table for "My work" and "Team". Open tasks and open visits have partial indexes, so these stay fast with years of history. */

/*
 * Names come from correlated lookups on the page's rows (index probes), not joins: on PGlite a
 * join would hash the whole providers table on every page view.
 */
const userName = (idColumn: string, alias: string) => sql<string | null>`(select u.name from users u where u.id = ${sql.ref(idColumn)})`.as(alias);

const queueRole = (role: Role) => (role === 'manager' || role === 'adviser' || role === 'officer' ? role : null);
const queueName = sql<string | null>`(select coalesce(nullif(j.short_name, ''), j.name) from org_job_titles j where j.id = tasks.owner_job_title_id)`.as('queue_name');

/** The job titles whose queues a member of staff works from (organisation module). */
export function myQueues(tenant: TenantDb): Promise<string[]> {
  return tenant.forJob((db) => queueIdsFor(db, tenant.scope.laCode, tenant.scope.userId, tenant.scope.role));
}

function openTasks(tenant: TenantDb) {
  return tenant
    .selectFrom('tasks')
    .where('tasks.done_at', 'is', null)
    .where('tasks.cancelled_at', 'is', null);
}

type OpenTasks = ReturnType<typeof openTasks>;
/** A page of open tasks with the total in the same query (one round trip: PGlite runs queries one at a time). */
async function page(q: OpenTasks, limit: number, offset: number) {
  const rows = await q
    .select(['tasks.id', 'tasks.title', 'tasks.rule_key', 'tasks.owner_role', 'tasks.owner_user_id', 'tasks.owner_job_title_id', queueName, 'tasks.pathway_id', 'tasks.urn', 'tasks.due_date', 'tasks.due_at', 'tasks.done_at', 'tasks.cancelled_at', providerName('tasks.urn'), providerRedacted('tasks.urn'), providerWard('tasks.urn'), userName('tasks.owner_user_id', 'owner_name'), sql<number>`count(*) over ()`.as('total')])
    .orderBy('tasks.due_at').orderBy('tasks.id').limit(limit).offset(offset).execute();
  const total = rows[0] ? Number(rows[0].total) : offset > 0 ? Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : 0;
  return { rows, total };
}

/**
 * My tasks and the unowned tasks of the job-title queues I work from, earliest deadline (so overdue)
 * first. A task saved before queues existed and in none stays in its slot's (the role's) list.
 * Allocations are done on Team, which lists them with their deadlines: My work counts them instead.
 */
export async function myTasks(tenant: TenantDb, limit: number, offset: number, queues: readonly string[]) {
  const role = queueRole(tenant.scope.role);
  const q = openTasks(tenant).where('tasks.rule_key', '<>', ALLOCATE).where((eb) => eb.or([
    eb('tasks.owner_user_id', '=', tenant.scope.userId),
    ...(queues.length ? [eb.and([eb('tasks.owner_user_id', 'is', null), eb('tasks.owner_job_title_id', 'in', queues)])] : []),
    ...(role ? [eb.and([eb('tasks.owner_user_id', 'is', null), eb('tasks.owner_job_title_id', 'is', null), eb('tasks.owner_role', '=', role)])] : []),
  ]));
  return page(q, limit, offset);
}

/** The unowned tasks waiting in these job-title queues, earliest deadline first. */
export async function queueTasks(tenant: TenantDb, jobTitleIds: readonly string[], limit: number, offset: number) {
  if (!jobTitleIds.length) return { rows: [], total: 0 };
  return page(openTasks(tenant).where('tasks.owner_user_id', 'is', null).where('tasks.owner_job_title_id', 'in', jobTitleIds), limit, offset);
}

/** For each job title with work waiting: how many unowned open tasks, how many overdue, the oldest deadline. */
export async function queueCounts(tenant: TenantDb, now: Date) {
  const rows = await openTasks(tenant)
    .where('tasks.owner_user_id', 'is', null)
    .where('tasks.owner_job_title_id', 'is not', null)
    .select(['tasks.owner_job_title_id', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where tasks.due_at < ${now})::int`.as('overdue'), (eb) => eb.fn.min('tasks.due_date').as('earliest')])
    .groupBy('tasks.owner_job_title_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_job_title_id!, { count: Number(r.n), overdue: Number(r.overdue), earliest: r.earliest as string | null }]));
}

/** Takes a task from its queue: it becomes the user's own. */
export async function takeTask(tenant: TenantDb, id: string) {
  return tenant.updateTable('tasks').set({ owner_user_id: tenant.scope.userId }).where('id', '=', id).where('owner_user_id', 'is', null).where('done_at', 'is', null).where('cancelled_at', 'is', null).executeTakeFirst();
}

const ALLOCATE = 'step:allocate';

/** Settings waiting to be allocated, how many of those are overdue, and the earliest deadline (for the SIA's My work). */
export async function waitingToAllocate(tenant: TenantDb, now: Date) {
  const row = await openTasks(tenant)
    .where('tasks.rule_key', '=', ALLOCATE)
    .select([
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`count(*) filter (where tasks.due_at < ${now})::int`.as('overdue'),
      (eb) => eb.fn.min('tasks.due_date').as('earliest'),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), overdue: Number(row.overdue), earliest: row.earliest as string | null };
}

export async function overdueTasks(tenant: TenantDb, now: Date, limit: number, offset: number) {
  return page(openTasks(tenant).where('tasks.due_at', '<', now), limit, offset);
}

/** Deadlines that fell in [from, to) and were missed: done late, or still open after the deadline. */
export async function slaBreaches(tenant: TenantDb, from: Date, to: Date, now: Date) {
  const due = tenant
    .selectFrom('tasks')
    .where('tasks.due_at', '>=', from)
    .where('tasks.due_at', '<', to)
    .where('tasks.cancelled_at', 'is', null);
  const row = await due
    .select([
      sql<number>`count(*) filter (where tasks.done_at is not null or tasks.due_at < ${now})::int`.as('due'),
      sql<number>`count(*) filter (where tasks.done_at > tasks.due_at or (tasks.done_at is null and tasks.due_at < ${now}))::int`.as('breached'),
    ])
    .executeTakeFirstOrThrow();
  return { due: Number(row.due), breached: Number(row.breached) };
}

export async function getTask(tenant: TenantDb, id: string) {
  return tenant.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function completeTask(tenant: TenantDb, id: string, at: Date, note: string | null) {
  return tenant.updateTable('tasks').set({ done_at: at, done_by: tenant.scope.userId, done_note: note }).where('id', '=', id).where('done_at', 'is', null).where('cancelled_at', 'is', null).executeTakeFirst();
}

