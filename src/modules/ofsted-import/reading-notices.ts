import type { ReadingReport, RowWarning } from './types.js';

/*
 * The import's notices: what staff are told about how the file was read, beside its counts and
 * rejected rows. Pure, so the import page and the command line say the same thing.
 */

const encodingNames: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte order mark',
  'windows-1252': 'Windows-1252',
};

export function encodingLabel(encoding: string | null | undefined): string {
  if (!encoding) return 'Not recorded';
  return encodingNames[encoding] ?? encoding;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Each notice as a sentence; none when there is nothing to say beyond the encoding. */
export function readingNotices(report: ReadingReport): string[] {
  const notices = [`The file was read as ${encodingLabel(report.encoding)}.`];
  const unused = report.unusedColumns;
  if (unused.length) {
    notices.push(`${plural(unused.length, 'column in the file is', 'columns in the file are')} not used by EY Hub: ${unused.join(', ')}.`);
  }
  const short = report.shortRows ?? 0;
  if (short) {
    const first = report.firstShortRow ? ` (the first on line ${report.firstShortRow})` : '';
    notices.push(`${plural(short, 'row has', 'rows have')} fewer cells than the header${first}: the missing cells at the end of ${short === 1 ? 'it were' : 'each were'} read as empty.`);
  }
  const warnings = report.warnings ?? [];
  if (warnings.length) {
    notices.push(`${plural(warnings.length, 'row has', 'rows have')} register flags that contradict the register combination: the registers were taken from the combination.`);
  }
  return notices;
}

/** The rows' warnings as lines, for the command line and a download. */
export function warningLines(warnings: readonly RowWarning[]): string[] {
  return warnings.map((w) => `Row ${w.rowNumber}: ${w.message}`);
}

