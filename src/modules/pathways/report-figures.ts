import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { londonStartOfDay } from '../../platform/dates.js';
import { addReportFigures, figureRows as rowsOf, percent, type FigurePeriod, type ReportFigure } from '../../platform/report-figures.js';

/* Outcomes after support, pathway deadlines (SLA), visits and caseload for the reports (ADR 0022). */

const GOOD = sql.join(['outstanding', 'good']);

/**
 * Each setting supported on a Requires improvement or Inadequate pathway with its next full
 * inspection after the support started (a setting that moved from one pathway to the other counts
 * once, from its first). London dates.
 */
function nextInspections(tenant: TenantDb): RawBuilder<unknown> {
  const la = tenant.scope.laCode;
  return sql`select distinct on (s.urn, n.inspection_date) s.urn, s.kind, s.started, n.overall, n.inspection_date
    from (select pw.urn, pw.kind, (pw.started_at at time zone 'Europe/London')::date as started from pathways pw
          where pw.la_code = ${la} and pw.kind in ('requires_improvement', 'inadequate')) s
    join lateral (select i.overall, i.inspection_date from inspections i
          where i.urn = s.urn and i.la_code = ${la} and i.kind = 'full' and i.inspection_date > s.started
          order by i.inspection_date limit 1) n on true
    order by s.urn, n.inspection_date, s.started`;
}

const kinds = [
  { kind: 'requires_improvement', label: 'Requires improvement pathway' },
  { kind: 'inadequate', label: 'Inadequate pathway' },
];

const becameGood: ReportFigure = {
  key: 'pathways.became-good',
  section: 'outcomes',
  title: 'RI settings supported that became Good',
  definition: 'Settings supported on a Requires improvement or Inadequate pathway whose next full inspection after the support started fell in the period: the share judged Good or Outstanding at it. A setting moved from one pathway to the other counts once.',
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const rows = await rowsOf(tenant, sql<{ kind: string; n: number; good: number }>`
      select x.kind, count(*)::int as n, (count(*) filter (where x.overall in (${GOOD})))::int as good
      from (${nextInspections(tenant)}) x where x.inspection_date >= ${period.from} and x.inspection_date < ${period.to} group by x.kind`);
    const n = rows.reduce((s, r) => s + r.n, 0);
    const good = rows.reduce((s, r) => s + r.good, 0);
    return {
      value: percent(good, n), numerator: good, denominator: n,
      columns: [{ label: 'Inspected again', unit: 'count' }, { label: 'Became Good or Outstanding', unit: 'count' }, { label: '%', unit: 'percent' }],
      rows: kinds.map((k) => {
        const r = rows.find((x) => x.kind === k.kind);
        return { label: k.label, part: k.kind, values: [r?.n ?? 0, r?.good ?? 0, percent(r?.good ?? 0, r?.n ?? 0)] };
      }),
    };
  },
  providers: async (tenant, period, part) => (await rowsOf(tenant, sql<{ urn: string }>`
    select x.urn from (${nextInspections(tenant)}) x where x.inspection_date >= ${period.from} and x.inspection_date < ${period.to}
    and x.overall in (${GOOD}) ${part ? sql`and x.kind = ${part}` : sql``} order by x.urn`)).map((r) => r.urn),
};

const daysToGood: ReportFigure = {
  key: 'pathways.days-to-good',
  section: 'outcomes',
  title: 'Median time from the start of support to Good',
  definition: 'For the settings above that became Good or Outstanding, the median number of days from the day their Requires improvement or Inadequate pathway started to the inspection that judged them Good or better.',
  unit: 'days',
  higherIsBetter: false,
  async compute(tenant, period) {
    const [row] = await rowsOf(tenant, sql<{ median: number | null }>`
      select percentile_cont(0.5) within group (order by x.inspection_date - x.started)::float8 as median
      from (${nextInspections(tenant)}) x where x.inspection_date >= ${period.from} and x.inspection_date < ${period.to} and x.overall in (${GOOD})`);
    return { value: row?.median == null ? null : Math.round(row.median) };
  },
};

/** New registrations: each setting on a New registration pathway with its first full inspection. */
function firstInspections(tenant: TenantDb): RawBuilder<unknown> {
  const la = tenant.scope.laCode;
  return sql`select distinct on (pw.urn) pw.urn, f.overall, f.inspection_date from pathways pw
    join lateral (select i.overall, i.inspection_date from inspections i where i.urn = pw.urn and i.la_code = ${la} and i.kind = 'full'
                  order by i.inspection_date limit 1) f on true
    where pw.la_code = ${la} and pw.kind = 'new_registration' order by pw.urn`;
}

