import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { ReturnFigures, ReturnForm } from './returns.js';

export async function saveReturn(tenant: TenantDb, urn: string, term: string, r: ReturnForm, now: Date): Promise<void> {
  await tenant.insertInto('sufficiency_vacancy_returns', {
    urn, term, figures: JSON.stringify(r.figures), waiting_list: r.waitingList, funded_places: r.fundedPlaces, opens_at: r.opensAt, closes_at: r.closesAt, weeks_per_year: r.weeksPerYear, submitted_by: tenant.scope.userId, submitted_at: now,
  }).execute();
}

const columns = ['id', 'urn', 'term', 'figures', 'waiting_list', 'funded_places', 'opens_at', 'closes_at', 'weeks_per_year', 'submitted_at'] as const;
const typed = <T extends { figures: unknown }>(r: T) => ({ ...r, figures: r.figures as ReturnFigures });

/** Every return the setting has sent, newest first. */
export async function returnsOf(tenant: TenantDb, urn: string) {
  return (await tenant.selectFrom('sufficiency_vacancy_returns').select(columns).where('urn', '=', urn).orderBy('submitted_at', 'desc').execute()).map(typed);
}

/** Each setting's latest return for the term. */
export async function latestReturns(tenant: TenantDb, term: string) {
  const rows = await tenant
    .selectFrom('sufficiency_vacancy_returns')
    .select(columns.map((c) => `sufficiency_vacancy_returns.${c}` as const))
    .where('sufficiency_vacancy_returns.term', '=', term)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sufficiency_vacancy_returns as later').select('later.id').whereRef('later.urn', '=', 'sufficiency_vacancy_returns.urn').whereRef('later.term', '=', 'sufficiency_vacancy_returns.term').whereRef('later.submitted_at', '>', 'sufficiency_vacancy_returns.submitted_at'))))
    .execute();
  return rows.map(typed);
}

/** The settings asked for a return: active, with someone who uses the portal; with their latest return and reminder this term. */
export async function askedSettings(tenant: TenantDb, term: string) {
  return tenant
    .selectFrom('providers')
    .select(['providers.urn', 'providers.name', 'providers.redacted', 'providers.provider_type', 'providers.ward'])
    .select((eb) => [
      eb.selectFrom('sufficiency_vacancy_returns as r').select(sql<Date>`max(r.submitted_at)`.as('m')).whereRef('r.urn', '=', 'providers.urn').where('r.term', '=', term).as('returned_at'),
      eb.selectFrom('sufficiency_return_reminders as m').select(sql<Date>`max(m.sent_at)`.as('m')).whereRef('m.urn', '=', 'providers.urn').where('m.term', '=', term).as('reminded_at'),
    ])
    .where('providers.status', '=', 'Active')
    .where((eb) => eb.exists(eb.selectFrom('provider_users').select('provider_users.urn').whereRef('provider_users.urn', '=', 'providers.urn')))
    .orderBy('providers.name')
    .execute();
}

export async function recordReminders(tenant: TenantDb, urns: readonly string[], term: string, now: Date): Promise<void> {
  if (urns.length) await tenant.insertInto('sufficiency_return_reminders', urns.map((urn) => ({ urn, term, sent_at: now, sent_by: tenant.scope.userId }))).execute();
}
