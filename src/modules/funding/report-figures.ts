import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { londonStartOfDay } from '../../platform/dates.js';
import { addReportFigures, figureRows, figureUrns, type FigurePeriod, type ReportFigure } from '../../platform/report-figures.js';

/* Funding decisions for the reports (ADR 0022). */

function decidedIn(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  return sql`d.la_code = ${tenant.scope.laCode} and d.kind = 'change' and d.decided_at >= ${londonStartOfDay(period.from)} and d.decided_at < ${londonStartOfDay(period.to)}`;
}

const decisions: ReportFigure = {
  key: 'funding.decisions',
  section: 'activity',
  title: 'Funding decisions',
  definition: 'Changes to a setting’s funding eligibility decided by a manager in the period (after an Ofsted outcome, enforcement or support declined): confirmed as the rules proposed, or decided differently.',
  unit: 'count',
  async compute(tenant, period) {
    const rows = await figureRows(tenant, sql<{ status: string; n: number }>`select d.status, count(*)::int as n from funding_decisions d where ${decidedIn(tenant, period)} group by d.status`);
    const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
    return {
      value: rows.reduce((s, r) => s + r.n, 0),
      columns: [{ label: 'Decisions', unit: 'count' }],
      rows: [{ label: 'Confirmed as proposed', part: 'confirmed', values: [n('confirmed')] }, { label: 'Decided differently', part: 'overridden', values: [n('overridden')] }],
    };
  },
  providers: (tenant, period, part) => figureUrns(tenant, sql<{ urn: string }>`select distinct d.urn from funding_decisions d where ${decidedIn(tenant, period)}
    ${part ? sql`and d.status = ${part}` : sql``} order by d.urn`),
};

export function contributeFundingFigures(): void {
  addReportFigures([decisions], 60);
}