const newRegistrations: ReportFigure = {
  key: 'pathways.new-registrations',
  section: 'outcomes',
  title: 'New registrations judged Good or better at their first inspection',
  definition: 'Settings supported on the New registration pathway whose first full inspection fell in the period: the share judged Good or Outstanding.',
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const rows = await rowsOf(tenant, sql<{ overall: string | null; n: number }>`
      select x.overall, count(*)::int as n from (${firstInspections(tenant)}) x
      where x.inspection_date >= ${period.from} and x.inspection_date < ${period.to} group by x.overall`);
    const n = rows.reduce((s, r) => s + r.n, 0);
    const good = rows.filter((r) => r.overall === 'outstanding' || r.overall === 'good').reduce((s, r) => s + r.n, 0);
    const outcomes = [['outstanding', 'Outstanding'], ['good', 'Good'], ['requires_improvement', 'Requires improvement'], ['inadequate', 'Inadequate']] as const;
    return {
      value: percent(good, n), numerator: good, denominator: n,
      columns: [{ label: 'Settings', unit: 'count' }],
      rows: outcomes.map(([o, label]) => ({ label, part: o, values: [rows.find((r) => r.overall === o)?.n ?? 0] })),
    };
  },
  providers: async (tenant, period, part) => (await rowsOf(tenant, sql<{ urn: string }>`
    select x.urn from (${firstInspections(tenant)}) x where x.inspection_date >= ${period.from} and x.inspection_date < ${period.to}
    and ${part ? sql`x.overall = ${part}` : sql`x.overall in (${GOOD})`} order by x.urn`)).map((r) => r.urn),
};

const visitParts = [
  { part: 'planned', label: 'Planned (visit date in the period)' },
  { part: 'held', label: 'Held' },
  { part: 'cancelled:setting', label: 'Cancelled by the setting' },
  { part: 'cancelled:la', label: 'Cancelled by the local authority' },
] as const;

function visitWhere(part: string, period: FigurePeriod): RawBuilder<unknown> {
  if (part === 'held') return sql`v.status = 'done' and v.done_on >= ${period.from} and v.done_on < ${period.to}`;
  if (part.startsWith('cancelled:')) return sql`v.status = 'cancelled' and v.cancelled_by = ${part.slice(10)} and v.cancelled_on >= ${period.from} and v.cancelled_on < ${period.to}`;
  return sql`v.status <> 'withdrawn' and v.planned_date >= ${period.from} and v.planned_date < ${period.to}`;
}

const visits: ReportFigure = {
  key: 'pathways.visits',
  section: 'activity',
  title: 'Visits held',
  definition: 'Visits done in the period (the day recorded as done), beside the visits planned for a day in the period (not withdrawn) and the visits cancelled in the period by the setting or by the local authority.',
  unit: 'count',
  async compute(tenant, period) {
    const [row] = await rowsOf(tenant, sql<Record<string, number>>`select ${sql.join(visitParts.map((p) => sql`(count(*) filter (where ${visitWhere(p.part, period)}))::int as ${sql.ref(p.part.replace(':', '_'))}`))}
      from visits v where v.la_code = ${tenant.scope.laCode}`);
    const value = (p: string) => row?.[p.replace(':', '_')] ?? 0;
    return { value: value('held'), columns: [{ label: 'Visits', unit: 'count' }], rows: visitParts.map((p) => ({ label: p.label, part: p.part, values: [value(p.part)] })) };
  },
  providers: async (tenant, period, part) => (await rowsOf(tenant, sql<{ urn: string }>`
    select distinct v.urn from visits v where v.la_code = ${tenant.scope.laCode} and ${visitWhere(part ?? 'held', period)} order by v.urn`)).map((r) => r.urn),
};

/** Pathways running at the end of the period (started before it ends, not closed by then). */
function runningAt(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  const end = londonStartOfDay(period.to);
  return sql`pw.la_code = ${tenant.scope.laCode} and pw.started_at < ${end} and (pw.closed_at is null or pw.closed_at >= ${end})`;
}

const caseload: ReportFigure = {
  key: 'pathways.caseload',
  section: 'activity',
  title: 'Pathways running at the end of the period',
  definition: 'Support pathways started before the end of the period and not closed by then (paused ones included), by the adviser allocated to them now.',
  unit: 'count',
  async compute(tenant, period) {
    const rows = await rowsOf(tenant, sql<{ adviser_id: string | null; name: string | null; n: number }>`
      select pw.adviser_id, u.name, count(*)::int as n from pathways pw left join users u on u.id = pw.adviser_id and u.la_code = pw.la_code
      where ${runningAt(tenant, period)} group by pw.adviser_id, u.name order by u.name nulls last`);
    return {
      value: rows.reduce((s, r) => s + r.n, 0),
      columns: [{ label: 'Pathways', unit: 'count' }],
      rows: rows.map((r) => ({ label: r.name ?? 'Not allocated', part: r.adviser_id ?? 'none', values: [r.n] })),
    };
  },
  providers: async (tenant, period, part) => (await rowsOf(tenant, sql<{ urn: string }>`
    select distinct pw.urn from pathways pw where ${runningAt(tenant, period)}
    ${part === 'none' ? sql`and pw.adviser_id is null` : part ? sql`and pw.adviser_id::text = ${part}` : sql``} order by pw.urn`)).map((r) => r.urn),
};

