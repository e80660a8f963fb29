import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { londonStartOfDay } from '../../platform/dates.js';
import { addReportFigures, figureRows, figureUrns, type FigurePeriod, type ReportFigure } from '../../platform/report-figures.js';

/* Audits for the reports (ADR 0022). */

function completedIn(tenant: TenantDb, period: FigurePeriod): RawBuilder<unknown> {
  return sql`a.la_code = ${tenant.scope.laCode} and a.status = 'completed' and a.completed_at >= ${londonStartOfDay(period.from)} and a.completed_at < ${londonStartOfDay(period.to)}`;
}

const audits: ReportFigure = {
  key: 'audits.completed',
  section: 'activity',
  title: 'Audits completed',
  definition: 'Audits and self-assessments completed in the period, by template, with the average of their scored answers (each answer given as a number on the template’s scale; answers such as “Yes” or “Not applicable” are not scores).',
  unit: 'count',
  async compute(tenant, period) {
    const rows = await figureRows(tenant, sql<{ template_key: string; name: string; n: number; avg: number | null }>`
      select a.template_key, max(t.name) as name, count(distinct a.id)::int as n,
        round(avg(s.value::numeric) filter (where s.value ~ '^[0-9]+([.][0-9]+)?$'), 2)::float8 as avg
      from audits a join audit_templates t on t.id = a.template_id and t.la_code = a.la_code
      left join lateral (select e.value->>'value' as value from jsonb_each(a.answers) e) s on true
      where ${completedIn(tenant, period)} group by a.template_key order by 2`);
    return {
      value: rows.reduce((s, r) => s + r.n, 0),
      columns: [{ label: 'Completed', unit: 'count' }, { label: 'Average score', unit: 'score' }],
      rows: rows.map((r) => ({ label: r.name, part: r.template_key, values: [r.n, r.avg] })),
    };
  },
  providers: (tenant, period, part) => figureUrns(tenant, sql<{ urn: string }>`select distinct a.urn from audits a where ${completedIn(tenant, period)}
    ${part ? sql`and a.template_key = ${part}` : sql``} order by a.urn`),
};

export function contributeAuditFigures(): void {
  addReportFigures([audits], 55);
}
