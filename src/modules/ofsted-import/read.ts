import { planCsv, type CsvPlan } from './csv-reader.js';
import { decodeBytes } from './decode.js';
import { FileRejectedError, type ReadResult } from './records.js';
import type { LocalAuthorityRow, ReadingReport, RowsReport } from './types.js';
import { readXml } from './xml-reader.js';

/** "..._2021-08-31_..." in a file name is the date the file describes. */
export function asAtFromFileName(fileName: string): string | null {
  const m = /(20\d{2})-(\d{2})-(\d{2})/.exec(fileName);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export type PreparedFile = { kind: 'csv'; plan: CsvPlan } | { kind: 'records'; read: ReadResult };

/**
 * Prepares any of Ofsted's files without being told which: the LA XML extract
 * is read here; a CSV (the provider-level data in any year's columns, the
 * childminders list or the childminder agencies list) has its header found
 * and columns mapped, and its rows are read later (csv-batches.ts). A file that is
 * none of them is rejected whole.
 */
export function prepareOfstedFile(bytes: Uint8Array, fileName: string, localAuthorities: readonly LocalAuthorityRow[]): PreparedFile {
  if (bytes.length === 0) throw new FileRejectedError('The file is empty.');
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new FileRejectedError('The file is not a CSV or XML file (it contains binary data). Save it as CSV and try again.');
  }
  const { text, encoding } = decodeBytes(bytes);
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('<')) {
    const read = readXml(start, encoding, (code) => localAuthorities.some((la) => la.la_code === code));
    read.asAt ??= asAtFromFileName(fileName);
    return { kind: 'records', read };
  }
  const plan = planCsv(text.replace(/^\ufeff/, ''), encoding);
  plan.asAt ??= asAtFromFileName(fileName);
  return { kind: 'csv', plan };
}

/**
 * What the import says about how the file was read (see reading-notices.ts): the encoding and the
 * unused columns from the file, the short rows and rows' warnings from reading its rows (csv-batches.ts).
 */
export function readingReportOf(prepared: PreparedFile, rows?: RowsReport): ReadingReport {
  const described = prepared.kind === 'csv' ? prepared.plan : prepared.read;
  return { encoding: described.encoding, unusedColumns: described.unusedColumns, ...rows };
}

/** The encoding and unused columns of a file, before it is imported (the command line prints them); null if it cannot be read. */
export function describeOfstedFile(bytes: Uint8Array): ReadingReport | null {
  try {
    const { text, encoding } = decodeBytes(bytes);
    const body = text.replace(/^\ufeff/, '');
    if (body.trimStart().startsWith('<')) return { encoding, unusedColumns: [] };
    return { encoding, unusedColumns: planCsv(body, encoding).unusedColumns };
  } catch (error) {
    if (error instanceof FileRejectedError) return null;
    throw error;
  }
}
