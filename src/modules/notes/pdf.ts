import { pdfDocument } from '../../platform/pdf.js';
import type { NoteInput } from './schemas.js';
import { formatDate } from '../../platform/dates.js';

/** What the PDF shows: the note as written, with the visit, the people and the actions' due dates. */
export type NotePdf = Omit<NoteInput, 'actions'> & {
  laName: string;
  providerName: string;
  urn: string;
  visitDate: string;
  visitLabel: string;
  visitors: string[];
  actions: { action: string; area: string; due: string }[];
  sentOn: string;
};

/**
 * The note of visit as a tagged PDF (title, language and reading order set; headings and lists as
 * structure) with the council's name, the provider, URN, date, visitors and every section.
 */
export function notePdf(note: NotePdf): Promise<Buffer> {
  const pdf = pdfDocument({ title: `Note of visit: ${note.providerName}, ${formatDate(note.visitDate)}`, author: note.laName, subject: 'Note of visit (Positive Practice Tool)' });
  pdf.kicker(`${note.laName} · Early Years and Childcare`);
  pdf.heading('Note of visit', 1);
  pdf.para(`${note.providerName} (URN ${note.urn})\n${note.visitLabel} on ${formatDate(note.visitDate)}\nVisitors: ${note.visitors.join(', ')}\nSent on ${formatDate(note.sentOn)}`);
  pdf.heading('Who attended');
  pdf.para(note.attendees);
  pdf.heading('Purpose and focus of the visit');
  pdf.para(note.purpose);
  if (note.reviewPrevious) {
    pdf.heading('Review of recommendations from the previous visit');
    pdf.para(note.reviewPrevious);
  }
  pdf.heading('What is working well?');
  pdf.list(note.workingWell);
  pdf.heading('What are we worried about?');
  pdf.list(note.worriedAbout);
  pdf.heading('What needs to happen?');
  pdf.list(note.needsToHappen);
  if (note.scaling !== null) {
    pdf.heading('Scaling');
    pdf.para(`${note.scalingQuestion ?? ''}\nAgreed score: ${note.scaling} out of 10 (0 = not at all, 10 = completely).`);
  }
  pdf.heading('Recommendations');
  pdf.para(note.recommendations);
  pdf.heading('Actions agreed');
  pdf.list(note.actions.map((a) => `${a.action} (${a.area}; by ${formatDate(a.due)})`));
  pdf.para('These actions have been added to your setting’s action plan.');
  return pdf.finish();
}
