import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { londonDate } from '../../platform/dates.js';
import { appendAuthAudit } from '../audit-log/index.js';
import { publishFromJob } from '../../platform/events.js';
import { applyStaged, createHeld, type Applied } from './apply.js';
import { fieldModes } from './fields.js';
import { coverageWarning, kindsListed, ShortFileError, shortCoverage } from './coverage.js';
import type { Field } from './columns.js';
import type { RowOf } from './moves.js';
import { stageRecords } from './staging.js';
import { stageCsv, warmCsvWorker, WORKER_THRESHOLD } from './csv-stage.js';
import { prepareOfstedFile, readingReportOf, type PreparedFile } from './read.js';
import { readingNotices, warningLines } from './reading-notices.js';
import { FileRejectedError, type ReadResult } from './records.js';
import type { ImportProgress, LocalAuthorityRow, ProgressFn, RowsReport, RowWarning } from './types.js';

/** The national provider file is about 25 MB. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export interface ImportRequest {
  bytes: Uint8Array;
  fileName: string;
  /** only this local authority's rows (an upload by its staff); null imports every local authority in the file */
  laCode: string | null;
  startedBy: { id: string; email: string } | null;
  /** overrides the date the file describes (otherwise from the file or its name, else today) */
  asAt?: string;
  ip?: string | null;
  onProgress?: ProgressFn;
  /** told the import's id as soon as it is recorded (the browser is sent to its progress page) */
  onStarted?: (importId: string) => void;
  beforeApply?: () => Promise<void> | void;
  onStep?: (step: string, ms: number) => void;
  /** read the CSV in a worker thread whatever its size (tests) */
  csvWorker?: boolean;
  /**
   * Refuse the file, changing nothing, when a local authority's rows in it are under its share of the
   * providers EY Hub holds (issue 16.8): the upload page and the command line ask first, then import
   * with this false once the user confirms ("Import anyway", --confirm-short).
   */
  askBeforeShort?: boolean;
}

export interface ImportSummary {
  importId: string;
  /** how the file was read (encoding, columns not used, short rows, contradicting flags) */
  notices?: string[];
  status: 'succeeded' | 'failed' | 'rejected';
  error: string | null;
  format: string | null;
  asAt: string | null;
  rows: number;
  rejected: number;
  skipped: number;
  newCount: number;
  changedCount: number;
  unchangedCount: number;
  changes: number;
  /** rows not applied because EY Hub holds newer data for their providers ("skipped: older than what EY Hub holds") */
  olderCount: number;
  /** providers that moved to another local authority (national data only) */
  movedCount: number;
  /** a local authority's rows far fewer than the register holds (coverage.ts); nothing is marked gone because of it */
  warnings: string[];
  /** refused because a local authority's rows are short (askBeforeShort): import again with it false to go on */
  needsConfirmation?: boolean;
  durationMs: number;
}

/** The CSV line each URN is first on: one pass over the file, a cell at a time, until every URN is found. */
function csvRowOf(body: string, firstLine: number): RowOf {
  return (urns) => {
    const wanted = new Set(urns.map((u) => u.toUpperCase()));
    const found = new Map<string, number>();
    const lines = body.split('\n');
    const cell = /(?:^|,)"?([^",\r]*)"?(?=,|\r?$)/g;
    for (let n = 1; n < lines.length && found.size < wanted.size; n++) {
      for (const [, value] of lines[n]!.matchAll(cell)) {
        const key = value!.toUpperCase();
        if (wanted.has(key) && !found.has(key)) found.set(key, firstLine + n);
      }
    }
    return new Map(urns.flatMap((u) => (found.has(u.toUpperCase()) ? [[u, found.get(u.toUpperCase())!] as const] : [])));
  };
}

function restrictTo(read: ReadResult, laCode: string): number {
  const before = read.providers.length;
  read.providers = read.providers.filter((p) => p.la_code === laCode);
  read.inspections = read.inspections.filter((i) => i.la_code === laCode);
  read.notices = read.notices.filter((n) => n.la_code === laCode);
  read.rejections = read.rejections.filter((r) => r.laCode === laCode);
  return before - read.providers.length;
}

/** The rows' warnings kept with an import for its page (the count says how many there were in all). */
const MAX_WARNINGS_KEPT = 100;

/** Each LA's rows' warnings, with its counts for the import (the first MAX_WARNINGS_KEPT of each, and how many). */
async function keepWarningsByLa(tx: Kysely<DB>, importId: string, warnings: readonly RowWarning[]): Promise<void> {
  const byLa = new Map<string, RowWarning[]>();
  for (const w of warnings) if (w.laCode) byLa.set(w.laCode, [...(byLa.get(w.laCode) ?? []), w]);
  for (const [laCode, list] of byLa) {
    await tx
      .updateTable('import_la_counts')
      .set({ warnings: warningLines(list.slice(0, MAX_WARNINGS_KEPT)), warning_count: list.length })
      .where('import_id', '=', importId)
      .where('la_code', '=', laCode)
      .execute();
  }
}

