import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfDocument } from './pdf.js';

/** The PDF's objects by number, with their dictionaries as text (pdfkit writes them uncompressed). */
function objects(pdf: Buffer): Map<number, string> {
  const text = pdf.toString('latin1');
  const map = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) map.set(Number(m[1]), m[2]!);
  return map;
}

interface Node {
  type: string;
  kids: Node[];
  markedContent: number;
}

/** Reads the structure tree from /StructTreeRoot down, as a screen reader's PDF library would. */
function structureTree(pdf: Buffer): Node {
  const objs = objects(pdf);
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o))!;
  const rootRef = /\/StructTreeRoot (\d+) 0 R/.exec(catalog)?.[1];
  expect(rootRef, 'the catalogue points at a structure tree').toBeDefined();
  const dict = (n: number) => objs.get(n)!.split('stream')[0]!;
  const kidsOf = (d: string): string => /\/K\s*(\[[^\]]*\]|\d+ 0 R|\d+)/.exec(d)?.[1] ?? '';
  const read = (n: number): Node => {
    const d = dict(n);
    const type = /\/S \/(\w+)/.exec(d)?.[1] ?? (/\/Type \/StructTreeRoot/.test(d) ? 'StructTreeRoot' : '?');
    const k = kidsOf(d);
    const kids = [...k.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])).filter((ref) => /\/S \/\w+/.test(dict(ref))).map(read);
    const markedContent = [...k.replace(/\d+ 0 R/g, '').matchAll(/\d+/g)].length + [...k.matchAll(/\/MCID/g)].length;
    return { type, kids, markedContent };
  };
  return read(Number(rootRef));
}

const outline = (node: Node): string[] => [node.type, ...node.kids.flatMap((k) => outline(k).map((s) => `  ${s}`))];

describe('tagged PDFs (src/platform/pdf.ts)', () => {
  async function sample(): Promise<Buffer> {
    const pdf = pdfDocument({ title: 'Note of visit: Acorns', author: 'Kent County Council', subject: 'Note of visit' });
    pdf.kicker('Kent County Council · Early Years and Childcare');
    pdf.heading('Note of visit', 1);
    pdf.para('Acorns (URN EY123456)');
    pdf.heading('What is working well?');
    pdf.list(['Warm welcome', 'Key person system — “settling in” is planned']);
    pdf.heading('Section scores');
    pdf.table(['Section', 'Score'], [['Space and furnishings', '5'], ['Interactions', '6']]);
    for (let i = 0; i < 60; i++) pdf.para(`Paragraph ${i + 1} fills the page so that the text runs on to a second page.`);
    return pdf.finish();
  }

  it('has a structure tree a screen reader can follow: headings, paragraphs, lists and a table, each with its content', async () => {
    const tree = structureTree(await sample());
    expect(tree.type).toBe('StructTreeRoot');
    const document = tree.kids[0]!;
    expect(document.type).toBe('Document');
    expect(document.kids.slice(0, 6).map((k) => k.type)).toEqual(['P', 'H1', 'P', 'H2', 'L', 'H2']);
    const list = document.kids[4]!;
    expect(list.kids.map((k) => k.type)).toEqual(['LI', 'LI']);
    expect(list.kids[0]!.kids.map((k) => k.type)).toEqual(['Lbl', 'LBody']);
    const table = document.kids.find((k) => k.type === 'Table')!;
    expect(table.kids.map((r) => r.kids.map((c) => c.type).join(' '))).toEqual(['TH TH', 'TD TD', 'TD TD']);
    // every heading and paragraph points at the text it tags
    for (const k of document.kids.filter((x) => x.type === 'H1' || x.type === 'P')) expect(k.markedContent, outline(k).join('\n')).toBeGreaterThan(0);
    expect(document.kids.filter((k) => k.type === 'P').length).toBeGreaterThan(60);
  });

  it('embeds its fonts (TrueType font files, not the unembedded standard 14) and says it is tagged, in English, with its title shown', async () => {
    const pdf = await sample();
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).toContain('LiberationSans');
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(text).toMatch(/<<\s*\/Marked true\s*>>/);
    expect(text).toMatch(/\/Lang \(en-GB\)/);
    expect(text).toMatch(/\/DisplayDocTitle true/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+LiberationSans-Bold/);
    // the text really is in the page content, in the embedded font
    const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    expect(streams.some((s) => /\/H1 <<\s*\/MCID \d+/.test(s) && /BDC/.test(s))).toBe(true);
  });
});
