import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { Role } from '../../db/types.js';

/* Reads for "My work" and "Team". Open tasks and open visits have partial indexes, so these stay fast with years of history. */

/*
 * Names come from correlated lookups on the page's rows (index probes), not joins: on PGlite a
 * join would hash the whole providers table on every page view.
 */
const providerName = (urnColumn: string) => sql<string | null>`(select p.name from providers p where p.urn = ${sql.ref(urnColumn)})`.as('provider_name');
const providerRedacted = (urnColumn: string) => sql<boolean | null>`(select p.redacted from providers p where p.urn = ${sql.ref(urnColumn)})`.as('redacted');
const userName = (idColumn: string, alias: string) => sql<string | null>`(select u.name from users u where u.id = ${sql.ref(idColumn)})`.as(alias);

const queueRole = (role: Role) => (role === 'manager' || role === 'adviser' || role === 'officer' ? role : null);

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
    .select(['tasks.id', 'tasks.title', 'tasks.rule_key', 'tasks.owner_role', 'tasks.owner_user_id', 'tasks.pathway_id', 'tasks.urn', 'tasks.due_date', 'tasks.due_at', 'tasks.done_at', 'tasks.cancelled_at', providerName('tasks.urn'), providerRedacted('tasks.urn'), userName('tasks.owner_user_id', 'owner_name'), sql<number>`count(*) over ()`.as('total')])
    .orderBy('tasks.due_at').orderBy('tasks.id').limit(limit).offset(offset).execute();
  const total = rows[0] ? Number(rows[0].total) : offset > 0 ? Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : 0;
  return { rows, total };
}

/** My tasks and my role's unowned queue, earliest deadline (so overdue) first. */
export async function myTasks(tenant: TenantDb, limit: number, offset: number) {
  const role = queueRole(tenant.scope.role);
  const q = openTasks(tenant).where((eb) =>
    role ? eb.or([eb('tasks.owner_user_id', '=', tenant.scope.userId), eb.and([eb('tasks.owner_user_id', 'is', null), eb('tasks.owner_role', '=', role)])]) : eb('tasks.owner_user_id', '=', tenant.scope.userId),
  );
  return page(q, limit, offset);
}

/** My planned and booked visits up to `until` (and any left unbooked past their date); SIAs also see the visits they accompany. */
export async function myVisits(tenant: TenantDb, until: string) {
  const isSia = tenant.scope.role === 'manager';
  return tenant
    .selectFrom('visits')
    .select(['visits.id', 'visits.pathway_id', 'visits.urn', 'visits.visit_type', 'visits.number', 'visits.with_sia', 'visits.planned_date', 'visits.status', 'visits.booked_for', providerName('visits.urn'), providerRedacted('visits.urn')])
    .where('visits.status', 'in', ['planned', 'booked'])
    .where('visits.planned_date', '<=', until)
    .where((eb) => (isSia ? eb.or([eb('visits.adviser_id', '=', tenant.scope.userId), eb('visits.with_sia', '=', true)]) : eb('visits.adviser_id', '=', tenant.scope.userId)))
    .orderBy('visits.planned_date')
    .limit(100)
    .execute();
}

/** The running pathways I am allocated to. */
export async function myCaseload(tenant: TenantDb) {
  return tenant
    .selectFrom('pathways')
    .select((eb) => [
      'pathways.id', 'pathways.kind', 'pathways.status', 'pathways.urn', 'pathways.allocated_at', providerName('pathways.urn'), providerRedacted('pathways.urn'),
      eb.selectFrom('visits').select(sql<string>`min(visits.planned_date)`.as('d')).whereRef('visits.pathway_id', '=', 'pathways.id').where('visits.status', 'in', ['planned', 'booked']).as('next_visit'),
    ])
    .where('pathways.status', '<>', 'closed')
    .where((eb) => eb.or([eb('pathways.adviser_id', '=', tenant.scope.userId), eb('pathways.officer_id', '=', tenant.scope.userId)]))
    .orderBy('provider_name')
    .execute();
}

/** Pathways waiting for the SIA to allocate them, with the allocation deadline. */
export async function unallocated(tenant: TenantDb) {
  return tenant
    .selectFrom('tasks')
    .innerJoin('pathways', 'pathways.id', 'tasks.pathway_id')
    .select(['pathways.id as pathway_id', 'pathways.kind', 'pathways.started_at', 'pathways.start_reason', 'pathways.urn', providerName('pathways.urn'), providerRedacted('pathways.urn'), 'tasks.due_date', 'tasks.due_at', 'tasks.done_at'])
    .where('tasks.rule_key', '=', 'step:allocate')
    .where('tasks.done_at', 'is', null)
    .where('tasks.cancelled_at', 'is', null)
    .where('pathways.status', '<>', 'closed')
    .orderBy('tasks.due_at')
    .limit(200)
    .execute();
}

/** Each member of staff's caseload and overdue tasks. */
export async function caseloads(tenant: TenantDb, now: Date) {
  return tenant
    .selectFrom('users')
    .select((eb) => [
      'users.id', 'users.name', 'users.role',
      eb.selectFrom('pathways').select(sql<number>`count(*)::int`.as('n')).where('pathways.status', '<>', 'closed')
        .where((w) => w.or([w('pathways.adviser_id', '=', w.ref('users.id')), w('pathways.officer_id', '=', w.ref('users.id'))])).as('caseload'),
      eb.selectFrom('tasks').select(sql<number>`count(*)::int`.as('n')).whereRef('tasks.owner_user_id', '=', 'users.id')
        .where('tasks.done_at', 'is', null).where('tasks.cancelled_at', 'is', null).where('tasks.due_at', '<', now).as('overdue'),
    ])
    .where('users.active', '=', true)
    .where('users.role', 'in', ['adviser', 'manager', 'officer'])
    .orderBy('users.name')
    .execute();
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

/** Action plan items past their due date for the settings on my caseload (for the SIA: every setting). */
export async function overdueActions(tenant: TenantDb, today: string) {
  let q = tenant
    .selectFrom('action_plan_items')
    .select(['action_plan_items.id', 'action_plan_items.urn', 'action_plan_items.action', 'action_plan_items.due_date', providerName('action_plan_items.urn'), providerRedacted('action_plan_items.urn')])
    .where('action_plan_items.status', 'in', ['not_started', 'in_progress'])
    .where('action_plan_items.due_date', '<', today);
  if (tenant.scope.role !== 'manager' && tenant.scope.role !== 'admin') {
    const me = tenant.scope.userId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('pathways as p').select('p.id').whereRef('p.urn', '=', 'action_plan_items.urn').where('p.status', '<>', 'closed').where((w) => w.or([w('p.adviser_id', '=', me), w('p.officer_id', '=', me)])),
      ),
    );
  }
  return q.orderBy('action_plan_items.due_date').limit(50).execute();
}
