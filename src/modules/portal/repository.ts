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

export async function pendingContactRequest(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('contact_change_requests').select(['id', 'requested_at']).where('urn', '=', urn).where('status', '=', 'pending').executeTakeFirst();
}
