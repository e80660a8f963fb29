import { sql, type ExpressionBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { NotFoundError } from '../../platform/errors.js';
import { roleCan } from '../../platform/permissions.js';
import { inInclusionTeam } from '../organisation/index.js';

/*
 * Who may see a child (ADR 0027): the inclusion team (`inclusion:work`), the child's allocated
 * practitioner, and provider users of a setting the child attends today. Every query about a
 * child goes through `visibleChildren`; anything else is "not found".
 */

type ChildEb = ExpressionBuilder<DB, 'inclusion_children'>;

/** The child attends `urn` on `today` (started, and not yet left). */
export const attends = (eb: ChildEb, urn: string | readonly string[], today: string) =>
  eb.exists(
    eb.selectFrom('inclusion_child_settings as s')
      .select('s.id')
      .whereRef('s.child_id', '=', 'inclusion_children.id')
      .where('s.urn', typeof urn === 'string' ? '=' : 'in', urn as string)
      .where('s.started_on', '<=', today)
      .where((w) => w.or([w('s.ended_on', 'is', null), w('s.ended_on', '>=', today)])),
  );

/** The children this user may see today (for a provider user: only those attending `urn`, one of their settings). */
export function visibleChildren(tenant: TenantDb, today: string, urn?: string) {
  const q = tenant.selectFrom('inclusion_children');
  const { role, userId } = tenant.scope;
  if (role === 'provider') {
    if (!urn) return q.where(sql<boolean>`false`);
    return q.where((eb) => eb.and([
      attends(eb, urn, today),
      eb.exists(eb.selectFrom('provider_users').select('provider_users.user_id').where('provider_users.user_id', '=', userId).where('provider_users.urn', '=', urn)),
    ]));
  }
  if (roleCan(role, 'inclusion:work')) return urn ? q.where((eb) => attends(eb, urn, today)) : q;
  // a member of the LA's inclusion team (organisation's job titles) who may open the Inclusion pages
  if (roleCan(role, 'inclusion:case')) {
    const laCode = tenant.scope.laCode;
    return q.where((eb) => eb.or([eb('inclusion_children.practitioner_id', '=', userId), inInclusionTeam(eb as unknown as ExpressionBuilder<DB, never>, laCode, userId)]));
  }
  return q.where('inclusion_children.practitioner_id', '=', userId);
}

const childColumns = ['inclusion_children.id', 'inclusion_children.first_name', 'inclusion_children.last_name', 'inclusion_children.date_of_birth', 'inclusion_children.parent_name', 'inclusion_children.parent_email', 'inclusion_children.parent_phone', 'inclusion_children.level_of_need', 'inclusion_children.areas_of_need', 'inclusion_children.practitioner_id', 'inclusion_children.service', 'inclusion_children.contact_due', 'inclusion_children.first_contact_at', 'inclusion_children.closed_at', 'inclusion_children.outcome', 'inclusion_children.created_at'] as const;

export async function findChild(tenant: TenantDb, id: string, today: string, urn?: string) {
  const row = await visibleChildren(tenant, today, urn)
    .leftJoin('users', 'users.id', 'inclusion_children.practitioner_id')
    .select([...childColumns, 'users.name as practitioner_name', 'users.email as practitioner_email'])
    .where('inclusion_children.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}
export type Child = Awaited<ReturnType<typeof findChild>>;

export async function settingsOf(tenant: TenantDb, childId: string) {
  return tenant.selectFrom('inclusion_child_settings')
    .innerJoin('providers', 'providers.urn', 'inclusion_child_settings.urn')
    .select(['inclusion_child_settings.id', 'inclusion_child_settings.urn', 'inclusion_child_settings.started_on', 'inclusion_child_settings.ended_on', 'providers.name as provider_name', 'providers.contact_email'])
    .where('child_id', '=', childId)
    .orderBy('started_on')
    .execute();
}

export async function consentsOf(tenant: TenantDb, childId: string) {
  return tenant.selectFrom('inclusion_consents').selectAll().where('child_id', '=', childId).orderBy('given_on', 'desc').execute();
}

export async function entriesOf(tenant: TenantDb, childId: string) {
  return tenant.selectFrom('inclusion_case_entries')
    .leftJoin('users', 'users.id', 'inclusion_case_entries.created_by')
    .select(['inclusion_case_entries.id', 'inclusion_case_entries.kind', 'inclusion_case_entries.happens_on', 'inclusion_case_entries.at_time', 'inclusion_case_entries.place', 'inclusion_case_entries.method', 'inclusion_case_entries.body', 'inclusion_case_entries.review_on', 'inclusion_case_entries.created_at', 'users.name as author'])
    .where('child_id', '=', childId)
    .orderBy('happens_on', 'desc')
    .orderBy('inclusion_case_entries.created_at', 'desc')
    .execute();
}

const referralColumns = ['inclusion_referrals.id', 'inclusion_referrals.child_id', 'inclusion_referrals.urn', 'inclusion_referrals.status', 'inclusion_referrals.needs', 'inclusion_referrals.graduated_approach', 'inclusion_referrals.consent_id', 'inclusion_referrals.submitted_at', 'inclusion_referrals.panel_id', 'inclusion_referrals.decision', 'inclusion_referrals.service', 'inclusion_referrals.reasons', 'inclusion_referrals.signposting', 'inclusion_referrals.decided_at', 'inclusion_referrals.created_at', 'inclusion_referrals.updated_at'] as const;

/** A referral, if its child is visible to this user (for a provider user: through `urn`, the setting that made it). */
export async function findReferral(tenant: TenantDb, id: string, today: string, urn?: string) {
  const children = visibleChildren(tenant, today, urn).select('inclusion_children.id');
  let q = tenant.selectFrom('inclusion_referrals')
    .innerJoin('providers', 'providers.urn', 'inclusion_referrals.urn')
    .leftJoin('inclusion_panels', 'inclusion_panels.id', 'inclusion_referrals.panel_id')
    .select([...referralColumns, 'providers.name as provider_name', 'providers.contact_email', 'inclusion_panels.meets_on', 'inclusion_panels.cutoff_on'])
    .where('inclusion_referrals.id', '=', id)
    .where('inclusion_referrals.child_id', 'in', children);
  if (urn) q = q.where('inclusion_referrals.urn', '=', urn);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}
export type Referral = Awaited<ReturnType<typeof findReferral>>;

/** Referrals; with `attendingOn`, only those of children who attend `urn` that day (what the setting may see). */
export async function referralsOf(tenant: TenantDb, filter: { childId?: string; urn?: string; panelId?: string; status?: 'submitted'; attendingOn?: string }) {
  let q = tenant.selectFrom('inclusion_referrals')
    .innerJoin('inclusion_children', 'inclusion_children.id', 'inclusion_referrals.child_id')
    .innerJoin('providers', 'providers.urn', 'inclusion_referrals.urn')
    .leftJoin('inclusion_panels', 'inclusion_panels.id', 'inclusion_referrals.panel_id')
    .select([...referralColumns, 'inclusion_children.first_name', 'inclusion_children.last_name', 'inclusion_children.date_of_birth', 'providers.name as provider_name', 'inclusion_panels.meets_on'])
    .orderBy('inclusion_referrals.created_at', 'desc');
  if (filter.childId) q = q.where('inclusion_referrals.child_id', '=', filter.childId);
  if (filter.urn) q = q.where('inclusion_referrals.urn', '=', filter.urn);
  if (filter.urn && filter.attendingOn) q = q.where((eb) => attends(eb as unknown as ChildEb, filter.urn!, filter.attendingOn!));
  if (filter.panelId) q = q.where('inclusion_referrals.panel_id', '=', filter.panelId);
  if (filter.status) q = q.where('inclusion_referrals.status', '=', filter.status);
  return q.execute();
}

export async function filesOf(tenant: TenantDb, referralId: string) {
  return tenant.selectFrom('inclusion_files').select(['id', 'file_name', 'content_type', 'size_bytes', 'created_at']).where('referral_id', '=', referralId).orderBy('created_at').execute();
}

export async function panels(tenant: TenantDb, from?: string) {
  let q = tenant.selectFrom('inclusion_panels').select(['id', 'meets_on', 'cutoff_on', 'place']).orderBy('meets_on');
  if (from) q = q.where('meets_on', '>=', from);
  return q.execute();
}

export async function settingsFor(tenant: TenantDb) {
  const row = await tenant.selectFrom('inclusion_settings').select(['retention_years', 'contact_working_days', 'signposting', 'senco_contacts_per_term', 'fund_tiers']).executeTakeFirst();
  return row ?? { retention_years: 3, contact_working_days: 10, signposting: '', senco_contacts_per_term: 1, fund_tiers: ['Tier 1', 'Tier 2', 'Tier 3'] };
}

/** The inclusion team and practitioners a panel can allocate to: active staff of the LA. */
export async function practitioners(tenant: TenantDb) {
  return tenant.selectFrom('users')
    .select((eb) => ['users.id', 'users.name', 'users.email', eb.selectFrom('inclusion_children').select(sql<number>`count(*)::int`.as('n')).whereRef('inclusion_children.practitioner_id', '=', 'users.id').where('inclusion_children.closed_at', 'is', null).as('caseload')])
    .where('users.active', '=', true)
    .where('users.role', 'in', ['officer', 'manager', 'adviser', 'admin'])
    .orderBy('users.name')
    .execute();
}

/** E-mail addresses of a setting: its contact address and its active portal users. */
export async function settingAddresses(tenant: TenantDb, urn: string): Promise<string[]> {
  const [provider, people] = await Promise.all([
    tenant.selectFrom('providers').select('contact_email').where('urn', '=', urn).executeTakeFirst(),
    tenant.selectFrom('provider_users').innerJoin('users', 'users.id', 'provider_users.user_id').select('users.email').where('provider_users.urn', '=', urn).where('users.active', '=', true).execute(),
  ]);
  return [...new Set([provider?.contact_email, ...people.map((p) => p.email)].filter((e): e is string => Boolean(e)))];
}

/** Choices of "child at setting" (every attendance of every child this user may see), for DAF and inclusion fund forms. */
export async function childAtSettingItems(tenant: TenantDb, today: string, chosen: string) {
  const rows = await visibleChildren(tenant, today)
    .innerJoin('inclusion_child_settings', 'inclusion_child_settings.child_id', 'inclusion_children.id')
    .innerJoin('providers', 'providers.urn', 'inclusion_child_settings.urn')
    .select(['inclusion_children.id', 'inclusion_children.first_name', 'inclusion_children.last_name', 'inclusion_child_settings.urn', 'providers.name as provider_name'])
    .orderBy('inclusion_children.last_name')
    .execute();
  return [{ value: '', text: 'Choose the child and setting', selected: false }, ...rows.map((c) => ({ value: `${c.id}|${c.urn}`, text: `${c.first_name} ${c.last_name} at ${c.provider_name ?? c.urn}`, selected: chosen === `${c.id}|${c.urn}` }))];
}
