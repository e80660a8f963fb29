import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { addDays, formatDate } from '../../platform/dates.js';
import { addReportFigures, figureUrns as urns, percent, type FigureRow, type ReportFigure } from '../../platform/report-figures.js';

/*
 * Quality of provision, for the reports to senior staff and cabinet (ADR 0022). Counted the way
 * Ofsted counts in its official statistics: providers on the Early Years Register that are
 * registered now, by the outcome of their most recent full inspection before the end of the period.
 */

const GRADED = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'satisfactory'];
const GOOD = ['outstanding', 'good'];
const BELOW_EXPECTED = ['needs_attention', 'urgent_improvement'];
export const reportedTypes = ['Childminder', 'Childcare on non-domestic premises', 'Childcare on domestic premises'] as const;

/** The providers counted, each with its most recent full inspection before `to`. */
function latestFull(tenant: TenantDb, to: string | RawBuilder<unknown>): RawBuilder<unknown> {
  const la = tenant.scope.laCode;
  return sql`select p.urn, p.provider_type, ('CCR' = any(p.registers)) as on_ccr, l.overall, l.report_card, l.safeguarding_effective
    from providers p
    join lateral (
      select i.overall, i.report_card, i.safeguarding_effective from inspections i
      where i.urn = p.urn and i.la_code = ${la} and i.kind = 'full' and i.inspection_date < ${to}
      order by i.inspection_date desc, i.created_at desc limit 1
    ) l on true
    where p.la_code = ${la} and p.status in ('Active', 'Active - Suspended') and 'EYR' = any(p.registers)`;
}

const graded = sql.join(GRADED);
const good = sql.join(GOOD);

function partFilter(part: string | undefined): RawBuilder<unknown> {
  if (part?.startsWith('type:')) return sql`and x.provider_type = ${part.slice(5)}`;
  if (part === 'register:eyr-ccr') return sql`and x.on_ccr`;
  if (part === 'register:eyr') return sql`and not x.on_ccr`;
  return sql``;
}

const latestOutcome: ReportFigure = {
  key: 'providers.inspected',
  section: 'quality',
  title: 'Providers with an inspection judgement',
  definition: 'Providers registered now on the Early Years Register whose most recent full inspection before the end of the period gave a judgement (Outstanding, Good, Requires improvement, Inadequate, or Satisfactory under the old framework). “Met” and “Not met” (no children on roll) are not judgements and are not counted.',
  unit: 'count',
  async compute(tenant, period) {
    const rows = await tenant.forJob(async (db) => (await sql<{ provider_type: string | null; n: number }>`
      select x.provider_type, count(*)::int as n from (${latestFull(tenant, period.to)}) x
      where x.overall in (${graded}) group by x.provider_type`.execute(db)).rows);
    const total = rows.reduce((s, r) => s + r.n, 0);
    return {
      value: total,
      columns: [{ label: 'Providers', unit: 'count' }],
      rows: reportedTypes.map((t) => ({ label: t, part: `type:${t}`, values: [rows.find((r) => r.provider_type === t)?.n ?? 0] })),
    };
  },
  providers: (tenant, period, part) => urns(tenant, sql<{ urn: string }>`select x.urn from (${latestFull(tenant, period.to)}) x where x.overall in (${graded}) ${partFilter(part)} order by x.urn`),
};

const goodOrBetter: ReportFigure = {
  key: 'providers.good-or-better',
  section: 'quality',
  title: 'Good or Outstanding',
  definition: 'Of the providers with an inspection judgement (above), the share whose most recent full inspection judged them Good or Outstanding: Ofsted’s method in its official statistics.',
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const rows = await tenant.forJob(async (db) => (await sql<{ provider_type: string | null; on_ccr: boolean; n: number; good: number }>`
      select x.provider_type, x.on_ccr, count(*)::int as n, (count(*) filter (where x.overall in (${good})))::int as good
      from (${latestFull(tenant, period.to)}) x where x.overall in (${graded}) group by x.provider_type, x.on_ccr`.execute(db)).rows);
    const sum = (pick: (r: (typeof rows)[number]) => boolean) => {
      const of = rows.filter(pick);
      const n = of.reduce((s, r) => s + r.n, 0);
      const g = of.reduce((s, r) => s + r.good, 0);
      return [n, g, percent(g, n)];
    };
    const [n, g] = sum(() => true) as [number, number];
    const table: FigureRow[] = [
      ...reportedTypes.map((t) => ({ label: t, part: `type:${t}`, values: sum((r) => r.provider_type === t) })),
      { label: 'Early Years Register only', part: 'register:eyr', values: sum((r) => !r.on_ccr) },
      { label: 'Early Years and Childcare Registers', part: 'register:eyr-ccr', values: sum((r) => r.on_ccr) },
    ];
    return { value: percent(g, n), numerator: g, denominator: n, columns: [{ label: 'With a judgement', unit: 'count' }, { label: 'Good or Outstanding', unit: 'count' }, { label: '%', unit: 'percent' }], rows: table };
  },
  providers: (tenant, period, part) => urns(tenant, sql<{ urn: string }>`select x.urn from (${latestFull(tenant, period.to)}) x where x.overall in (${good}) ${partFilter(part)} order by x.urn`),
};

