import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';

/*
 * "What changed since your last look": when a member of staff opens a setting's action plan we
 * remember it; what the setting did after that (action updates, evidence, documents) is marked new.
 */

export async function lastLook(tenant: TenantDb, urn: string): Promise<Date | null> {
  const row = await tenant.selectFrom('last_looks').select('seen_at').where('user_id', '=', tenant.scope.userId).where('urn', '=', urn).executeTakeFirst();
  return row?.seen_at ?? null;
}

export async function recordLook(tenant: TenantDb, urn: string, now: Date): Promise<void> {
  await tenant
    .insertInto('last_looks', { user_id: tenant.scope.userId, urn, seen_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'urn']).doUpdateSet({ seen_at: now }))
    .execute();
}

/** When the setting's own users last touched each action item of this provider. */
export async function settingActivity(tenant: TenantDb, urn: string): Promise<Map<string, Date>> {
  const rows = await tenant
    .selectFrom('action_plan_updates')
    .innerJoin('action_plan_items', 'action_plan_items.id', 'action_plan_updates.item_id')
    .innerJoin('users', 'users.id', 'action_plan_updates.by_user')
    .select((eb) => ['action_plan_updates.item_id', eb.fn.max('action_plan_updates.at').as('at')])
    .where('action_plan_items.urn', '=', urn)
    .where('users.role', '=', 'provider')
    .groupBy('action_plan_updates.item_id')
    .execute();
  return new Map(rows.map((r) => [r.item_id, new Date(r.at)]));
}

export interface SettingUpdate {
  urn: string;
  name: string | null;
  updates: number;
  last_at: Date;
}

/**
 * For My work: the settings on this adviser's caseload where the setting has updated an action,
 * added evidence or sent a document since the adviser last looked at its action plan.
 */
export async function updatesForAdviser(tenant: TenantDb): Promise<SettingUpdate[]> {
  const { laCode, userId } = tenant.scope;
  return tenant.forJob(async (db) => {
    const result = await sql<SettingUpdate>`
      with mine as (
        select distinct p.urn from pathways p
        where p.la_code = ${laCode} and p.status = 'active' and (p.adviser_id = ${userId} or p.officer_id = ${userId})
      ), activity as (
        select i.urn, u.at from action_plan_updates u
          join action_plan_items i on i.id = u.item_id
          join users su on su.id = u.by_user and su.role = 'provider'
        where u.la_code = ${laCode} and i.urn in (select urn from mine)
        union all
        select d.urn, d.created_at from setting_documents d
        where d.la_code = ${laCode} and d.urn in (select urn from mine)
      )
      select a.urn, pr.name, count(*)::int as updates, max(a.at) as last_at
      from activity a
        join providers pr on pr.urn = a.urn
        left join last_looks l on l.user_id = ${userId} and l.urn = a.urn
      where l.seen_at is null or a.at > l.seen_at
      group by a.urn, pr.name
      order by max(a.at) desc`.execute(db);
    return result.rows.map((r) => ({ ...r, last_at: new Date(r.last_at) }));
  });
}
