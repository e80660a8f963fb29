import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';

/* Reads for pathway pages. Every query starts from the TenantDb, so it is limited to the user's LA. */

export async function getPathway(tenant: TenantDb, id: string) {
  return tenant
    .selectFrom('pathways')
    .innerJoin('providers', 'providers.urn', 'pathways.urn')
    .innerJoin('pathway_templates as t', 't.id', 'pathways.template_id')
    .leftJoin('users as a', 'a.id', 'pathways.adviser_id')
    .leftJoin('users as o', 'o.id', 'pathways.officer_id')
    .select([
      'pathways.id', 'pathways.urn', 'pathways.kind', 'pathways.status', 'pathways.started_at', 'pathways.start_reason',
      'pathways.adviser_id', 'pathways.officer_id', 'pathways.cadence', 'pathways.management_actions', 'pathways.allocated_at',
      'pathways.paused_reason', 'pathways.closed_at', 'pathways.close_outcome', 'pathways.template_id',
      't.version as template_version', 't.definition',
      'providers.name as provider_name', 'providers.redacted',
      'a.name as adviser_name', 'o.name as officer_name',
    ])
    .where('pathways.id', '=', id)
    .executeTakeFirst();
}

export async function pathwayTasks(tenant: TenantDb, pathwayId: string) {
  return tenant
    .selectFrom('tasks')
    .leftJoin('users as owner', 'owner.id', 'tasks.owner_user_id')
    .leftJoin('users as doer', 'doer.id', 'tasks.done_by')
    .leftJoin('org_job_titles as queue', 'queue.id', 'tasks.owner_job_title_id')
    .select(['tasks.id', 'tasks.rule_key', 'tasks.title', 'tasks.owner_role', 'tasks.owner_user_id', 'tasks.owner_job_title_id', sql<string | null>`coalesce(nullif(queue.short_name, ''), queue.name)`.as('queue_name'), 'tasks.due_date', 'tasks.due_at', 'tasks.done_at', 'tasks.cancelled_at', 'tasks.done_note', 'owner.name as owner_name', 'doer.name as done_by_name'])
    .where('tasks.pathway_id', '=', pathwayId)
    .orderBy('tasks.created_at')
    .orderBy('tasks.due_at')
    .execute();
}

export async function pathwayVisits(tenant: TenantDb, pathwayId: string) {
  return tenant
    .selectFrom('visits')
    .leftJoin('users as a', 'a.id', 'visits.adviser_id')
    .select(['visits.id', 'visits.visit_type', 'visits.number', 'visits.focus', 'visits.with_sia', 'visits.planned_date', 'visits.status', 'visits.booked_for', 'visits.done_on', 'visits.cancelled_by', 'visits.cancel_reason', 'visits.cancelled_on', 'a.name as adviser_name'])
    .where('visits.pathway_id', '=', pathwayId)
    .orderBy('visits.planned_date')
    .orderBy('visits.number')
    .execute();
}

export async function pathwayEvents(tenant: TenantDb, pathwayId: string) {
  return tenant
    .selectFrom('pathway_events')
    .leftJoin('users', 'users.id', 'pathway_events.by_user')
    .select(['pathway_events.at', 'pathway_events.event_type', 'pathway_events.summary', 'users.name as by_name'])
    .where('pathway_events.pathway_id', '=', pathwayId)
    .orderBy('pathway_events.at', 'desc')
    .execute();
}

export async function providerPathways(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('pathways')
    .leftJoin('users as a', 'a.id', 'pathways.adviser_id')
    .select(['pathways.id', 'pathways.kind', 'pathways.status', 'pathways.started_at', 'pathways.start_reason', 'pathways.allocated_at', 'pathways.closed_at', 'pathways.close_outcome', 'a.name as adviser_name'])
    .where('pathways.urn', '=', urn)
    .orderBy('pathways.started_at', 'desc')
    .execute();
}

/** Open tasks about a provider that belong to no pathway (engagement rules). */
export async function providerOpenRuleTasks(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('tasks')
    .select(['id', 'title', 'owner_role', 'due_date', 'due_at', 'done_at'])
    .where('urn', '=', urn)
    .where('pathway_id', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('due_at')
    .execute();
}

/** Staff who can be allocated, with their current caseload (running pathways). */
export async function allocatableStaff(tenant: TenantDb) {
  return tenant
    .selectFrom('users')
    .select((eb) => [
      'users.id', 'users.name', 'users.role',
      eb
        .selectFrom('pathways')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('pathways.status', '<>', 'closed')
        .where((w) => w.or([w('pathways.adviser_id', '=', w.ref('users.id')), w('pathways.officer_id', '=', w.ref('users.id'))]))
        .as('caseload'),
    ])
    .where('users.active', '=', true)
    .where('users.role', 'in', ['adviser', 'manager', 'officer'])
    .orderBy('users.name')
    .execute();
}

export async function termDates(tenant: TenantDb) {
  return tenant.selectFrom('term_dates').select(['id', 'name', 'starts_on', 'ends_on']).orderBy('starts_on').execute();
}

export async function cancellationsBySetting(tenant: TenantDb, urn: string) {
  const rows = await tenant
    .selectFrom('visits')
    .select('cancelled_on')
    .where('urn', '=', urn)
    .where('status', '=', 'cancelled')
    .where('cancelled_by', '=', 'setting')
    .execute();
  return rows.map((r) => r.cancelled_on).filter((d): d is string => d !== null);
}

/** The provider's support history for its timeline. */
export async function providerPathwayEvents(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('pathway_events')
    .innerJoin('pathways', 'pathways.id', 'pathway_events.pathway_id')
    .select(['pathway_events.at', 'pathway_events.summary'])
    .where('pathways.urn', '=', urn)
    .orderBy('pathway_events.at', 'desc')
    .limit(200)
    .execute();
}

/** The provider's visits: everything booked or done, newest first, with any note of visit. */
export async function providerVisits(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('visits')
    .leftJoin('users as a', 'a.id', 'visits.adviser_id')
    .leftJoin('notes_of_visit as n', 'n.visit_id', 'visits.id')
    .select(['visits.id', 'visits.pathway_id', 'visits.visit_type', 'visits.number', 'visits.status', 'visits.planned_date', 'visits.booked_for', 'visits.done_on', 'visits.cancelled_by', 'visits.cancelled_on', 'visits.with_sia', 'a.name as adviser_name', 'n.id as note_id', 'n.status as note_status'])
    .where('visits.urn', '=', urn)
    .where('visits.status', 'in', ['booked', 'done', 'cancelled'])
    .orderBy('visits.booked_for', 'desc')
    .limit(50)
    .execute();
}
