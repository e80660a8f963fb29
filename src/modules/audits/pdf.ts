import { formatDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import type { auditSummary } from './presenters.js';

/** The audit report: section scores, then every answer, then the items that need action. */
export function auditPdf(input: { laName: string; providerName: string; urn: string; completedOn: Date | null; summary: ReturnType<typeof auditSummary> }): Promise<Buffer> {
  const { summary } = input;
  const pdf = pdfDocument({ title: `${summary.title}: ${input.providerName}`, author: input.laName, subject: 'Audit report' });
  pdf.kicker(`${input.laName} · Early Years and Childcare`);
  pdf.heading(summary.title, 1);
  pdf.para(`${input.providerName} (URN ${input.urn})\n${input.completedOn ? `Completed on ${formatDate(input.completedOn)}` : 'Draft: not completed yet'}\nOverall score: ${summary.overall}`);
  pdf.heading('Section scores');
  pdf.table(['Section', 'Score'], summary.sections.map((s) => [s.title, String(s.score)]));
  for (const section of summary.answers) {
    pdf.heading(section.title);
    pdf.list(section.items.map((i) => `${i.prompt}${i.source ? ` [${i.source}]` : ''}: ${i.answer || 'No answer'}${i.comment ? ` (${i.comment})` : ''}`));
  }
  pdf.heading('What needs action');
  if (summary.low.length) pdf.list(summary.low.map((l) => `${l.prompt}: ${l.answer}`));
  else pdf.para('Nothing was answered low.');
  return pdf.finish();
}
