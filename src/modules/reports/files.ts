import ExcelJS from 'exceljs';
import { toCsv } from '../../platform/csv.js';
import { addDays, formatDate, londonDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import type { FigureUnit } from '../../platform/report-figures.js';
import type { Comparison } from './comparison.js';
import { cellText, changeText, chartColumn, formatValue, headline } from './presenters.js';
import type { Narrative } from './repository.js';
import type { ComputedFigure, Report } from './service.js';

/* The report as files: a CSV of each table, the whole report as XLSX, and the cabinet report PDF, all from the same computed report as the page. */

export interface ReportFileInput {
  laName: string;
  report: Report;
  comparison: Comparison;
  narrative: Narrative | null;
  generatedAt: Date;
}

const comparisonHeaders = ['Area', 'Providers with a judgement', 'Good or Outstanding', '% Good or Outstanding', '% childminders', '% non-domestic'];

/** One figure's table as CSV: its rows and columns, numbers as numbers. */
export function figureCsv(c: ComputedFigure): string {
  const cols = c.current.columns ?? [{ label: c.figure.title, unit: c.figure.unit }];
  const rows = c.current.rows?.length ? c.current.rows.map((r) => [r.label, ...r.values.map((v) => v ?? '')]) : [['Total', c.current.value ?? '']];
  return toCsv(['', ...cols.map((col) => col.label)], rows);
}

export function comparisonCsv(comparison: Comparison): string {
  return toCsv(comparisonHeaders, comparison.rows.map((r) => [r.label, r.judged, r.good, r.percent ?? '', r.childminders ?? '', r.nonDomestic ?? '']));
}

const numFmt: Record<FigureUnit, string> = { count: '#,##0', percent: '0.0"%"', days: '#,##0', pounds: '"£"#,##0.00', score: '0.00' };
const sheetName = (title: string, used: Set<string>) => {
  let name = title.replace(/[*?:\\/[\]]/g, ' ').slice(0, 28).trim();
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 26)} ${i}`;
  used.add(name);
  return name;
};

/** The whole report as a workbook: a summary sheet (real dates and numbers), the comparison, and a sheet per figure. */
export async function reportXlsx(input: ReportFileInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'EY Hub';
  wb.created = input.generatedAt;
  const { report } = input;
  const summary = wb.addWorksheet('Summary');
  summary.columns = [{ width: 22 }, { width: 48 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 90 }];
  summary.addRow([`${input.laName}: report for ${report.period.label}`]).font = { bold: true, size: 14 };
  summary.addRow(['Period from', new Date(`${report.period.from}T00:00:00Z`)]).getCell(2).numFmt = 'd mmmm yyyy';
  summary.addRow(['Period to', new Date(`${addDays(report.period.to, -1)}T00:00:00Z`)]).getCell(2).numFmt = 'd mmmm yyyy';
  summary.addRow(['Compared with', report.previous.label]);
  summary.addRow([]);
  summary.addRow(['Section', 'Figure', 'This period', 'Period before', 'Change', 'How it is counted']).font = { bold: true };
  const used = new Set(['Summary', 'England']);
  for (const s of report.sections) {
    for (const c of s.figures) {
      const row = summary.addRow([s.title, c.figure.title, c.current.value, c.previous.value, c.change, c.figure.definition]);
      for (const i of [3, 4, 5]) row.getCell(i).numFmt = numFmt[c.figure.unit];
      const sheet = wb.addWorksheet(sheetName(c.figure.title, used));
      const cols = c.current.columns ?? [];
      sheet.columns = [{ width: 44 }, ...cols.map(() => ({ width: 18 }))];
      sheet.addRow([c.figure.title]).font = { bold: true };
      sheet.addRow([c.figure.definition]);
      sheet.addRow([]);
      sheet.addRow(['', ...cols.map((col) => col.label)]).font = { bold: true };
      for (const r of c.current.rows ?? []) {
        const added = sheet.addRow([r.label, ...r.values]);
        cols.forEach((col, i) => (added.getCell(i + 2).numFmt = numFmt[col.unit]));
      }
      const total = sheet.addRow(['Headline', c.current.value]);
      total.getCell(2).numFmt = numFmt[c.figure.unit];
    }
  }
  const england = wb.addWorksheet('England');
  england.columns = [{ width: 40 }, ...comparisonHeaders.slice(1).map(() => ({ width: 20 }))];
  if (input.comparison.file) {
    england.addRow(['National file', input.comparison.file.fileName]);
    england.addRow(['As at', new Date(`${input.comparison.file.asAt}T00:00:00Z`)]).getCell(2).numFmt = 'd mmmm yyyy';
    england.addRow([]);
    england.addRow(comparisonHeaders).font = { bold: true };
    for (const r of input.comparison.rows) {
      const row = england.addRow([r.label, r.judged, r.good, r.percent, r.childminders, r.nonDomestic]);
      [2, 3].forEach((i) => (row.getCell(i).numFmt = numFmt.count));
      [4, 5, 6].forEach((i) => (row.getCell(i).numFmt = numFmt.percent));
    }
  } else england.addRow(['No national file has been imported as reference data yet.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The cabinet report: cover, summary figures, the narrative, then each section's figures with chart, table and definition. */
export async function cabinetPdf(input: ReportFileInput): Promise<Buffer> {
  const { report } = input;
  const title = `${input.laName}: early years and childcare report, ${report.period.label}`;
  const pdf = pdfDocument({ title, author: `${input.laName} Early Years and Childcare`, subject: 'Report to senior staff and cabinet' });
  pdf.kicker(`${input.laName} · Early Years and Childcare`);
  pdf.heading('Early years and childcare: report to senior staff and cabinet', 1);
  pdf.para(`${report.period.label}: ${formatDate(report.period.from)} to ${formatDate(addDays(report.period.to, -1))}. Compared with ${report.previous.label}.`);
  pdf.para(`Produced by EY Hub on ${formatDate(londonDate(input.generatedAt))} from the records the local authority holds.${input.comparison.file ? ` England, regional and statistical-neighbour figures come from Ofsted’s national data as at ${formatDate(input.comparison.file.asAt)}.` : ''}`);
  pdf.heading('Summary');
  pdf.table(['Figure', 'This period', 'Period before', 'Change'], report.sections.flatMap((s) => s.figures.map((c) => [c.figure.title, headline(c), formatValue(c.previous.value, c.figure.unit), changeText(c)])));
  pdf.heading('Summary from the Early Years team');
  pdf.para(input.narrative?.summary ?? 'No summary has been written for this period.');
  pdf.heading('Next steps');
  pdf.para(input.narrative?.next_steps || 'None recorded.');
  if (input.comparison.file) {
    pdf.heading(`Compared with England (Ofsted data as at ${formatDate(input.comparison.file.asAt)})`);
    pdf.para('Providers on the Early Years Register whose most recent full inspection gave a judgement; the share judged Good or Outstanding (Ofsted’s method: Met and Not met are not judgements).');
    pdf.table(comparisonHeaders, input.comparison.rows.map((r) => [r.label, String(r.judged), String(r.good), cellText(r.percent, 'percent'), cellText(r.childminders, 'percent'), cellText(r.nonDomestic, 'percent')]));
  }
  for (const s of report.sections) {
    pdf.newPage();
    pdf.heading(s.title, 1);
    for (const c of s.figures) {
      pdf.heading(`${c.figure.title}: ${headline(c)}`);
      const change = changeText(c);
      pdf.kicker(`${change.charAt(0).toUpperCase()}${change.slice(1)}. ${c.figure.definition}`);
      const rows = c.current.rows ?? [];
      const col = chartColumn(c.current);
      const unit = c.current.columns?.[col]?.unit ?? c.figure.unit;
      if (rows.length) {
        const values = rows.map((r) => r.values[col] ?? 0);
        const max = unit === 'percent' ? 100 : Math.max(1, ...values);
        const alt = `Chart of ${c.figure.title}: ${rows.map((r) => `${r.label} ${formatValue(r.values[col] ?? null, unit)}`).join('; ')}`;
        pdf.figure(alt, rows.length * 18 + 4, (doc, x, y, width) => {
          rows.forEach((r, i) => {
            const v = r.values[col] ?? 0;
            doc.font('Body').fontSize(9).fillColor('#0b0c0c').text(r.label.slice(0, 44), x, y + i * 18 + 3, { width: 200, lineBreak: false });
            doc.rect(x + 205, y + i * 18, Math.max(v > 0 ? 1 : 0, (v / max) * (width - 270)), 13).fill('#1d70b8');
            doc.fillColor('#0b0c0c').text(formatValue(r.values[col] ?? null, unit), x + 210 + (v / max) * (width - 270), y + i * 18 + 3, { lineBreak: false });
          });
        });
        const cols = c.current.columns ?? [];
        pdf.table(['', ...cols.map((x) => x.label)], rows.map((r) => [r.label, ...r.values.map((v, i) => cellText(v, cols[i]?.unit ?? 'count'))]));
      }
    }
  }
  return pdf.finish();
}
