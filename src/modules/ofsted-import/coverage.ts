/*
 * A file with far fewer rows for a local authority than the register holds (issue 16.8): a cut-down
 * export, one page of a spreadsheet, the wrong local authority's file. EY Hub never marks providers
 * as gone because a file leaves them out (a provider ends only when Ofsted says it resigned or was
 * cancelled); it says so, so that staff check the file.
 */

/** Below this share of the providers held, a file's rows for a local authority are a warning (80 %). */
export const COVERAGE_THRESHOLD = 0.8;

export interface Coverage {
  laName: string;
  /** the file's rows for the local authority */
  rows: number;
  /** providers of the kinds the file lists that the register held before it */
  held: number;
}

export function coverageWarning(c: Coverage, threshold = COVERAGE_THRESHOLD): string | null {
  if (c.held === 0 || c.rows >= c.held * threshold) return null;
  const percent = Math.round((100 * c.rows) / c.held);
  return (
    `The file has ${c.rows.toLocaleString('en-GB')} rows for ${c.laName}, but EY Hub holds ${c.held.toLocaleString('en-GB')} providers of these kinds there (${percent} %). ` +
    `Check it is the whole file. No provider is marked as gone because a file leaves it out.`
  );
}

/** The provider types a kind of file lists (null: every type). */
export function kindsListed(format: string): string[] | null {
  if (format === 'ofsted-childminders-csv') return ['Childminder', 'Childminder agency', 'Childminder without domestic premises'];
  if (format === 'ofsted-agencies-csv') return ['Childminder agency'];
  return null;
}
