import type { ColumnMap } from './columns.js';
import { CsvRowReader } from './csv-rows.js';
import { cellAt, checksum, CsvShapeError, scanCsv } from '../../platform/csv-read.js';
import { FileRejectedError, type Rejection } from './records.js';
import { inspectionLine, providerLine, rejectionLine, type LineContext } from './copy-lines.js';
import type { LocalAuthorityRow, RowsReport } from './types.js';
import { localAuthorityKey } from './values.js';

/*
 * Turns an Ofsted CSV into batches of COPY text, one per table, without the
 * database (so it can run in a worker thread while the database loads the
 * batch before):
 * - a row identical to the one that last set its provider (same header, same
 *   cells: same checksum) is set aside unread;
 * - a provider new to EY Hub goes to `providers` and `inspections` directly
 *   (nothing to compare);
 * - a provider we know goes to s_providers / s_inspections, to be compared;
 * - a row that cannot be used goes to s_rejections, naming row, column, reason.
 */

export interface CsvInput {
  body: string;
  /** line of the file the body starts on (the header) */
  firstLine: number;
  header: string[];
  map: ColumnMap;
  las: LocalAuthorityRow[];
  /** "urn hash date la urn hash date la …" for every provider held (see knownProviders) */
  known: string;
  laCode: string | null;
  ctx: LineContext;
}

export const batchTables = ['providers', 'inspections', 's_providers', 's_inspections', 's_unchanged', 's_rejections'] as const;
export type BatchTable = (typeof batchTables)[number];
export type CsvBatch = { [T in BatchTable]: Uint8Array } & { position: number };
export interface CsvDone {
  rows: number;
  skipped: number;
  perLa: [string, number][];
  /** short rows and rows' warnings (always set by csvBatches) */
  reading?: RowsReport;
}

const BATCH = 5_000;
const FIRST_BATCH = 1_000;

/** Every spelling of every local authority → its code (the lowest code wins a clash). */
function localAuthorityKeys(las: readonly LocalAuthorityRow[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const la of [...las].sort((a, b) => a.la_code.localeCompare(b.la_code))) {
    for (const name of [la.name, la.la_code, ...la.ofsted_names]) {
      const key = localAuthorityKey(name);
      if (!keys.has(key)) keys.set(key, la.la_code);
    }
  }
  return keys;
}

interface Held {
  hash: string | null;
  date: string | null;
  la: string;
}

function knownMap(known: string): Map<string, Held> {
  const parts = known.split(' ');
  const map = new Map<string, Held>();
  for (let i = 0; i + 3 < parts.length; i += 4) {
    map.set(parts[i]!, { hash: parts[i + 1] === '-' ? null : parts[i + 1]!, date: parts[i + 2] === '-' ? null : parts[i + 2]!, la: parts[i + 3]! });
  }
  return map;
}

/** COPY text for one table, as UTF-8 bytes (lines are gathered into short strings, then written). */
class ByteLines {
  private bytes = Buffer.from(new ArrayBuffer(1 << 16));
  private length = 0;
  private pending = '';

  push(line: string): void {
    this.pending += line + '\n';
    if (this.pending.length > 1 << 16) this.write();
  }

  private write(): void {
    const room = this.length + this.pending.length * 3;
    if (room > this.bytes.length) {
      const bigger = Buffer.from(new ArrayBuffer(Math.max(room, this.bytes.length * 2)));
      this.bytes.copy(bigger, 0, 0, this.length);
      this.bytes = bigger;
    }
    this.length += this.bytes.write(this.pending, this.length, 'utf8');
    this.pending = '';
  }

  /** The lines so far, in a buffer of their own (it can be handed to another thread); starts again. */
  take(): Uint8Array {
    if (this.pending) this.write();
    const out = new Uint8Array(this.bytes.buffer, 0, this.length);
    this.bytes = Buffer.from(new ArrayBuffer(Math.max(1 << 16, Math.ceil(this.length * 1.2))));
    this.length = 0;
    return out;
  }
}

class Lines {
  readonly tables = Object.fromEntries(batchTables.map((t) => [t, new ByteLines()])) as Record<BatchTable, ByteLines>;
  take(position: number): CsvBatch {
    const batch = { position } as CsvBatch;
    for (const t of batchTables) batch[t] = this.tables[t].take();
    return batch;
  }
}

