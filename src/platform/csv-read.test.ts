import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAt, checksum, CsvShapeError, scanCsv } from './csv-read.js';

const rows = (text: string) => [...scanCsv(text)].map((r) => [r.line, r.cells]);

describe('reading CSV rows', () => {
  it('reads quoted commas, doubled quotes and line breaks, and says which line each row starts on', () => {
    expect(rows('a,b,c\r\n"1,5","say ""hi""",3\r\n"two\r\nlines",,\r\n\r\nx,y,z')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1,5', 'say "hi"', '3']],
      [3, ['two\r\nlines', '', '']],
      [6, ['x', 'y', 'z']],
    ]);
  });

  it('gives a short or long row as it is, never glued to the next', () => {
    expect(rows('a,b,c\n1,2\n3,4,5,6\n"7",8,9\n')).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '2']],
      [3, ['3', '4', '5', '6']],
      [4, ['7', '8', '9']],
    ]);
  });

  it('refuses an unclosed quote or text after a closing quote, naming the line', () => {
    expect(() => rows('a,b\n1,"2\n3,4\n')).toThrow(new CsvShapeError(2, 'a quote opened on line 2 is not closed'));
    expect(() => rows('a,b\n"1"x,2\n')).toThrow('line 2 has a quote inside a cell that is not quoted, or text after a closing quote');
  });

  it('gives each row a checksum that changes with any character of the row and with the seed (the header)', () => {
    const text = 'x,"Little Acorns",Kent\nx,"Little Acorns",Kent\nx,"Little Acorns ",Kent\n';
    const [a, b, c] = [...scanCsv(text)].map((r) => checksum(text, r.start, r.end, 7));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(checksum(text, 0, 20, 8)).not.toBe(a);
  });

  it('finds one cell of a row without reading the rest, and can pass over rows unread', () => {
    const text = '"Web link","EY100001","say ""hi"", ok",,x\nlink,EY100002,plain,,y\n';
    const end = text.indexOf('\n');
    expect(cellAt(text, 0, end, 1)).toBe('EY100001');
    expect(cellAt(text, 0, end, 2)).toBe('say "hi", ok');
    expect(cellAt(text, 0, end, 3)).toBe('');
    expect(cellAt(text, 0, end, 4)).toBe('x');
    expect(cellAt(text, 0, end, 9)).toBeNull();
    expect(cellAt(text, end + 1, text.length - 1, 2)).toBe('plain');
    const header = 'a,b\n';
    const csv = header + '"1\n2",x\n3,y\n4,z\n';
    const rows = [...scanCsv(csv, 1, (start, stop) => cellAt(csv, start, stop, 0) === '3')];
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1\n2', 'x']],
      [5, ['4', 'z']],
    ]);
  });

  it('reads any well-formed CSV exactly as csv-parse does', () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', ',', '\n', '\r\n', '""', ' '));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (table) => {
        const csv = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
        expect([...scanCsv(csv)].map((r) => r.cells)).toEqual(parse(csv));
      }),
    );
  });
});
