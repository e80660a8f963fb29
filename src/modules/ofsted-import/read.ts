import { readCsv } from './csv-reader.js';
import { decodeBytes } from './decode.js';
import { laNameLookup } from './local-authority-names.js';
import { FileRejectedError, type ReadResult } from './records.js';
import type { LocalAuthorityRow, ProgressFn } from './types.js';
import { readXml } from './xml-reader.js';

/** "..._2021-08-31_..." in a file name is the date the file describes. */
export function asAtFromFileName(fileName: string): string | null {
  const m = /(20\d{2})-(\d{2})-(\d{2})/.exec(fileName);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * Reads any of Ofsted's files without being told which: the LA XML extract,
 * the provider-level CSV (any year's columns), the childminders CSV or the
 * childminder agencies CSV. A file that is not one of them is rejected whole.
 */
export function readOfstedFile(
  bytes: Uint8Array,
  fileName: string,
  localAuthorities: readonly LocalAuthorityRow[],
  onProgress?: ProgressFn,
): ReadResult {
  if (bytes.length === 0) throw new FileRejectedError('The file is empty.');
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new FileRejectedError('The file is not a CSV or XML file (it contains binary data). Save it as CSV and try again.');
  }
  const { text, encoding } = decodeBytes(bytes);
  const start = text.replace(/^\ufeff/, '').trimStart();
  const result = start.startsWith('<')
    ? readXml(start, encoding, (code) => localAuthorities.some((la) => la.la_code === code))
    : readCsv(text.replace(/^\ufeff/, ''), encoding, laNameLookup(localAuthorities), (done, total) =>
        onProgress?.({ phase: 'parsing', done, total }),
      );
  result.asAt ??= asAtFromFileName(fileName);
  return result;
}
