import { formatDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import { outcomeLabels } from './schemas.js';
import type { ComplaintOutcome } from '../../db/types.js';

/** The response letter as a tagged PDF: attached to the e-mail to the complainant and downloadable from the record. */
export function responseLetterPdf(l: { laName: string; to: string; stage: number; receivedAt: Date; answeredAt: Date; outcome: ComplaintOutcome; response: string }): Promise<Buffer> {
  const title = `Response to your complaint${l.stage === 2 ? ' (stage 2)' : ''}`;
  const pdf = pdfDocument({ title, author: l.laName, subject: `${title}, ${formatDate(l.answeredAt)}` });
  pdf.kicker(`${l.laName} · Early Years and Childcare · ${formatDate(l.answeredAt)}`);
  pdf.heading(title, 1);
  pdf.para(`To ${l.to}, about your complaint received on ${formatDate(l.receivedAt)}.`);
  pdf.heading(`Outcome: ${outcomeLabels[l.outcome]}`);
  for (const paragraph of l.response.split(/\n+/)) if (paragraph.trim()) pdf.para(paragraph.trim());
  return pdf.finish();
}
