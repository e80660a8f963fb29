import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { englandCalendar } from '../../platform/calendar.js';
import { addDays } from '../../platform/dates.js';
import { addReportFigures, figureRows, figureUrns, percent, type FigurePeriod, type ReportFigure } from '../../platform/report-figures.js';

/* Notes of visit for the reports (ADR 0022): how many were sent, and whether on time. */

/** A note of visit is due with the setting this many working days after the visit (ADR 0022). */
export const NOTE_DUE_WORKING_DAYS = 10;

/** For each day from `from` to `to`, the day a note of a visit on it is due (the working calendar of England and Wales). */
function dueDays(from: string, to: string): string[] {
  const calendar = englandCalendar();
  const dues: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) {
    let due = d;
    for (let left = NOTE_DUE_WORKING_DAYS; left > 0; ) {
      due = addDays(due, 1);
      if (calendar.isWorkingDay(due)) left--;
    }
    dues.push(due);
  }
  return dues;
}

/**
 * Each visit done in the period with the day its note was due (looked up by the visit's day in the
 * period) and its state.
 */
function noteStates(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  const today = period.now.toISOString().slice(0, 10);
  const cutoff = today < period.to ? today : period.to;
  const la = tenant.scope.laCode;
  return sql`select x.urn, case when x.sent is not null and x.sent <= x.due then 'on_time' when x.sent is not null then 'late'
      when x.due < ${cutoff} then 'overdue' else 'not_due' end as state
    from (
      select v.urn, (${dueDays(period.from, period.to)}::date[])[v.done_on - ${period.from}::date + 1] as due,
        (select min(nv.sent_at at time zone 'Europe/London')::date from notes_of_visit nv where nv.visit_id = v.id and nv.la_code = ${la}) as sent
      from visits v where v.la_code = ${la} and v.status = 'done' and v.done_on >= ${period.from} and v.done_on < ${period.to}) x`;
}

const noteSla: ReportFigure = {
  key: 'notes.sent-on-time',
  section: 'sla',
  title: 'Notes of visit sent on time',
  definition: `Visits held in the period: the note of visit sent to the setting within ${NOTE_DUE_WORKING_DAYS} working days of the visit (on time), later (late), or not sent when that deadline has passed by the end of the period or today if sooner (overdue).`,
  unit: 'percent',
  higherIsBetter: true,
  async compute(tenant, period) {
    const [r] = await figureRows(tenant, sql<{ on_time: number; late: number; overdue: number }>`
      select (count(*) filter (where s.state = 'on_time'))::int as on_time, (count(*) filter (where s.state = 'late'))::int as late,
        (count(*) filter (where s.state = 'overdue'))::int as overdue from (${noteStates(tenant, period)}) s`);
    const { on_time = 0, late = 0, overdue = 0 } = r ?? {};
    return {
      value: percent(on_time, on_time + late + overdue), numerator: on_time, denominator: on_time + late + overdue,
      columns: [{ label: 'Notes', unit: 'count' }],
      rows: [{ label: 'On time', part: 'on_time', values: [on_time] }, { label: 'Late', part: 'late', values: [late] }, { label: 'Overdue', part: 'overdue', values: [overdue] }],
    };
  },
  providers: (tenant, period, part) => figureUrns(tenant, sql<{ urn: string }>`select distinct s.urn from (${noteStates(tenant, period)}) s where s.state = ${part ?? 'overdue'} order by s.urn`),
};

const notesSent: ReportFigure = {
  key: 'notes.sent',
  section: 'activity',
  title: 'Notes of visit sent',
  definition: 'Notes of visit sent to settings in the period, after quality assurance.',
  unit: 'count',
  async compute(tenant, period) {
    const [r] = await figureRows(tenant, sql<{ n: number }>`select count(*)::int as n from notes_of_visit n where n.la_code = ${tenant.scope.laCode}
      and (n.sent_at at time zone 'Europe/London')::date >= ${period.from} and (n.sent_at at time zone 'Europe/London')::date < ${period.to}`);
    return { value: r?.n ?? 0 };
  },
  providers: (tenant, period) => figureUrns(tenant, sql<{ urn: string }>`select distinct n.urn from notes_of_visit n where n.la_code = ${tenant.scope.laCode}
      and (n.sent_at at time zone 'Europe/London')::date >= ${period.from} and (n.sent_at at time zone 'Europe/London')::date < ${period.to} order by n.urn`),
};

export function contributeNoteFigures(): void {
  addReportFigures([noteSla], 35);
  addReportFigures([notesSent], 45);
}
