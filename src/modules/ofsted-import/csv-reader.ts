import { initParser, inferSchema } from 'udsv';
import { isHeaderRow, keyJudgements, mapColumns, reportCardAreas, type ColumnMap, type Field } from './columns.js';
import {
  FileRejectedError,
  frameworkFor,
  type FileFormat,
  type ReadResult,
  type Rejection,
  type StagedInspection,
  type StagedProvider,
} from './records.js';
import {
  isEnforcementInadequate,
  isRedacted,
  normaliseProviderType,
  normaliseStatus,
  parseDate,
  parseNumber,
  parseOutcome,
  parseRegisters,
  parseReportCardGrade,
  parseUrn,
  parseYesNo,
  text,
  type Outcome,
  type Parsed,
  type ReportCardGrade,
} from './values.js';

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

export function readCsv(
  content: string,
  encoding: string,
  laCodeFor: (name: string | null | undefined) => string | null,
  onRows?: (done: number, total: number) => void,
): ReadResult {
  const header = findHeader(content);
  const raw = content.slice(header.offset);
  const body = raw.endsWith('\n') ? raw : `${raw}\n`;
  let headerCells: string[];
  let rows: string[][];
  try {
    const schema = inferSchema(body, { col: ',', encl: '"' }, 1);
    headerCells = schema.cols.map((c) => c.name);
    rows = initParser(schema).stringArrs(body) as string[][];
  } catch (error) {
    throw new FileRejectedError(`The CSV file could not be read: ${(error as Error).message}`);
  }
  const map = mapColumns(headerCells);
  if (map.index.urn === undefined) throw new FileRejectedError('The file has no URN column.');
  const format = formatOf(map);
  const result: ReadResult = {
    format,
    encoding,
    asAt: asAtFromTitles(header.titles),
    rowCount: 0,
    providers: [],
    inspections: [],
    notices: [],
    rejections: [],
    skipped: 0,
    unusedColumns: map.unused,
  };
  const firstDataLine = header.line + 2; // 1-based line number of the first data row
  rows.forEach((cells, i) => {
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return;
    result.rowCount++;
    readRow(cells, firstDataLine + i, map, laCodeFor, result);
    if (onRows && i % 5000 === 0) onRows(i, rows.length);
  });
  onRows?.(rows.length, rows.length);
  return result;
}

class RowReader {
  readonly problems: Omit<Rejection, 'rowNumber' | 'urn' | 'laCode'>[] = [];
  constructor(
    private readonly cells: string[],
    private readonly map: ColumnMap,
  ) {}

  raw(field: Field): string | undefined {
    const i = this.map.index[field];
    return i === undefined ? undefined : this.cells[i];
  }

  text(field: Field): string | null {
    return text(this.raw(field));
  }

  parse<T>(field: Field, parser: (v: string | undefined) => Parsed<T>, fallback: T): T {
    const result = parser(this.raw(field));
    if ('value' in result) return result.value;
    this.problems.push({ column: this.map.names[field] ?? field, reason: result.error });
    return fallback;
  }
}

function readRow(
  cells: string[],
  rowNumber: number,
  map: ColumnMap,
  laCodeFor: (name: string | null | undefined) => string | null,
  result: ReadResult,
): void {
  const r = new RowReader(cells, map);
  const urnParsed = parseUrn(r.raw('urn'));
  const urn = 'value' in urnParsed ? urnParsed.value : null;
  const laName = r.text('localAuthority');
  const laCode = laCodeFor(laName);
  const reject = (column: string, reason: string): void => {
    result.rejections.push({ rowNumber, column, reason, urn, laCode });
  };
  if (!urn) return reject(map.names.urn ?? 'URN', 'error' in urnParsed ? urnParsed.error : 'URN is empty');
  if (!laCode) {
    return reject(
      map.names.localAuthority ?? 'Local authority',
      laName ? `“${laName}” is not an English local authority` : 'Local authority is empty',
    );
  }
  const provider: StagedProvider = {
    urn,
    la_code: laCode,
    name: r.text('name'),
    provider_type: normaliseProviderType(r.raw('providerType')),
    provider_subtype: r.text('providerSubtype'),
    status: normaliseStatus(r.raw('status')),
    status_date: null,
    registration_date: r.parse('registrationDate', parseDate, null),
    registers: parseRegisters(r.raw('registerCombination'), { eyr: r.raw('eyrFlag'), ccr: r.raw('ccrFlag'), vcr: r.raw('vcrFlag') }),
    register_combination: r.text('registerCombination'),
    rp_urn: r.text('rpUrn'),
    rp_name: r.text('rpName'),
    address_line1: r.text('address1'),
    address_line2: r.text('address2'),
    address_line3: r.text('address3'),
    town: r.text('town'),
    postcode: r.text('postcode'),
    ward: r.text('ward'),
    constituency: r.text('constituency'),
    places: r.parse('places', parseNumber, null),
    places_estimate: r.parse('placesEstimate', parseNumber, null),
    telephone: r.text('telephone'),
    redacted: isRedacted(r.raw('name')) || isRedacted(r.raw('address1')),
  };
  const inspections: StagedInspection[] = [];
  const add = (kind: StagedInspection['kind'], date: Field, overall: Field, number: Field | null, extra: Partial<StagedInspection> = {}) => {
    const d = r.parse(date, parseDate, null);
    const o = r.parse(overall, parseOutcome, null as Outcome | null);
    if (!d || (!o && !extra.report_card)) return;
    inspections.push({
      urn,
      la_code: laCode,
      kind,
      inspection_date: d,
      inspection_number: number ? r.text(number) : null,
      inspection_type: null,
      framework: kind === 'full' ? frameworkFor(d, Boolean(extra.report_card)) : kind === 'agency' ? 'Childminder agency inspection' : kind === 'ncor' ? 'No children on roll' : 'Childcare Register',
      overall: o,
      enforcement: isEnforcementInadequate(r.raw(overall)),
      key_judgements: null,
      report_card: null,
      safeguarding_effective: null,
      ...extra,
    });
  };
  const judgements: Record<string, Outcome> = {};
  for (const kj of keyJudgements) {
    const v = r.parse(kj.field, parseOutcome, null as Outcome | null);
    if (v) judgements[kj.key] = v;
  }
  const reportCard: Record<string, ReportCardGrade> = {};
  for (const area of reportCardAreas) {
    const v = r.parse(area.field, parseReportCardGrade, null as ReportCardGrade | null);
    if (v) reportCard[area.key] = v;
  }
  const hasReportCard = Object.keys(reportCard).length > 0;
  const safeguarding = hasReportCard
    ? r.parse('rcSafeguarding', parseYesNo, null as boolean | null)
    : r.parse('safeguardingEffective', parseYesNo, null as boolean | null);
  add('full', 'fullDate', 'fullOverall', 'fullNumber', {
    key_judgements: Object.keys(judgements).length ? judgements : null,
    report_card: hasReportCard ? reportCard : null,
    safeguarding_effective: safeguarding,
  });
  add('full', 'secondDate', 'secondOverall', 'secondNumber');
  add('full', 'thirdDate', 'thirdOverall', 'thirdNumber');
  add('ncor', 'ncorDate', 'ncorOverall', 'ncorNumber');
  add('ccr', 'crDate', 'crOverall', 'crNumber');
  add('agency', 'agencyDate', 'agencyOutcome', null);
  if (r.problems.length > 0) {
    for (const p of r.problems) result.rejections.push({ rowNumber, urn, laCode, ...p });
    return;
  }
  result.providers.push(provider);
  result.inspections.push(...inspections);
}
