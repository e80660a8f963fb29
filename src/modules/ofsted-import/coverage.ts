import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/*
 * A file with far fewer rows for a local authority than the register holds (issue 16.8): a cut-down
 * export, one page of a spreadsheet, the wrong local authority's file. EY Hub never marks providers
 * as gone because a file leaves them out (a provider ends only when Ofsted says it resigned or was
 * cancelled); it says so, so that staff check the file.
 */

/** Below this share of the providers held, a file's rows for a local authority are a warning (80 %; each LA's import_coverage_percent). */
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

/** Thrown before anything is applied: an LA's rows are short and nobody has confirmed the file (issue 16.8). */
export class ShortFileError extends Error {
  constructor(readonly warnings: string[]) {
    super(
      `Not imported: ${warnings.join(' ')} ` +
        'Import it anyway only if it is the whole file: choose “Import anyway” on the import page, or on the command line add --confirm-short.',
    );
  }
}

/** The file's rows for each local authority in it against what the register held (s_la_rows, s_held), at each LA's threshold. */
export async function shortCoverage(tx: Kysely<DB>): Promise<string[]> {
  const result = await sql<{ name: string; percent: number; rows: number; held: number }>`
    select l.name, l.import_coverage_percent as percent, r.n as rows, coalesce(h.c, 0) as held
    from (select la_code, sum(providers)::int as n from s_la_rows group by la_code) r
    join local_authorities l on l.la_code = r.la_code
    left join s_held h on h.la_code = r.la_code
    order by l.name`.execute(tx);
  return result.rows
    .map((r) => coverageWarning({ laName: r.name, rows: Number(r.rows), held: Number(r.held) }, Number(r.percent) / 100))
    .filter((w): w is string => w !== null);
}

/** The provider types a kind of file lists (null: every type). */
export function kindsListed(format: string): string[] | null {
  if (format === 'ofsted-childminders-csv') return ['Childminder', 'Childminder agency', 'Childminder without domestic premises'];
  if (format === 'ofsted-agencies-csv') return ['Childminder agency'];
  return null;
}
