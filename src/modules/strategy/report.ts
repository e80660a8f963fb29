import ExcelJS from 'exceljs';
import type { TenantDb } from '../../db/tenant.js';
import { addDays, formatDate, londonStartOfDay } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import { headings, ragUpdates, recommendations } from './repository.js';
import { countRags, duties, dutyLabels, monthEnds, ragCountsOverTime, ragLabels, ragMeanings, ragTrail, type RagCounts } from './rules.js';
import type { Rag } from './tables.js';

/** The strategy report: counts by heading and by duty, the counts at each month end, and each recommendation's status trail. */
export async function strategyReport(tenant: TenantDb, today: string, now: Date, months = 6) {
  const [heads, recs, updates] = await Promise.all([headings(tenant, now), recommendations(tenant), ragUpdates(tenant)]);
  const byHeading = heads.map((h) => ({ name: h.name, counts: countRags(recs.filter((r) => r.heading_id === h.id).map((r) => r.rag)) }));
  const byDuty = duties.map((d) => ({ name: dutyLabels[d], counts: countRags(recs.filter((r) => r.duties.includes(d)).map((r) => r.rag)) }));
  const dates = monthEnds(today, months);
  // a date's counts are those at the end of that day, London time
  const counts = ragCountsOverTime(updates.map((u) => ({ recommendationId: u.recommendation_id, at: u.at, rag: u.rag })), dates.map((d) => new Date(londonStartOfDay(addDays(d, 1)).getTime() - 1)));
  const overTime = dates.map((date, i) => ({ date, counts: counts[i]! }));
  const items = recs.map((r) => {
    const history = updates.filter((u) => u.recommendation_id === r.id);
    return { ...r, trail: ragTrail(history), history };
  });
  return { byHeading, byDuty, overTime, items, total: countRags(recs.map((r) => r.rag)) };
}
export type StrategyReport = Awaited<ReturnType<typeof strategyReport>>;

const countCells = (c: RagCounts) => [c.red, c.amber, c.green, c.total];
const countHeaders = ['Red', 'Amber', 'Green', 'Total'];

/** The report as a workbook of real cells: numbers are numbers, dates are dates. */
export async function strategyXlsx(report: StrategyReport, laName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `EY Hub, ${laName}`;
  const sheet = (name: string, headers: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(headers).font = { bold: true };
    ws.columns.forEach((c, i) => { c.width = widths[i] ?? 14; });
    return ws;
  };
  const summary = sheet('By heading and duty', ['Heading or duty', ...countHeaders], [40, 10, 10, 10, 10]);
  for (const h of report.byHeading) summary.addRow([h.name, ...countCells(h.counts)]);
  for (const d of report.byDuty) summary.addRow([d.name, ...countCells(d.counts)]);
  summary.addRow(['All recommendations', ...countCells(report.total)]).font = { bold: true };
  const time = sheet('RAG over time', ['At the end of', ...countHeaders], [18, 10, 10, 10, 10]);
  for (const t of report.overTime) time.addRow([isoToDate(t.date), ...countCells(t.counts)]);
  time.getColumn(1).numFmt = 'd mmmm yyyy';
  const recs = sheet('Recommendations', ['Heading', 'Recommendation', 'Duties', 'Owner', 'Target date', 'RAG', 'What the status means', 'Status history', 'Last updated'], [26, 50, 30, 20, 14, 8, 60, 24, 14]);
  for (const r of report.items) {
    recs.addRow([r.heading, r.title, r.duties.map((d) => dutyLabels[d]).join(', '), r.owner, r.target_date ? isoToDate(r.target_date) : null, ragLabels[r.rag], ragMeanings[r.rag], r.trail, r.updated_at]);
  }
  recs.getColumn(5).numFmt = 'd mmmm yyyy';
  recs.getColumn(9).numFmt = 'd mmmm yyyy';
  const hist = sheet('Status history', ['Recommendation', 'Date', 'RAG', 'Comment', 'By'], [50, 14, 8, 60, 20]);
  for (const r of report.items) for (const h of r.history) hist.addRow([r.title, h.at, ragLabels[h.rag as Rag], h.comment, h.by_name ?? '']);
  hist.getColumn(2).numFmt = 'd mmmm yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The report as a tagged PDF (headings, paragraphs and tables in the structure tree). */
export async function strategyPdf(report: StrategyReport, laName: string, today: string): Promise<Buffer> {
  const pdf = pdfDocument({ title: `Early years and childcare strategy: recommendations, ${formatDate(today)}`, author: laName, subject: 'Strategy register report' });
  pdf.kicker(`${laName} · printed ${formatDate(today)}`);
  pdf.heading('Early years and childcare strategy: recommendations', 1);
  pdf.para(`${report.total.total} ${report.total.total === 1 ? 'recommendation' : 'recommendations'}: ${report.total.red} red, ${report.total.amber} amber, ${report.total.green} green.`);
  pdf.heading('What each status means');
  pdf.list((['green', 'amber', 'red'] as Rag[]).map((r) => `${ragLabels[r]}: ${ragMeanings[r]}`));
  pdf.heading('By heading');
  pdf.table(['Heading', ...countHeaders], report.byHeading.map((h) => [h.name, ...countCells(h.counts).map(String)]));
  pdf.heading('By statutory duty');
  pdf.table(['Duty', ...countHeaders], report.byDuty.map((d) => [d.name, ...countCells(d.counts).map(String)]));
  pdf.heading('RAG over time');
  pdf.table(['At the end of', ...countHeaders], report.overTime.map((t) => [formatDate(t.date), ...countCells(t.counts).map(String)]));
  pdf.heading('Recommendations');
  pdf.table(['Heading', 'Recommendation', 'Owner', 'Target', 'Status history'], report.items.map((r) => [r.heading, r.title, r.owner, formatDate(r.target_date) || 'None', r.trail]));
  return pdf.finish();
}
