import { isHeaderRow, mapColumns, type ColumnMap } from './columns.js';
import { scanCsv } from '../../platform/csv-read.js';
import { FileRejectedError, type FileFormat } from './records.js';

const MAX_TITLE_ROWS = 10;

/** Finds the header: Ofsted puts 0-3 title rows above it. Returns its line index and character offset. */
function findHeader(textContent: string): { line: number; offset: number; titles: string[] } {
  let offset = 0;
  const titles: string[] = [];
  for (let line = 0; line < MAX_TITLE_ROWS && offset < textContent.length; line++) {
    const end = textContent.indexOf('\n', offset);
    const raw = textContent.slice(offset, end < 0 ? undefined : end).replace(/\r$/, '');
    const cells = raw.split(',').map((c) => c.replace(/^"|"$/g, ''));
    if (isHeaderRow(cells)) return { line, offset, titles };
    titles.push(raw);
    if (end < 0) break;
    offset = end + 1;
  }
  throw new FileRejectedError(
    'The file has no recognisable header: none of its first 10 rows has a “Provider URN” or “URN” column. Check it is an Ofsted provider or childminder CSV file.',
  );
}

/** "as at 31 August 2021" in a title row. */
function asAtFromTitles(titles: string[]): string | null {
  const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  for (const t of titles) {
    const m = /(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/.exec(t);
    const month = m ? months.indexOf(m[2]!.toLowerCase()) : -1;
    if (m && month >= 0) return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  return null;
}

function formatOf(map: ColumnMap): FileFormat {
  if (map.index.agencyOutcome !== undefined || (map.names.urn ?? '').toLowerCase().startsWith('ca')) return 'ofsted-agencies-csv';
  if (map.index.fullOverall !== undefined || map.index.rpName !== undefined) return 'ofsted-provider-csv';
  return 'ofsted-childminders-csv';
}

/** What the SQL staging needs to load a CSV: the text from its header down, and where each field is. */
export interface CsvPlan {
  format: FileFormat;
  encoding: string;
  asAt: string | null;
  /** 0-based line of the header in the file */
  headerLine: number;
  header: string[];
  map: ColumnMap;
  /** the header row and every row below it, as in the file */
  body: string;
  unusedColumns: string[];
}

/** Finds the header and maps the columns; the rows themselves are read by csv-batches.ts. */
export function planCsv(content: string, encoding: string): CsvPlan {
  const header = findHeader(content);
  const body = content.slice(header.offset);
  // The header is read by the same scanner as the rows, so its cells and theirs line up.
  let headerCells: string[];
  try {
    headerCells = scanCsv(body).next().value?.cells ?? [];
  } catch (error) {
    throw new FileRejectedError(`The CSV file could not be read: ${(error as Error).message}`);
  }
  const map = mapColumns(headerCells);
  if (map.index.urn === undefined) throw new FileRejectedError('The file has no URN column.');
  return {
    format: formatOf(map),
    encoding,
    asAt: asAtFromTitles(header.titles),
    headerLine: header.line,
    header: headerCells,
    map,
    body,
    unusedColumns: map.unused,
  };
}