export function* csvBatches(input: CsvInput): Generator<CsvBatch, CsvDone> {
  const { body, laCode, ctx } = input;
  const known = knownMap(input.known);
  const reader = new CsvRowReader(input.map, localAuthorityKeys(input.las));
  // A row's checksum covers the header too: the same cells under other columns are another row.
  const headerKey = input.header.join('\u0001');
  const headerSeed = Number.parseInt(checksum(headerKey, 0, headerKey.length).slice(0, 8), 16);
  const urnColumn = input.map.names.urn ?? 'URN';
  const firstRow = new Map<string, number>();
  const perLa = new Map<string, number>();
  const out = new Lines();
  const t = out.tables;
  let size = 0;
  let firstBatch = true;
  let rows = 0;
  let skipped = 0;
  let width = -1;
  const reading: RowsReport = { shortRows: 0, firstShortRow: null, warnings: [] };
  const short = (line: number) => {
    reading.shortRows++;
    reading.firstShortRow ??= line;
  };
  const reject = (r: Rejection) => t.s_rejections.push(rejectionLine(r));
  const unchanged = (urn: string, held: Held, line: number) => {
    rows++;
    firstRow.set(urn, line);
    perLa.set(held.la, (perLa.get(held.la) ?? 0) + 1);
    if (held.date !== null && held.date < ctx.asAt) t.s_unchanged.push(`${urn}\t${held.la}`);
  };
  // An unchanged row is found by its URN cell and checksum alone, before its cells are read.
  const urnIndex = input.map.index.urn ?? 0;
  const skipUnchanged = (start: number, end: number, line: number): boolean => {
    const urn = cellAt(body, start, end, urnIndex)?.trim().toUpperCase();
    const held = urn ? known.get(urn) : undefined;
    if (!urn || !held?.hash || firstRow.has(urn) || (laCode && held.la !== laCode)) return false;
    if (checksum(body, start, end, headerSeed) !== held.hash) return false;
    unchanged(urn, held, line);
    // a short row is counted even when it is not read again (its last cell is not there)
    if (cellAt(body, start, end, width - 1) === null) short(line);
    return true;
  };
  try {
    for (const { cells, line, start, end } of scanCsv(body, input.firstLine, known.size ? skipUnchanged : undefined)) {
      if (width < 0) {
        width = cells.length;
        continue;
      }
      // Ofsted's files leave trailing empty cells out of some rows: read them as empty, and say so
      if (cells.length < width) {
        short(line);
        while (cells.length < width) cells.push('');
      } else if (cells.length > width) {
        throw new FileRejectedError(
          `The file could not be read at line ${line}: the row has ${cells.length} cells but the header has ${width}. Check the file is exactly as Ofsted published it.`,
        );
      }
      rows++;
      const key = reader.key(cells, line);
      if (!key.ok) {
        // An upload by an LA's staff: another LA's row is not its business; a row of no LA stays of no LA (16.7)
        if (laCode && key.rejection.laCode !== null && key.rejection.laCode !== laCode) skipped++;
        else reject(key.rejection);
        continue;
      }
      const { urn, laCode: rowLa } = key;
      if (laCode && rowLa !== laCode) {
        skipped++;
        continue;
      }
      const first = firstRow.get(urn);
      if (first !== undefined) {
        reject({ rowNumber: line, column: urnColumn, reason: `URN ${urn} appears more than once in the file (first on row ${first})`, urn, laCode: rowLa });
        continue;
      }
      const rowHash = checksum(body, start, end, headerSeed);
      const held = known.get(urn);
      if (held?.hash === rowHash && held.la === rowLa) {
        unchanged(urn, held, line);
        continue;
      }
      const typed = reader.read(cells, line, urn, rowLa);
      if (!typed.ok) {
        for (const r of typed.rejections) reject(r);
        continue;
      }
      for (const w of typed.warnings) reading.warnings.push(w);
      const [providers, inspections] = held ? [t.s_providers, t.s_inspections] : [t.providers, t.inspections];
      providers.push(providerLine(typed.provider, rowHash, ctx));
      for (const i of typed.inspections) inspections.push(inspectionLine(i, ctx));
      firstRow.set(urn, line);
      perLa.set(rowLa, (perLa.get(rowLa) ?? 0) + 1);
      // the first batch is small, so the database starts loading while the rest is read
      if (++size >= (firstBatch ? FIRST_BATCH : BATCH)) {
        size = 0;
        firstBatch = false;
        yield out.take(end);
      }
    }
  } catch (error) {
    if (error instanceof CsvShapeError) throw new FileRejectedError(`The file could not be read: ${error.message}. Check the file is exactly as Ofsted published it.`);
    throw error;
  }
  yield out.take(body.length);
  return { rows, skipped, perLa: [...perLa], reading };
}
