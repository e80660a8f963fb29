import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { londonStartOfDay } from '../../platform/dates.js';
import { addReportFigures, figureRows, figureUrns, type FigurePeriod, type ReportFigure } from '../../platform/report-figures.js';

/* Action plans for the reports (ADR 0022). */

function completedIn(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  return sql`select distinct i.id, i.urn from action_plan_updates u join action_plan_items i on i.id = u.item_id and i.la_code = u.la_code
    where u.la_code = ${tenant.scope.laCode} and u.status = 'done' and u.at >= ${londonStartOfDay(period.from)} and u.at < ${londonStartOfDay(period.to)}`;
}

const completed: ReportFigure = {
  key: 'action-plans.completed',
  section: 'activity',
  title: 'Action-plan items completed',
  definition: 'Items on settings’ action plans marked done in the period (by staff or by the setting), beside the items added in the period.',
  unit: 'count',
  async compute(tenant, period) {
    const [r] = await figureRows(tenant, sql<{ done: number; added: number }>`select
      (select count(*) from (${completedIn(tenant, period)}) c)::int as done,
      (select count(*) from action_plan_items i where i.la_code = ${tenant.scope.laCode} and i.created_at >= ${londonStartOfDay(period.from)} and i.created_at < ${londonStartOfDay(period.to)})::int as added`);
    return { value: r?.done ?? 0, columns: [{ label: 'Items', unit: 'count' }], rows: [{ label: 'Completed', part: 'done', values: [r?.done ?? 0] }, { label: 'Added', values: [r?.added ?? 0] }] };
  },
  providers: (tenant, period) => figureUrns(tenant, sql<{ urn: string }>`select distinct c.urn from (${completedIn(tenant, period)}) c order by c.urn`),
};

export function contributeActionPlanFigures(): void {
  addReportFigures([completed], 50);
}
