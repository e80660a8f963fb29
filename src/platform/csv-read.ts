/*
 * Reads CSV rows (RFC 4180: quoted cells may hold commas, doubled quotes and
 * line breaks; rows end with LF or CRLF). Rows as wide as the header are
 * matched by one compiled regular expression (about 0.2 s for the national
 * file of 71,000 rows); anything else is read cell by cell, so a row of the
 * wrong width is reported as it is (ready-made fast parsers read by column
 * count and glue a short row onto the next) and an unclosed quote fails
 * instead of swallowing the rest of the file. Each row says the line it
 * starts on, so a row that cannot be used can be named.
 */

export class CsvShapeError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRow {
  cells: string[];
  /** 1-based line of the text the row starts on */
  line: number;
  /** where the row is in the text: [start, end), without its line ending */
  start: number;
  end: number;
}

const CELL = '(?:"([^"]*(?:""[^"]*)*)"|([^,"\\r\\n]*))';
const ONE_CELL = new RegExp(`${CELL}(,|\\r?\\n|$)`, 'y');

function unquote(quoted: string): string {
  return quoted.includes('""') ? quoted.replaceAll('""', '"') : quoted;
}

function newlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** One row, cell by cell, from `pos`: for the header and for rows the fast pattern does not match. */
function rowAt(text: string, pos: number, line: number): { cells: string[]; end: number } {
  const cells: string[] = [];
  for (;;) {
    ONE_CELL.lastIndex = pos;
    const m = ONE_CELL.exec(text);
    if (!m) {
      if (text.charCodeAt(pos) === 34 && text.indexOf('"', pos + 1) < 0) throw new CsvShapeError(line, `a quote opened on line ${line} is not closed`);
      throw new CsvShapeError(line, `line ${line} has a quote inside a cell that is not quoted, or text after a closing quote`);
    }
    cells.push(m[1] === undefined ? m[2]! : unquote(m[1]));
    pos = ONE_CELL.lastIndex;
    if (m[3] !== ',') return { cells, end: pos };
  }
}

/** Where the row starting at `pos` ends: its line feed (or the end of the text), quotes respected. */
function rowEnd(text: string, pos: number): number {
  let quoted = false;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) return i;
  }
  return text.length;
}

/** The `index`-th cell of the row text[start, end), unquoted; null if the row is shorter or unreadable. */
export function cellAt(text: string, start: number, end: number, index: number): string | null {
  let pos = start;
  for (let n = 0; pos <= end; n++) {
    let value: string;
    if (text.charCodeAt(pos) === 34) {
      let close = pos;
      do close = text.indexOf('"', close + 1);
      while (close >= 0 && close < end && text.charCodeAt(close + 1) === 34 && (close += 1));
      if (close < 0 || close >= end) return null;
      value = n === index ? unquote(text.slice(pos + 1, close)) : '';
      pos = close + 1;
    } else {
      const comma = text.indexOf(',', pos);
      const stop = comma < 0 || comma > end ? end : comma;
      value = n === index ? text.slice(pos, stop) : '';
      pos = stop;
    }
    if (n === index) return value;
    if (text.charCodeAt(pos) !== 44 || pos >= end) return null;
    pos++;
  }
  return null;
}

/**
 * Yields each row of `text` (the header first), skipping empty lines. `firstLine` is the line
 * number of the text's first line. `skip(start, end, line)` is asked about each row below the
 * header before it is read: true passes over it unread (a row known to be unchanged).
 */
export function* scanCsv(text: string, firstLine = 1, skip?: (start: number, end: number, line: number) => boolean): Generator<CsvRow> {
  let pos = 0;
  let line = firstLine;
  let wide: RegExp | null = null;
  let width = 0;
  while (pos < text.length) {
    if (skip && wide) {
      const lf = rowEnd(text, pos);
      const stop = lf > pos && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
      if (stop > pos && skip(pos, stop, line)) {
        line += newlines(text, pos, stop) + 1;
        pos = lf + 1;
        continue;
      }
    }
    let cells: string[];
    let end: number;
    const m = wide ? ((wide.lastIndex = pos), wide.exec(text)) : null;
    if (m) {
      cells = new Array<string>(width);
      for (let c = 0; c < width; c++) {
        const quoted = m[2 * c + 1];
        cells[c] = quoted === undefined ? m[2 * c + 2]! : unquote(quoted);
      }
      end = wide!.lastIndex;
    } else {
      ({ cells, end } = rowAt(text, pos, line));
      if (!wide && cells.length > 1) {
        width = cells.length;
        wide = new RegExp(`${CELL}${`,${CELL}`.repeat(width - 1)}(?:\\r?\\n|$)`, 'y');
      }
    }
    let stop = end;
    if (text.charCodeAt(stop - 1) === 10) stop--;
    if (text.charCodeAt(stop - 1) === 13) stop--;
    const start = pos;
    const rowLine = line;
    line += newlines(text, start, stop) + 1;
    pos = end;
    if (cells.length === 1 && cells[0] === '') continue;
    yield { cells, line: rowLine, start, end: stop };
  }
}

/**
 * A 64-bit checksum of text[start, end) (cyrb53's two 32-bit lanes, both kept): tells a changed
 * row from an unchanged one without hashing a string per row. Not for security.
 */
export function checksum(text: string, start: number, end: number, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