/** Imports one Ofsted file in one transaction; records the attempt, its counts and its rejected rows. */
export async function runImport(db: Kysely<DB>, clock: Clock, request: ImportRequest): Promise<ImportSummary> {
  const started = performance.now();
  if (request.bytes.length > WORKER_THRESHOLD) warmCsvWorker();
  const progress = (p: ImportProgress) => request.onProgress?.(p);
  const sha256 = createHash('sha256').update(request.bytes).digest('hex');
  const row = await db
    .insertInto('imports')
    .values({
      la_code: request.laCode,
      file_name: request.fileName,
      sha256,
      status: 'running',
      started_by: request.startedBy?.id ?? null,
      started_by_email: request.startedBy?.email ?? null,
      started_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const importId = row.id;
  request.onStarted?.(importId);
  /** how the file was read, once it could be (kept with the import for its page) */
  let reading: { encoding: string; notices: string[]; warnings: string[]; warningCount: number } | null = null;
  const finish = async (summary: Omit<ImportSummary, 'importId' | 'durationMs'>): Promise<ImportSummary> => {
    const durationMs = Math.round(performance.now() - started);
    await db
      .updateTable('imports')
      .set({
        ...(reading ? { encoding: reading.encoding, notices: reading.notices, warnings: reading.warnings, warning_count: reading.warningCount } : {}),
        status: summary.status,
        error: summary.error,
        format: summary.format,
        as_at: summary.asAt,
        row_count: summary.rows,
        rejected_count: summary.rejected,
        skipped_count: summary.skipped,
        finished_at: clock.now(),
        duration_ms: durationMs,
      })
      .where('id', '=', importId)
      .execute();
    await appendAuthAudit(
      db,
      { laCode: request.laCode, userId: request.startedBy?.id ?? null, email: request.startedBy?.email ?? null, ip: request.ip ?? null },
      { action: `import.${summary.status}`, recordType: 'import', recordId: importId, details: { file: request.fileName, sha256, changes: summary.changes } },
    );
    progress({ phase: summary.status === 'succeeded' ? 'done' : 'failed', done: 1, total: 1 });
    return { importId, durationMs, ...summary, notices: reading?.notices ?? [] };
  };
  const empty = { format: null, asAt: null, rows: 0, rejected: 0, skipped: 0, newCount: 0, changedCount: 0, unchangedCount: 0, changes: 0, olderCount: 0, movedCount: 0, warnings: [] as string[] };

  let prepared: PreparedFile;
  let las: LocalAuthorityRow[];
  try {
    progress({ phase: 'parsing', done: 0, total: 1 });
    las = await db.selectFrom('local_authorities').select(['la_code', 'name', 'ofsted_names']).execute();
    const readStarted = performance.now();
    prepared = prepareOfstedFile(request.bytes, request.fileName, las);
    request.onStep?.('read file', Math.round(performance.now() - readStarted));
  } catch (error) {
    if (error instanceof FileRejectedError) return finish({ ...empty, status: 'rejected', error: error.message });
    throw error;
  }
  const described = prepared.kind === 'csv' ? prepared.plan : prepared.read;
  const asAt = request.asAt ?? described.asAt ?? londonDate(clock.now());
  const base = { ...empty, format: described.format, asAt };

  const ctx = { importId, asAt };
  const fields = fieldModes(described.format, prepared.kind === 'csv' ? (Object.keys(prepared.plan.map.index) as Field[]) : null);
  let counts: { rows: number; rejected: number; skipped: number; applied: Applied };
  try {
    counts = await db.transaction().execute(async (tx) => {
      const stageStarted = performance.now();
      let rows: number;
      let skipped: number;
      let rowsReport: RowsReport | undefined;
      if (prepared.kind === 'csv') {
        progress({ phase: 'saving', done: 0, total: 2 });
        ({ rows, skipped, reading: rowsReport } = await stageCsv(tx, prepared.plan, {
          laCode: request.laCode,
          las,
          ctx,
          onProgress: (done, total) => progress({ phase: 'saving', done, total: total * 2 }),
          ...(request.csvWorker ? { worker: true } : {}),
          ...(request.onStep ? { onStep: request.onStep } : {}),
        }));
      } else {
        const read = prepared.read;
        skipped = read.skipped + (request.laCode ? restrictTo(read, request.laCode) : 0);
        rows = read.rowCount;
        await stageRecords(tx, read, ctx, (done, total) => progress({ phase: 'saving', done, total: total * 2 }));
      }
      request.onStep?.('stage file', Math.round(performance.now() - stageStarted));
      await createHeld(tx, kindsListed(described.format));
      if (request.askBeforeShort) {
        const short = await shortCoverage(tx);
        if (short.length) throw new ShortFileError(short);
      }
      const report = readingReportOf(prepared, rowsReport);
      const warnings = report.warnings ?? [];
      reading = { encoding: report.encoding, notices: readingNotices(report), warnings: warningLines(warnings.slice(0, MAX_WARNINGS_KEPT)), warningCount: warnings.length };
      progress({ phase: 'saving', done: 1, total: 2 });
      const applied = await applyStaged(tx, {
        importId,
        asAt,
        now: clock.now(),
        fields,
        laCode: request.laCode,
        kinds: kindsListed(described.format),
        ...(prepared.kind === 'csv' ? { rowOf: csvRowOf(prepared.plan.body, prepared.plan.headerLine + 1) } : {}),
        ...(request.beforeApply ? { beforeApply: request.beforeApply } : {}),
        ...(request.onStep ? { onStep: request.onStep } : {}),
      });
      await keepWarningsByLa(tx, importId, warnings);
      // what the changes cause (casework handed over, pathways, funding proposals) happens in this transaction: see src/app/reactions.ts
      if (applied.moved) await publishFromJob(tx, clock.now(), 'register.providers-moved', { importId }, request.onStep);
      await publishFromJob(tx, clock.now(), 'register.changes-recorded', { changes: { importId } }, request.onStep);
      const rejected = await sql<{ n: number }>`
        with inserted as (
          insert into import_rejections (import_id, la_code, row_number, column_name, reason, urn)
          select ${importId}::uuid, la_code, row_number, column_name, reason, urn from s_rejections
          returning 1)
        select count(*)::int as n from inserted`.execute(tx);
      // an LA whose every row was rejected still sees the import and its rejections (16.7)
      await sql`insert into import_la_counts (import_id, la_code, new_count, changed_count, unchanged_count, rejected_count, baseline)
        select ${importId}::uuid, r.la_code, 0, 0, 0, 0, false from import_rejections r
        where r.import_id = ${importId}::uuid and r.la_code is not null
          and not exists (select 1 from import_la_counts c where c.import_id = r.import_id and c.la_code = r.la_code)
        group by r.la_code`.execute(tx);
      await sql`update import_la_counts c set rejected_count =
        (select count(*) from import_rejections r where r.import_id = c.import_id and r.la_code = c.la_code)
        where c.import_id = ${importId}::uuid`.execute(tx);
      return { rows, skipped, rejected: rejected.rows[0]?.n ?? 0, applied };
    });
  } catch (error) {
    if (error instanceof FileRejectedError) return finish({ ...base, status: 'rejected', error: error.message });
    if (error instanceof ShortFileError) return finish({ ...base, status: 'rejected', error: error.message, warnings: error.warnings, needsConfirmation: true });
    return finish({ ...base, status: 'failed', error: `The import failed and nothing was changed: ${(error as Error).message}` });
  }
  const totals = await db
    .selectFrom('import_la_counts')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('new_count'), eb.lit(0)).as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('changed_count'), eb.lit(0)).as('c'),
      eb.fn.coalesce(eb.fn.sum<number>('unchanged_count'), eb.lit(0)).as('u'),
    ])
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  const coverage = await db
    .selectFrom('import_la_counts')
    .innerJoin('local_authorities', 'local_authorities.la_code', 'import_la_counts.la_code')
    .select(['local_authorities.import_coverage_percent as percent', 'local_authorities.name', 'import_la_counts.new_count', 'import_la_counts.changed_count', 'import_la_counts.unchanged_count', 'import_la_counts.older_count', 'import_la_counts.held_count'])
    .where('import_id', '=', importId)
    .orderBy('local_authorities.name')
    .execute();
  const warnings = coverage
    .map((c) => coverageWarning({ laName: c.name, rows: c.new_count + c.changed_count + c.unchanged_count + c.older_count, held: c.held_count ?? 0 }, c.percent / 100))
    .filter((w): w is string => w !== null);
  const changes = await db
    .selectFrom('ofsted_changes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  const { applied, ...rowCounts } = counts;
  return finish({
    ...base,
    ...rowCounts,
    olderCount: applied.older,
    movedCount: applied.moved,
    warnings,
    status: 'succeeded',
    error: null,
    newCount: Number(totals.n),
    changedCount: Number(totals.c),
    unchangedCount: Number(totals.u),
    changes: Number(changes.n),
  });
}
