import ExcelJS from 'exceljs';
import { formatDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import { ageBands, bandKeys } from './calc.js';
import type { SufficiencyFigures } from './service.js';

/*
 * The annual childcare sufficiency assessment, from the same figures as the page: registered places
 * by provider type and register, places per 100 children by ward and age band, wards under the
 * threshold, and the settings whose ward is not known.
 */

const wardHeaders = bandKeys.flatMap((b) => [`Places ${ageBands[b].label}`, `Children ${ageBands[b].label}`, `Places per 100 ${ageBands[b].label}`]);

export async function assessmentXlsx(f: SufficiencyFigures, laName: string, today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `EY Hub, ${laName}`;
  const sheet = (name: string, headers: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(headers).font = { bold: true };
    ws.columns.forEach((c, i) => { c.width = widths[i] ?? 16; });
    return ws;
  };
  const summary = sheet('Summary', ['Figure', 'Value'], [50, 20]);
  summary.addRows([
    ['Local authority', laName],
    ['Assessment date', new Date(`${today}T00:00:00Z`)],
    ['Threshold (places per 100 children)', f.config.threshold],
    ['Active settings', f.totals.settings],
    ['Registered places', f.totals.places],
    ['Children in the population figures', f.totals.children],
    ['Wards under the threshold', f.flagged.length],
    ['Settings whose ward is not known', f.noWard.length],
  ]);
  summary.getCell('B3').numFmt = 'd mmmm yyyy';
  const types = sheet('Places by type and register', ['Provider type', 'Register', 'Settings', 'Registered places'], [40, 26, 12, 18]);
  for (const t of f.byType) types.addRow([t.providerType, t.register, t.settings, t.places]);
  const wards = sheet('Wards', ['Ward', 'Settings', ...wardHeaders, ...bandKeys.map((b) => `Vacancies ${ageBands[b].label} (${f.term.label} returns)`), 'Under threshold'], [30, 10]);
  for (const w of f.wards) wards.addRow([w.ward, w.settings, ...bandKeys.flatMap((b) => [w.bands[b].places, w.bands[b].children, w.bands[b].per100]), ...bandKeys.map((b) => (w.vacancies ? w.vacancies[b] : null)), w.flagged ? 'Yes' : 'No']);
  const unknown = sheet('Ward not known', ['URN', 'Name', 'Postcode'], [14, 40, 12]);
  for (const s of f.noWard) unknown.addRow([s.urn, s.name ?? 'Name withheld by Ofsted', s.postcode ?? 'None held']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function assessmentPdf(f: SufficiencyFigures, laName: string, today: string): Promise<Buffer> {
  const pdf = pdfDocument({ title: `Childcare sufficiency assessment, ${formatDate(today)}`, author: laName, subject: 'Childcare sufficiency assessment' });
  pdf.kicker(`${laName} · ${formatDate(today)}`);
  pdf.heading('Childcare sufficiency assessment', 1);
  pdf.para(`${f.totals.settings} active settings with ${f.totals.places} registered places. ${f.flagged.length} ${f.flagged.length === 1 ? 'ward is' : 'wards are'} under the threshold of ${f.config.threshold} places per 100 children.`);
  pdf.heading('Wards under the threshold');
  pdf.list(f.flagged.map((w) => `${w.ward}: ${bandKeys.filter((b) => w.bands[b].flagged).map((b) => `${w.bands[b].per100} places per 100 children aged ${ageBands[b].label}`).join('; ')}`));
  pdf.heading('Registered places by provider type and register');
  pdf.table(['Provider type', 'Register', 'Settings', 'Places'], f.byType.map((t) => [t.providerType, t.register, String(t.settings), String(t.places)]));
  for (const b of bandKeys) {
    pdf.heading(`Places per 100 children aged ${ageBands[b].label}, by ward`);
    pdf.table(['Ward', 'Places', 'Children', 'Per 100', 'Under threshold'], f.wards.map((w) => [w.ward, String(w.bands[b].places), w.bands[b].children === null ? 'No figures' : String(w.bands[b].children), w.bands[b].per100 === null ? '–' : String(w.bands[b].per100), w.bands[b].flagged ? 'Yes' : 'No']));
  }
  if (f.noWard.length) {
    pdf.heading('Settings whose ward is not known');
    pdf.para(`${f.noWard.length} active settings have no ward from Ofsted's data and a postcode that is not in the ward lookup; their places are not in the ward figures.`);
  }
  return pdf.finish();
}
