import type { TenantDb } from '../../db/tenant.js';
import { NotFoundError } from '../../platform/errors.js';

/*
 * Everything a provider user reads goes through here: each query is limited to the LA (TenantDb)
 * and to a provider the user is linked to; anything else is "not found". Staff-only columns (SIA
 * comments, tasks, internal history) are never selected.
 */

export async function linkedProviders(tenant: TenantDb) {
  return tenant
    .selectFrom('provider_users')
    .innerJoin('providers', 'providers.urn', 'provider_users.urn')
    .select(['providers.urn', 'providers.name', 'providers.town'])
    .where('provider_users.user_id', '=', tenant.scope.userId)
    .orderBy('providers.name')
    .execute();
}

/** The provider, if this user is linked to it; otherwise NotFoundError. */
export async function ownProvider(tenant: TenantDb, urn: string) {
  const row = await tenant
    .selectFrom('providers')
    .innerJoin('provider_users', (j) => j.onRef('provider_users.urn', '=', 'providers.urn').on('provider_users.user_id', '=', tenant.scope.userId))
    .select(['providers.urn', 'providers.name', 'providers.redacted', 'providers.provider_type', 'providers.address_line1', 'providers.address_line2', 'providers.town', 'providers.postcode', 'providers.status', 'providers.registration_date', 'providers.contact_email', 'providers.contact_name', 'providers.contact_phone'])
    .where('providers.urn', '=', urn)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function latestOutcome(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('inspections').select(['overall', 'inspection_date', 'report_card', 'key_judgements', 'safeguarding_effective']).where('urn', '=', urn).orderBy('inspection_date', 'desc').limit(1).executeTakeFirst();
}

export async function runningPathway(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('pathways')
    .leftJoin('users as a', 'a.id', 'pathways.adviser_id')
    .select(['pathways.id', 'pathways.kind', 'pathways.started_at', 'pathways.cadence', 'a.name as adviser_name', 'a.email as adviser_email'])
    .where('pathways.urn', '=', urn)
    .where('pathways.status', '=', 'active')
    .where('pathways.kind', '<>', 'good_or_better')
    .executeTakeFirst();
}

export async function upcomingVisits(tenant: TenantDb, urn: string, from: Date) {
  return tenant
    .selectFrom('visits')
    .leftJoin('users as a', 'a.id', 'visits.adviser_id')
    .select(['visits.id', 'visits.visit_type', 'visits.number', 'visits.status', 'visits.booked_for', 'visits.location', 'visits.planned_date', 'visits.done_on', 'visits.cancelled_by', 'visits.cancelled_on', 'a.name as adviser_name'])
    .where('visits.urn', '=', urn)
    .where('visits.status', '=', 'booked')
    .where('visits.booked_for', '>=', from)
    .orderBy('visits.booked_for')
    .execute();
}

export async function ownVisit(tenant: TenantDb, urn: string, visitId: string) {
  const v = await tenant.selectFrom('visits').selectAll().where('id', '=', visitId).where('urn', '=', urn).executeTakeFirst();
  if (!v) throw new NotFoundError();
  return v;
}

export async function sentNotes(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('notes_of_visit').select(['id', 'sent_at']).where('urn', '=', urn).where('status', '=', 'sent').orderBy('sent_at', 'desc').execute();
}

export async function ownSentNote(tenant: TenantDb, urn: string, noteId: string) {
  const n = await tenant.selectFrom('notes_of_visit').select('id').where('id', '=', noteId).where('urn', '=', urn).where('status', '=', 'sent').executeTakeFirst();
  if (!n) throw new NotFoundError();
  return n;
}

export async function ownActionItem(tenant: TenantDb, urn: string, itemId: string) {
  const item = await tenant.selectFrom('action_plan_items').select(['id', 'urn', 'action', 'area', 'due_date', 'status', 'success_criteria']).where('id', '=', itemId).where('urn', '=', urn).executeTakeFirst();
  if (!item) throw new NotFoundError();
  return item;
}

export async function pendingContactRequest(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('contact_change_requests').select(['id', 'requested_at']).where('urn', '=', urn).where('status', '=', 'pending').executeTakeFirst();
}
