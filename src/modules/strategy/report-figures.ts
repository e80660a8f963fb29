import { sql } from 'kysely';
import { londonStartOfDay } from '../../platform/dates.js';
import { addReportFigures, figureRows, type ReportFigure } from '../../platform/report-figures.js';

/* The strategy register in the reports to senior staff ("it joins the quarterly report to senior staff once reports exist", issue 23). */

const ragByHeading: ReportFigure = {
  key: 'strategy.rag',
  section: 'activity',
  title: 'Strategy recommendations by RAG status',
  definition: 'Each recommendation of the strategy register counted by its RAG status at the end of the period (its latest update before then), by heading; the headline is the number rated Green.',
  unit: 'count',
  higherIsBetter: true,
  async compute(tenant, period) {
    const rows = await figureRows(tenant, sql<{ heading: string; red: number; amber: number; green: number }>`
      select h.name as heading,
        count(*) filter (where s.rag = 'red')::int as red, count(*) filter (where s.rag = 'amber')::int as amber, count(*) filter (where s.rag = 'green')::int as green
      from strategy_headings h
      join strategy_recommendations r on r.heading_id = h.id and r.la_code = h.la_code
      join lateral (select u.rag from strategy_rag_updates u where u.recommendation_id = r.id and u.la_code = r.la_code and u.at < ${londonStartOfDay(period.to)} order by u.at desc limit 1) s on true
      where h.la_code = ${tenant.scope.laCode}
      group by h.name, h.position order by h.position, h.name`);
    if (!rows.length) return { value: null };
    return {
      value: rows.reduce((n, r) => n + r.green, 0),
      columns: [{ label: 'Red', unit: 'count' }, { label: 'Amber', unit: 'count' }, { label: 'Green', unit: 'count' }],
      rows: rows.map((r) => ({ label: r.heading, values: [r.red, r.amber, r.green] })),
    };
  },
};

export function contributeStrategyFigures(): void {
  addReportFigures([ragByHeading], 70);
}