const reportCardExpected: ReportFigure = {
  key: 'providers.report-card',
  section: 'quality',
  title: 'Report cards at expected standard or above',
  definition: 'Of the providers whose most recent full inspection gave a report card (Ofsted’s framework from November 2025), the share with no evaluation area below “Expected standard” (none “Needs attention” or “Urgent improvement”) and safeguarding “Met”.',
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const row = await tenant.forJob(async (db) => (await sql<{ n: number; ok: number }>`
      select count(*)::int as n, (count(*) filter (where x.safeguarding_effective is true and not exists (
        select 1 from jsonb_each_text(x.report_card) a where a.value in (${sql.join(BELOW_EXPECTED)}))))::int as ok
      from (${latestFull(tenant, period.to)}) x where x.report_card is not null`.execute(db)).rows[0]);
    const n = row?.n ?? 0;
    const ok = row?.ok ?? 0;
    return { value: percent(ok, n), numerator: ok, denominator: n };
  },
};

/**
 * The dates a trend is counted before: `to` itself and the starts of the `count` − 1 calendar
 * quarters before it, oldest first (each point counts inspections before that date).
 */
export function trendPoints(to: string, count: number): string[] {
  const [y, m] = to.split('-').map(Number) as [number, number];
  let year = y;
  let month = Math.floor((m - 1) / 3) * 3 + 1;
  const points = [to];
  if (`${year}-${String(month).padStart(2, '0')}-01` === to) month -= 3;
  while (points.length < count) {
    if (month < 1) { month += 12; year -= 1; }
    points.unshift(`${year}-${String(month).padStart(2, '0')}-01`);
    month -= 3;
  }
  return points;
}

const trend: ReportFigure = {
  key: 'providers.good-trend',
  section: 'quality',
  title: 'Good or Outstanding, quarter by quarter',
  definition: 'The same share (Good or Outstanding of providers with a judgement) as it stood at the end of each of the last eight calendar quarters, from the inspection history EY Hub holds. Providers are those registered now.',
  unit: 'percent',
  higherIsBetter: true,
  compareWithPrevious: false,
  async compute(tenant, period) {
    const ends = trendPoints(period.to, 8);
    const la = tenant.scope.laCode;
    // each counted provider's full inspections with the date of the next one: the latest before a point is the one whose next is not before it
    const rows = await tenant.forJob(async (db) => (await sql<{ d: string; n: number; good: number }>`
      with ins as (
        select i.overall, i.inspection_date as d, lead(i.inspection_date) over (partition by i.urn order by i.inspection_date) as next_d
        from inspections i join providers p on p.urn = i.urn and p.la_code = i.la_code
        where i.la_code = ${la} and i.kind = 'full' and p.status in ('Active', 'Active - Suspended') and 'EYR' = any(p.registers))
      select q.d::text as d, (count(*) filter (where ins.overall in (${graded})))::int as n, (count(*) filter (where ins.overall in (${good})))::int as good
      from unnest(${ends}::date[]) as q(d) join ins on ins.d < q.d and (ins.next_d is null or ins.next_d >= q.d)
      group by q.d order by q.d`.execute(db)).rows);
    const series = ends.map((d) => rows.find((r) => r.d === d) ?? { d, n: 0, good: 0 });
    const last = series.at(-1)!;
    return {
      value: percent(last.good, last.n),
      trend: true,
      columns: [{ label: 'With a judgement', unit: 'count' }, { label: 'Good or Outstanding', unit: 'count' }, { label: '%', unit: 'percent' }],
      rows: series.map((r) => ({ label: formatDate(addDays(r.d, -1)), values: [r.n, r.good, percent(r.good, r.n)] })),
    };
  },
};

export function contributeProviderFigures(): void {
  addReportFigures([latestOutcome, goodOrBetter, reportCardExpected, trend], 10);
}
