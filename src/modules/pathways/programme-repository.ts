import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { insertMany } from '../../db/copy.js';
import { providerNameColumn as providerName, providerRedactedColumn as providerRedacted, providerWardColumn as providerWard } from '../providers/index.js';
import { templateDefinition } from './definition.js';
import { academicYearRange, conversationStatus, type ConversationStatus } from './programme.js';
import { programmeVisit } from './writes.js';

/* The Annual Conversation Programme: the settings on a running Good-or-better pathway and their conversation each academic year. */

const inProgramme = (tenant: TenantDb) => tenant.selectFrom('pathways').where('pathways.kind', '=', 'good_or_better').where('pathways.status', '<>', 'closed');

/**
 * "One centrally funded conversation per academic year, recurring": plans the year's conversation for
 * each setting in the programme that has none in it (planned, booked or held), for the adviser the
 * setting is assigned to. Returns how many were planned.
 */
export async function planYear(tenant: TenantDb, year: number, now: Date): Promise<number> {
  const { from, to } = academicYearRange(year);
  const missing = await inProgramme(tenant)
    .innerJoin('pathway_templates as t', 't.id', 'pathways.template_id')
    .select(['pathways.id', 'pathways.urn', 'pathways.adviser_id', 't.definition',
      sql<string | null>`(select max(i.inspection_date)::text from inspections i where i.urn = pathways.urn and i.kind = 'full')`.as('last_inspection')])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('visits').select('visits.id').whereRef('visits.pathway_id', '=', 'pathways.id')
      .where('visits.planned_date', '>=', from).where('visits.planned_date', '<=', to).where('visits.status', 'in', ['planned', 'booked', 'done']))))
    .execute();
  const definitions = new Map<string, ReturnType<typeof templateDefinition.parse>>();
  const rows = missing.flatMap((p) => {
    const key = JSON.stringify(p.definition);
    const t = definitions.get(key) ?? templateDefinition.parse(p.definition);
    definitions.set(key, t);
    const v = programmeVisit(t, now, p.last_inspection, year);
    return v ? [{ la_code: tenant.scope.laCode, urn: p.urn, pathway_id: p.id, ...v, adviser_id: p.adviser_id, status: 'planned' as const, created_at: now }] : [];
  });
  await tenant.forJob((db) => insertMany(db, 'visits', rows));
  return rows.length;
}

export interface ProgrammeFilter {
  area?: string | undefined;
  adviserId?: string | undefined;
  status?: ConversationStatus | undefined;
}

/** The settings in the programme with this year's conversation, by area then name. */
export async function programmeRows(tenant: TenantDb, year: number, filter: ProgrammeFilter) {
  const { from, to } = academicYearRange(year);
  let q = inProgramme(tenant)
    .innerJoin('providers', 'providers.urn', 'pathways.urn')
    .select([
      'pathways.id', 'pathways.urn', 'pathways.adviser_id', 'providers.constituency as area', 'providers.provider_type',
      providerName('pathways.urn'), providerRedacted('pathways.urn'), providerWard('pathways.urn'),
      sql<string | null>`(select u.name from users u where u.id = pathways.adviser_id)`.as('adviser_name'),
      sql<string[]>`coalesce((select array_agg(v.status) from visits v where v.pathway_id = pathways.id and v.planned_date between ${from} and ${to} and v.status in ('planned', 'booked', 'done')), '{}')`.as('statuses'),
      sql<string | null>`(select min(v.planned_date)::text from visits v where v.pathway_id = pathways.id and v.planned_date between ${from} and ${to} and v.status in ('planned', 'booked', 'done'))`.as('due'),
      sql<Date | null>`(select max(coalesce(v.done_on::timestamptz, v.booked_for)) from visits v where v.pathway_id = pathways.id and v.planned_date between ${from} and ${to} and v.status in ('booked', 'done'))`.as('when'),
    ]);
  if (filter.area) q = q.where('providers.constituency', '=', filter.area);
  if (filter.adviserId === 'none') q = q.where('pathways.adviser_id', 'is', null);
  else if (filter.adviserId) q = q.where('pathways.adviser_id', '=', filter.adviserId);
  const rows = (await q.orderBy('providers.constituency').orderBy('provider_name').execute()).map((r) => ({ ...r, status: conversationStatus(r.statuses) }));
  return filter.status ? rows.filter((r) => r.status === filter.status) : rows;
}

/** Held / booked / not yet per adviser (and not assigned), with each adviser's running support caseload as their capacity. */
export async function perAdviser(tenant: TenantDb, year: number) {
  const rows = await programmeRows(tenant, year, {});
  const staff = await tenant.selectFrom('users').select((eb) => ['users.id', 'users.name',
    eb.selectFrom('pathways').select(sql<number>`count(*)::int`.as('n')).where('pathways.status', '<>', 'closed').where('pathways.kind', '<>', 'good_or_better')
      .where((w) => w.or([w('pathways.adviser_id', '=', w.ref('users.id')), w('pathways.officer_id', '=', w.ref('users.id'))])).as('support_caseload'),
  ]).where('users.active', '=', true).where('users.role', 'in', ['adviser', 'manager', 'officer']).orderBy('users.name').execute();
  const tally = (mine: typeof rows) => ({ assigned: mine.length, held: mine.filter((r) => r.status === 'held').length, booked: mine.filter((r) => r.status === 'booked').length, notYet: mine.filter((r) => r.status === 'not_yet').length });
  const advisers = staff.map((u) => ({ id: u.id, name: u.name, supportCaseload: Number(u.support_caseload ?? 0), ...tally(rows.filter((r) => r.adviser_id === u.id)) }));
  return { advisers, unassigned: tally(rows.filter((r) => !r.adviser_id)), total: tally(rows), areas: [...new Set(rows.map((r) => r.area).filter((a): a is string => !!a))].sort() };
}

/** Assigns the adviser to the settings (by URN, or every setting of an area) for the programme: this year's open conversation goes to them too. */
export async function assign(tenant: TenantDb, year: number, adviserId: string | null, target: { urns?: readonly string[]; area?: string }, now: Date): Promise<number> {
  const { from, to } = academicYearRange(year);
  let q = inProgramme(tenant).select('pathways.id');
  if (target.area) q = q.where('pathways.urn', 'in', tenant.selectFrom('providers').select('providers.urn').where('providers.constituency', '=', target.area));
  else if (target.urns?.length) q = q.where('pathways.urn', 'in', target.urns);
  else return 0;
  const ids = (await q.execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await tenant.updateTable('pathways').set({ adviser_id: adviserId, allocated_at: now, updated_at: now }).where('id', 'in', chunk).execute();
    await tenant.updateTable('visits').set({ adviser_id: adviserId, job_title_id: null }).where('pathway_id', 'in', chunk).where('status', 'in', ['planned', 'booked']).where('planned_date', '>=', from).where('planned_date', '<=', to).execute();
  }
  return ids.length;
}
