import type { TenantDb } from '../../db/tenant.js';
import { sql } from 'kysely';
import { pageWithTotal } from '../../platform/pagination.js';
import type { ChangeType } from '../../db/types.js';
import { addDays, londonStartOfDay } from '../../platform/dates.js';
import { providerWardColumn } from '../providers/index.js';

export interface ChangeFilters {
  type?: ChangeType;
  from?: string;
  to?: string;
  ward?: string;
  /** only changes found after this (new since the user last marked them as seen) */
  foundAfter?: Date;
}


/*
 * No join to providers (every change names a provider: foreign key): the counts read only the LA's
 * changes, the ward filter probes the provider by URN and the page's rows look up name and ward by
 * URN. A join (even on URN and LA) made both counts hash every provider in the country; joining on
 * the LA too would also hide "Moved to another local authority" from the LA it left (ADR 0020).
 */
function changesQuery(tenant: TenantDb, f: ChangeFilters) {
  let q = tenant.selectFrom('ofsted_changes');
  q = q.where('ofsted_changes.baseline', '=', false); // first imports before 26 November 2026 recorded their providers as changes
  if (f.type) q = q.where('ofsted_changes.change_type', '=', f.type);
  if (f.from) q = q.where('ofsted_changes.detected_at', '>=', londonStartOfDay(f.from));
  if (f.to) q = q.where('ofsted_changes.detected_at', '<', londonStartOfDay(addDays(f.to, 1)));
  if (f.ward) q = q.where(sql<boolean>`exists (select 1 from providers p where p.urn = ofsted_changes.urn and p.ward = ${f.ward})`);
  if (f.foundAfter) q = q.where('ofsted_changes.detected_at', '>', f.foundAfter);
  return q;
}

/** When this member of staff last marked the changes as seen (null: never). */
export async function changesSeenAt(tenant: TenantDb): Promise<Date | null> {
  const row = await tenant.selectFrom('users').select('changes_seen_at').where('id', '=', tenant.scope.userId).executeTakeFirst();
  return row?.changes_seen_at ?? null;
}

/** How many changes are new to this member of staff, and when the newest was found. */
export async function newChanges(tenant: TenantDb, seenAt: Date | null): Promise<{ count: number; newest: Date | null }> {
  const row = await changesQuery(tenant, seenAt ? { foundAfter: seenAt } : {})
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('ofsted_changes.detected_at').as('newest')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), newest: row.newest ? new Date(row.newest) : null };
}

/** Marks the changes found up to `upTo` as seen by this member of staff (never moves the mark back). */
export async function markChangesSeen(tenant: TenantDb, upTo: Date): Promise<void> {
  await tenant
    .updateTable('users')
    .set({ changes_seen_at: upTo })
    .where('id', '=', tenant.scope.userId)
    .where((eb) => eb.or([eb('changes_seen_at', 'is', null), eb('changes_seen_at', '<', upTo)]))
    .execute();
}

