import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { pageWithTotal } from '../../platform/pagination.js';
import { escapeLike } from '../audit-log/index.js';

export interface ProviderFilters {
  q?: string;
  type?: string;
  register?: string;
  outcome?: string;
  status?: string;
  ward?: string;
}

export const sortColumns = {
  name: 'providers.name',
  urn: 'providers.urn',
  registered: 'providers.registration_date',
  inspected: 'providers.latest_inspection_date',
} as const;
export type SortKey = keyof typeof sortColumns;

/*
 * The headline outcome (the latest graded inspection, else the latest of any kind) is kept on the
 * provider's row (`latest_*`, maintained by triggers on inspections: ADR 0020), so filtering,
 * sorting and counting read only the LA's providers; the page's rows then fetch their inspection
 * by primary key.
 */
function filtered(tenant: TenantDb, f: ProviderFilters) {
  let q = tenant.selectFrom('providers');
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const compact = f.q.replace(/\s+/g, '').toUpperCase();
    q = q.where((eb) =>
      eb.or([
        eb('providers.name', 'ilike', like),
        eb('providers.urn', '=', compact),
        eb(sql<string>`replace(upper(providers.postcode), ' ', '')`, 'like', `${escapeLike(compact)}%`),
      ]),
    );
  }
  if (f.type) q = q.where('providers.provider_type', '=', f.type);
  if (f.register) q = q.where(sql<boolean>`${f.register} = any(providers.registers)`);
  if (f.status) q = q.where('providers.status', '=', f.status);
  if (f.ward) q = q.where('providers.ward', '=', f.ward);
  if (f.outcome === 'not_inspected') q = q.where('providers.latest_inspection_id', 'is', null);
  else if (f.outcome?.startsWith('rc:')) {
    q = q.where(sql<boolean>`exists (select 1 from jsonb_each_text(providers.latest_report_card) a where a.value = ${f.outcome.slice(3)})`);
  }
  else if (f.outcome) q = q.where('providers.latest_overall', '=', f.outcome);
  return q;
}

const withInspection = (q: ReturnType<typeof filtered>) => q.leftJoin('inspections as li', 'li.id', 'providers.latest_inspection_id');

const listColumns = [
  'providers.urn',
  'providers.name',
  'providers.provider_type',
  'providers.status',
  'providers.postcode',
  'providers.town',
  'providers.ward',
  'providers.registers',
  'providers.registration_date',
  'providers.redacted',
  'providers.address_withheld',
  'providers.latest_overall as overall',
  'providers.latest_inspection_date as inspection_date',
  'providers.latest_report_card as report_card',
  'li.key_judgements',
  'li.safeguarding_effective',
] as const;

export async function listProviders(tenant: TenantDb, f: ProviderFilters, sort: SortKey, desc: boolean, limit: number, offset: number) {
  const base = filtered(tenant, f);
  return pageWithTotal(
    withInspection(base)
      .select(listColumns)
      .orderBy(sql.ref(sortColumns[sort]), sql.raw(desc ? 'desc nulls last' : 'asc nulls last'))
      .orderBy('providers.urn')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

export function exportProviders(tenant: TenantDb, f: ProviderFilters) {
  return withInspection(filtered(tenant, f))
    .select([...listColumns, 'providers.address_line1', 'providers.address_line2', 'providers.address_line3', 'providers.places', 'providers.constituency'])
    .orderBy('providers.name')
    .orderBy('providers.urn')
    .execute();
}

/** Values present in this local authority's register, for the filter drop-downs. */
export async function filterOptions(tenant: TenantDb) {
  const distinct = async (column: 'provider_type' | 'status' | 'ward') =>
    (await tenant.selectFrom('providers').select(column).distinct().where(column, 'is not', null).orderBy(column).execute()).map(
      (r) => r[column] as string,
    );
  const [types, statuses, wards] = await Promise.all([distinct('provider_type'), distinct('status'), distinct('ward')]);
  return { types, statuses, wards };
}

export function getProvider(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('providers').selectAll().where('urn', '=', urn.toUpperCase()).executeTakeFirst();
}

export function providerInspections(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('inspections').selectAll().where('urn', '=', urn).orderBy('inspection_date', 'desc').execute();
}

export function providerEnforcement(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('enforcement_events').selectAll().where('urn', '=', urn).orderBy('event_date', 'desc').execute();
}

export function providerChanges(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('ofsted_changes').selectAll().where('urn', '=', urn).orderBy('detected_at', 'desc').execute();
}

/*
 * A provider's name (and whether Ofsted withholds it) for other modules' lists, as a correlated
 * lookup on each row (an index probe), not a join: on PGlite a join would hash the whole providers
 * table on every page view.
 */
export const providerNameColumn = (urnColumn: string) => sql<string | null>`(select p.name from providers p where p.urn = ${sql.ref(urnColumn)})`.as('provider_name');
export const providerRedactedColumn = (urnColumn: string) => sql<boolean | null>`(select p.redacted from providers p where p.urn = ${sql.ref(urnColumn)})`.as('redacted');
/** the ward, so a childminder whose name Ofsted withholds can be told apart from the others */
export const providerWardColumn = (urnColumn: string) => sql<string | null>`(select p.ward from providers p where p.urn = ${sql.ref(urnColumn)})`.as('ward');
