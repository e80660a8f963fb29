import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { providerNameColumn as providerName, providerRedactedColumn as providerRedacted, providerWardColumn as providerWard } from '../providers/index.js';

/* Reads for the Team page and the adviser's caseload on My work. */

/** The running pathways I am allocated to. */
export async function myCaseload(tenant: TenantDb) {
  return tenant
    .selectFrom('pathways')
    .select((eb) => [
      'pathways.id', 'pathways.kind', 'pathways.status', 'pathways.urn', 'pathways.allocated_at', providerName('pathways.urn'), providerRedacted('pathways.urn'), providerWard('pathways.urn'),
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
    .select(['pathways.id as pathway_id', 'pathways.kind', 'pathways.started_at', 'pathways.start_reason', 'pathways.urn', providerName('pathways.urn'), providerRedacted('pathways.urn'), providerWard('pathways.urn'), 'tasks.due_date', 'tasks.due_at', 'tasks.done_at'])
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

/** Running pathways allocated to any of these people (a team's caseload), by provider name. */
export async function caseloadOf(tenant: TenantDb, userIds: readonly string[]) {
  if (!userIds.length) return [];
  return tenant
    .selectFrom('pathways')
    .select((eb) => [
      'pathways.id', 'pathways.kind', 'pathways.status', 'pathways.urn', 'pathways.adviser_id', 'pathways.officer_id', providerName('pathways.urn'), providerRedacted('pathways.urn'), providerWard('pathways.urn'),
      eb.selectFrom('visits').select(sql<string>`min(visits.planned_date)`.as('d')).whereRef('visits.pathway_id', '=', 'pathways.id').where('visits.status', 'in', ['planned', 'booked']).as('next_visit'),
    ])
    .where('pathways.status', '<>', 'closed')
    .where((eb) => eb.or([eb('pathways.adviser_id', 'in', userIds), eb('pathways.officer_id', 'in', userIds)]))
    .orderBy('provider_name')
    .limit(500)
    .execute();
}
