import PDFDocument from 'pdfkit';
import { formatDate } from '../../platform/dates.js';

export interface NotePdf {
  laName: string;
  providerName: string;
  urn: string;
  visitDate: string;
  visitLabel: string;
  visitors: string[];
  attendees: string;
  purpose: string;
  workingWell: string[];
  worriedAbout: string[];
  needsToHappen: string[];
  scaling: number | null;
  scalingQuestion: string | null;
  recommendations: string;
  actions: { action: string; area: string; due: string }[];
  sentOn: string;
}

/**
 * The note of visit as a tagged PDF (title, language and reading order set; headings and lists as
 * structure) with the council's name, the provider, URN, date, visitors and every section.
 */
export function notePdf(note: NotePdf): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: `Note of visit: ${note.providerName}, ${formatDate(note.visitDate)}`, Author: note.laName, Subject: 'Note of visit (Positive Practice Tool)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const heading = (text: string, size: number) => {
    doc.markStructureContent(size > 16 ? 'H1' : 'H2');
    doc.font('Helvetica-Bold').fontSize(size).fillColor('#0b0c0c').text(text, { paragraphGap: 6 });
    doc.endMarkedContent();
  };
  const para = (text: string) => {
    doc.markStructureContent('P');
    doc.font('Helvetica').fontSize(11).text(text || 'None recorded.', { paragraphGap: 8 });
    doc.endMarkedContent();
  };
  const list = (items: string[]) => {
    if (!items.length) return para('None recorded.');
    doc.markStructureContent('L');
    doc.font('Helvetica').fontSize(11).list(items, { bulletRadius: 2, paragraphGap: 4 });
    doc.endMarkedContent();
    doc.moveDown(0.5);
  };

  doc.markStructureContent('P');
  doc.font('Helvetica').fontSize(10).fillColor('#505a5f').text(`${note.laName} · Early Years and Childcare`);
  doc.endMarkedContent();
  doc.moveDown(0.5);
  heading('Note of visit', 22);
  para(`${note.providerName} (URN ${note.urn})\n${note.visitLabel} on ${formatDate(note.visitDate)}\nVisitors: ${note.visitors.join(', ')}\nSent on ${formatDate(note.sentOn)}`);
  heading('Who attended', 14);
  para(note.attendees);
  heading('Purpose and focus of the visit', 14);
  para(note.purpose);
  heading('What is working well?', 14);
  list(note.workingWell);
  heading('What are we worried about?', 14);
  list(note.worriedAbout);
  heading('What needs to happen?', 14);
  list(note.needsToHappen);
  if (note.scaling !== null) {
    heading('Scaling', 14);
    para(`${note.scalingQuestion ?? ''}\nAgreed score: ${note.scaling} out of 10 (0 = not at all, 10 = completely).`);
  }
  heading('Recommendations', 14);
  para(note.recommendations);
  heading('Actions agreed', 14);
  list(note.actions.map((a) => `${a.action} (${a.area}; by ${formatDate(a.due)})`));
  para('These actions have been added to your setting’s action plan.');
  doc.end();
  return done;
}
