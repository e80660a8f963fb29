import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFKit from 'pdfkit';
import { srcDir } from './paths.js';

/*
 * pdfkit costs about 0.3 s of CPU to load and most requests never make a PDF: it is loaded when the
 * first PDF is made, not when the service starts (issue 18.3, ADR 0020).
 */
let pdfkit: typeof PDFKit | undefined;
const loadPdfkit = (): typeof PDFKit => (pdfkit ??= createRequire(import.meta.url)('pdfkit') as typeof PDFKit);

const fontsDir = path.join(srcDir, 'platform', 'fonts');
/** Liberation Sans (embedded; see src/platform/fonts/README.md for the licence). */
export const PDF_FONTS = {
  regular: path.join(fontsDir, 'LiberationSans-Regular.ttf'),
  bold: path.join(fontsDir, 'LiberationSans-Bold.ttf'),
};

/**
 * A tagged A4 PDF: language en-GB, title shown, fonts embedded, and a structure tree
 * (Document > H1, H2, P, L > LI > Lbl + LBody, Table > TR > TH/TD) in reading order,
 * with the few building blocks EY Hub's documents use.
 */
export function pdfDocument(info: { title: string; author: string; subject: string }) {
  const PDFDocument = loadPdfkit();
  const doc = new PDFDocument({ size: 'A4', margin: 56, tagged: true, lang: 'en-GB', displayTitle: true, pdfVersion: '1.7', font: PDF_FONTS.regular, info: { Title: info.title, Author: info.author, Subject: info.subject } });
  doc.registerFont('Body', PDF_FONTS.regular);
  doc.registerFont('Bold', PDF_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const root = doc.struct('Document');
  doc.addStructure(root);

  const block = (tag: 'H1' | 'H2' | 'P', font: 'Body' | 'Bold', size: number, text: string, gap: number, colour = '#0b0c0c') => {
    doc.font(font).fontSize(size).fillColor(colour).text(text, { paragraphGap: gap, structParent: root, structType: tag });
    doc.fillColor('#0b0c0c');
  };
  const none = () => block('P', 'Body', 11, 'None recorded.', 8);

  return {
    kicker: (text: string) => {
      block('P', 'Body', 10, text, 0, '#505a5f');
      doc.moveDown(0.5);
    },
    heading: (text: string, level: 1 | 2 = 2) => block(level === 1 ? 'H1' : 'H2', 'Bold', level === 1 ? 22 : 14, text, 6),
    para: (text: string) => block('P', 'Body', 11, text || 'None recorded.', 8),
    list: (items: string[]) => {
      if (!items.length) return none();
      const list = doc.struct('L');
      root.add(list);
      doc.font('Body').fontSize(11).list(items, { bulletRadius: 2, paragraphGap: 4, structParent: list });
      list.end();
      doc.moveDown(0.5);
    },
    /** a table with column headers (TH scope Column) and one row per item */
    table: (headers: string[], rows: string[][]) => {
      if (!rows.length) return none();
      doc.font('Body').fontSize(10);
      // pdfkit reads structParent and scope; @types/pdfkit does not declare them yet
      const options = {
        structParent: root,
        data: [headers.map((text) => ({ text, type: 'TH' as const, scope: 'Column', font: { src: PDF_FONTS.bold } })), ...rows],
      };
      doc.table(options);
      doc.moveDown(0.5);
    },
    /** a drawing (a chart) tagged as one Figure with its alternative text; `draw` is given the top-left corner and the width */
    figure: (alt: string, height: number, draw: (d: PDFKit.PDFDocument, x: number, y: number, width: number) => void) => {
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const x = doc.page.margins.left;
      const y = doc.y;
      root.add(doc.struct('Figure', { alt }, () => draw(doc, x, y, doc.page.width - doc.page.margins.left - doc.page.margins.right)));
      doc.x = x;
      doc.y = y + height;
      doc.fillColor('#0b0c0c').font('Body').fontSize(11);
      doc.moveDown(0.5);
    },
    /** starts a new page */
    newPage: () => doc.addPage(),
    finish: (): Promise<Buffer> => {
      root.end();
      doc.end();
      return done;
    },
  };
}
