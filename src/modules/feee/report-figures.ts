import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { londonStartOfDay } from '../../platform/dates.js';
import { addReportFigures, figureRows, figureUrns, type FigurePeriod, type ReportFigure } from '../../platform/report-figures.js';
import { findingTypes } from './checks.js';

/* FEEE audits for the reports (ADR 0022). */

function completedIn(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  return sql`a.la_code = ${tenant.scope.laCode} and a.status = 'completed' and a.completed_at >= ${londonStartOfDay(period.from)} and a.completed_at < ${londonStartOfDay(period.to)}`;
}

const findings: ReportFigure = {
  key: 'feee.findings',
  section: 'activity',
  title: 'FEEE audit findings: amount to recover',
  definition: 'Funding (FEEE) audits completed in the period: their findings by kind, and the amounts the audits found to recover, in pounds.',
  unit: 'pounds',
  async compute(tenant, period) {
    const rows = await figureRows(tenant, sql<{ finding_type: string | null; audits: number; n: number; pence: number }>`
      select f.finding_type, count(distinct a.id)::int as audits, count(f.id)::int as n, coalesce(sum(f.amount_pence), 0)::int as pence
      from feee_audits a left join feee_findings f on f.audit_id = a.id and f.la_code = a.la_code
      where ${completedIn(tenant, period)} group by grouping sets ((f.finding_type), ()) order by grouping(f.finding_type) desc, f.finding_type`);
    const [total, ...byType] = rows;
    const found = byType.filter((r) => r.finding_type !== null);
    return {
      value: (total?.pence ?? 0) / 100,
      columns: [{ label: 'Findings', unit: 'count' }, { label: 'To recover', unit: 'pounds' }],
      rows: [
        { label: 'FEEE audits completed', values: [total?.audits ?? 0, null] },
        ...found.map((r) => ({ label: findingTypes[r.finding_type as keyof typeof findingTypes] ?? r.finding_type ?? '', part: r.finding_type ?? '', values: [r.n, r.pence / 100] })),
      ],
    };
  },
  providers: (tenant, period, part) => figureUrns(tenant, sql<{ urn: string }>`select distinct a.urn from feee_audits a where ${completedIn(tenant, period)}
    ${part ? sql`and exists (select 1 from feee_findings f where f.audit_id = a.id and f.finding_type = ${part})` : sql``} order by a.urn`),
};

export function contributeFeeeFigures(): void {
  addReportFigures([findings], 65);
}
