import PDFDocument from 'pdfkit';

/**
 * A tagged A4 PDF (language en-GB, title shown, headings, paragraphs and lists marked as structure)
 * with the few building blocks EY Hub's documents use.
 */
export function pdfDocument(info: { title: string; author: string; subject: string }) {
  const doc = new PDFDocument({ size: 'A4', margin: 56, tagged: true, lang: 'en-GB', displayTitle: true, pdfVersion: '1.7', info: { Title: info.title, Author: info.author, Subject: info.subject } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const marked = (tag: 'H1' | 'H2' | 'P' | 'L', write: () => void) => {
    doc.markStructureContent(tag);
    write();
    doc.endMarkedContent();
  };
  return {
    kicker: (text: string) => marked('P', () => doc.font('Helvetica').fontSize(10).fillColor('#505a5f').text(text).moveDown(0.5).fillColor('#0b0c0c')),
    heading: (text: string, level: 1 | 2 = 2) => marked(level === 1 ? 'H1' : 'H2', () => doc.font('Helvetica-Bold').fontSize(level === 1 ? 22 : 14).fillColor('#0b0c0c').text(text, { paragraphGap: 6 })),
    para: (text: string) => marked('P', () => doc.font('Helvetica').fontSize(11).text(text || 'None recorded.', { paragraphGap: 8 })),
    list: (items: string[]) => {
      if (!items.length) {
        marked('P', () => doc.font('Helvetica').fontSize(11).text('None recorded.', { paragraphGap: 8 }));
        return;
      }
      marked('L', () => doc.font('Helvetica').fontSize(11).list(items, { bulletRadius: 2, paragraphGap: 4 }));
      doc.moveDown(0.5);
    },
    finish: (): Promise<Buffer> => {
      doc.end();
      return done;
    },
  };
}