export const stepLabels: Record<string, string> = {
  allocate: 'Allocation to an adviser',
  first_contact: 'First contact with the setting',
  business_review: 'Business review',
  business_contact: 'Business contact',
  support_letter: 'Support letter',
  annual_conversation: 'Annual Conversation held',
  exit: 'Exit from the pathway',
};

/** A pathway step due in the period, with its state: on time, late, overdue (not done by the end of the period, or now if sooner) or not yet due. */
function stepStates(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  const cutoff = new Date(Math.min(period.now.getTime(), londonStartOfDay(period.to).getTime()));
  return sql`select t.urn, substr(t.rule_key, 6) as step, t.owner_user_id,
      case when t.done_at is not null and t.done_at <= t.due_at then 'on_time'
           when t.done_at is not null then 'late'
           when t.due_at < ${cutoff} then 'overdue' else 'not_due' end as state
    from tasks t where t.la_code = ${tenant.scope.laCode} and t.rule_key like 'step:%' and t.cancelled_at is null
      and t.due_date >= ${period.from} and t.due_date < ${period.to}`;
}

const slaColumns = [{ label: 'On time', unit: 'count' as const }, { label: 'Late', unit: 'count' as const }, { label: 'Overdue', unit: 'count' as const }, { label: '% on time', unit: 'percent' as const }];

async function slaBy(tenant: TenantDb, period: FigurePeriod, by: RawBuilder<unknown>) {
  const rows = await rowsOf(tenant, sql<{ k: string | null; label: string | null; on_time: number; late: number; overdue: number }>`
    select ${by} as k, max(u.name) as label, (count(*) filter (where s.state = 'on_time'))::int as on_time, (count(*) filter (where s.state = 'late'))::int as late,
      (count(*) filter (where s.state = 'overdue'))::int as overdue
    from (${stepStates(tenant, period)}) s left join users u on u.id = s.owner_user_id and u.la_code = ${tenant.scope.laCode}
    group by 1 order by 1`);
  const onTime = rows.reduce((s, r) => s + r.on_time, 0);
  const due = rows.reduce((s, r) => s + r.on_time + r.late + r.overdue, 0);
  return { rows, value: percent(onTime, due), numerator: onTime, denominator: due };
}

const slaSteps: ReportFigure = {
  key: 'pathways.sla',
  section: 'sla',
  title: 'Pathway deadlines met on time',
  definition: 'Pathway steps (allocation, first contact, business review, support letter, Annual Conversation held in the year …) due in the period, in working days as the pathway templates set them: done by the deadline (on time), done after it (late), or not done by the end of the period or today if sooner (overdue). The share on time is of all three.',
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const r = await slaBy(tenant, period, sql`s.step`);
    return {
      value: r.value, numerator: r.numerator, denominator: r.denominator, columns: slaColumns,
      rows: r.rows.map((x) => ({ label: stepLabels[x.k ?? ''] ?? x.k ?? '', part: `step:${x.k}`, values: [x.on_time, x.late, x.overdue, percent(x.on_time, x.on_time + x.late + x.overdue)] })),
    };
  },
  providers: async (tenant, period, part) => (await rowsOf(tenant, sql<{ urn: string }>`
    select distinct s.urn from (${stepStates(tenant, period)}) s where s.urn is not null and s.state in ('late', 'overdue')
    ${part?.startsWith('step:') ? sql`and s.step = ${part.slice(5)}` : part === 'owner:' ? sql`and s.owner_user_id is null` : part?.startsWith('owner:') ? sql`and s.owner_user_id::text = ${part.slice(6)}` : sql``} order by s.urn`)).map((r) => r.urn),
};

const slaByAdviser: ReportFigure = {
  key: 'pathways.sla-by-owner',
  section: 'sla',
  title: 'Pathway deadlines met on time, by the person they fall to',
  definition: 'The same pathway steps, by the member of staff each step falls to (unassigned steps, such as allocation, fall to the Senior Improvement Advisers). The providers listed are those with a step late or overdue.',
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const r = await slaBy(tenant, period, sql`s.owner_user_id::text`);
    return {
      value: r.value, numerator: r.numerator, denominator: r.denominator, columns: slaColumns,
      rows: r.rows.map((x) => ({ label: x.label ?? 'Senior Improvement Advisers (unassigned)', part: `owner:${x.k ?? ''}`, values: [x.on_time, x.late, x.overdue, percent(x.on_time, x.on_time + x.late + x.overdue)] })),
    };
  },
  providers: (tenant, period, part) => slaSteps.providers!(tenant, period, part),
};

export function contributePathwayFigures(): void {
  addReportFigures([becameGood, daysToGood, newRegistrations], 20);
  addReportFigures([slaSteps, slaByAdviser], 30);
  addReportFigures([visits, caseload], 40);
}