export async function listChanges(tenant: TenantDb, f: ChangeFilters, limit: number, offset: number) {
  const q = changesQuery(tenant, f);
  return pageWithTotal(
    q
      .select([
        'ofsted_changes.id',
        'ofsted_changes.urn',
        'ofsted_changes.change_type',
        'ofsted_changes.detected_at',
        'ofsted_changes.event_date',
        'ofsted_changes.framework',
        'ofsted_changes.from_value',
        'ofsted_changes.to_value',
        'ofsted_changes.details',
        'ofsted_changes.source',
        'ofsted_changes.baseline',
        sql<string | null>`(select p.name from providers p where p.urn = ofsted_changes.urn)`.as('name'),
        sql<boolean>`(select p.redacted from providers p where p.urn = ofsted_changes.urn)`.as('redacted'),
        providerWardColumn('ofsted_changes.urn'),
      ])
      .orderBy('ofsted_changes.detected_at', 'desc')
      .orderBy('ofsted_changes.urn')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

const importColumns = [
  'imports.id',
  'imports.file_name',
  'imports.sha256',
  'imports.format',
  'imports.encoding',
  'imports.as_at',
  'imports.started_by_email',
  'imports.started_at',
  'imports.status',
  'imports.row_count',
  'imports.skipped_count',
  'imports.duration_ms',
  'imports.error',
  'imports.notices',
  'imports.warnings',
  'imports.warning_count',
] as const;

const countColumns = [
  'import_la_counts.new_count',
  'import_la_counts.changed_count',
  'import_la_counts.unchanged_count',
  'import_la_counts.rejected_count',
  'import_la_counts.baseline',
  'import_la_counts.older_count',
  'import_la_counts.moved_in_count',
  'import_la_counts.moved_out_count',
  'import_la_counts.held_count',
  'import_la_counts.warnings as la_warnings',
  'import_la_counts.warning_count as la_warning_count',
] as const;

/** Imports this local authority ran, and command-line imports that touched its providers, newest first. */
export async function importHistory(tenant: TenantDb) {
  const [own, touched] = await Promise.all([
    tenant
      .selectFrom('imports')
      .leftJoin('import_la_counts', (j) => j.onRef('import_la_counts.import_id', '=', 'imports.id').onRef('import_la_counts.la_code', '=', 'imports.la_code'))
      .select([...importColumns, ...countColumns])
      .orderBy('imports.started_at', 'desc')
      .limit(200)
      .execute(),
    tenant
      .selectFrom('import_la_counts')
      .innerJoin('imports', 'imports.id', 'import_la_counts.import_id')
      .where('imports.la_code', 'is', null)
      .select([...importColumns, ...countColumns])
      .orderBy('imports.started_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return [...own, ...touched].sort((a, b) => b.started_at.getTime() - a.started_at.getTime());
}

export async function findImport(tenant: TenantDb, importId: string) {
  const history = await importHistory(tenant);
  return history.find((i) => i.id === importId);
}

/** The first import of this local authority's providers: it set up the register, so it has no changes of its own. */
export function baselineImport(tenant: TenantDb) {
  return tenant
    .selectFrom('import_la_counts')
    .innerJoin('imports', 'imports.id', 'import_la_counts.import_id')
    .where('import_la_counts.baseline', '=', true)
    .where('imports.status', '=', 'succeeded')
    .select(['imports.id', 'imports.finished_at', 'import_la_counts.new_count'])
    .orderBy('imports.started_at')
    .executeTakeFirst();
}

/**
 * An import's rejected rows that are this local authority's (issue 16.7), and for an administrator also
 * the rows that belong to no local authority (a cell such as "Not Recorded"): never another LA's rows.
 */
export function rejectionsOf(tenant: TenantDb, importId: string, withNoLa: boolean) {
  return tenant.forJob((db) =>
    db
      .selectFrom('import_rejections')
      .select(['row_number', 'column_name', 'reason', 'urn', 'la_code'])
      .where('import_id', '=', importId)
      .where((eb) => (withNoLa ? eb.or([eb('la_code', '=', tenant.scope.laCode), eb('la_code', 'is', null)]) : eb('la_code', '=', tenant.scope.laCode)))
      .orderBy('row_number')
      .execute(),
  );
}

/** How many of an import's rejected rows belong to no local authority (shown to administrators). */
export async function noLaRejections(tenant: TenantDb, importId: string): Promise<number> {
  const row = await tenant.forJob((db) =>
    db
      .selectFrom('import_rejections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('import_id', '=', importId)
      .where('la_code', 'is', null)
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

export interface MoveGroup {
  from: string;
  to: string;
  /** from this local authority's side: its settings left, or settings joined it */
  direction: 'left' | 'joined';
  count: number;
}

/** An import's moves between local authorities, grouped: "12 settings moved from Rutland to Leicestershire". */
export async function movesOf(tenant: TenantDb, importId: string): Promise<MoveGroup[]> {
  const rows = await tenant
    .selectFrom('ofsted_changes')
    .where('import_id', '=', importId)
    .where('change_type', '=', 'moved_la')
    .select((eb) => [
      sql<string>`details->>'from'`.as('from'),
      sql<string>`details->>'to'`.as('to'),
      sql<'left' | 'joined'>`details->>'side'`.as('direction'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy([sql`details->>'from'`, sql`details->>'to'`, sql`details->>'side'`])
    .orderBy(sql`details->>'from'`)
    .orderBy(sql`details->>'to'`)
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

