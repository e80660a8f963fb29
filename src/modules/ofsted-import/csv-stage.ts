import { Worker } from 'node:worker_threads';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { RowsReport } from './types.js';
import type { DB } from '../../db/types.js';
import type { CsvPlan } from './csv-reader.js';
import { batchTables, csvBatches, type CsvBatch, type CsvDone, type CsvInput } from './csv-batches.js';
import { FileRejectedError } from './records.js';
import { inspectionColumns, providerColumns, type LineContext } from './copy-lines.js';
import { createStagingTables, laRows, stageRows, stagingColumns } from './staging.js';
import type { LocalAuthorityRow } from './types.js';

/*
 * Loads an Ofsted CSV into the register and the staging tables (see
 * csv-batches.ts for what goes where). A big file is read in a worker thread
 * while the database loads the batch before; a small one (one local
 * authority's upload) is read here.
 */

/** Files larger than this are read in a worker thread (the national file is ~22 MB; one LA's ~0.5 MB). */
export const WORKER_THRESHOLD = 2 * 1024 * 1024;

export interface CsvStaged {
  rows: number;
  skipped: number;
  /** short rows and the rows' warnings, for the import's notices */
  reading?: RowsReport | undefined;
}

/**
 * Every provider we hold as "urn hash date la …": one text value, not 71,000 rows (on PGlite turning
 * rows into objects would take longer than the rest of an unchanged re-import).
 */
async function knownProviders(tx: Kysely<DB>): Promise<string> {
  const result = await sql<{ known: string | null }>`
    select string_agg(urn || ' ' || coalesce(source_hash, '-') || ' ' || coalesce(source_date::text, '-') || ' ' || la_code, ' ') as known
    from providers`.execute(tx);
  return result.rows[0]?.known ?? '';
}

async function isEmbedded(tx: Kysely<DB>): Promise<boolean> {
  const result = await sql<{ embedded: boolean }>`select version() like '%PGlite%' as embedded`.execute(tx);
  return result.rows[0]?.embedded === true;
}

/** Drops the indexes of providers and inspections that back no constraint; returns how to create them again. */
async function dropSecondaryIndexes(tx: Kysely<DB>): Promise<string[]> {
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in ('providers', 'inspections')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(tx);
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(tx);
  return indexes.rows.map((index) => index.definition);
}

function columnsOf(table: (typeof batchTables)[number]): readonly string[] {
  if (table === 'providers' || table === 's_providers') return providerColumns;
  if (table === 'inspections' || table === 's_inspections') return inspectionColumns;
  return stagingColumns[table];
}

async function load(tx: Kysely<DB>, batch: CsvBatch, spent: Map<string, number>): Promise<void> {
  for (const table of batchTables) {
    const bytes = batch[table];
    const started = performance.now();
    if (bytes.length) await tx.executeQuery(CompiledQuery.raw(`copy ${table} (${columnsOf(table).join(', ')}) from '/dev/blob'`, [bytes]));
    spent.set(table, (spent.get(table) ?? 0) + performance.now() - started);
  }
}

type WorkerMessage = { type: 'batch'; batch: CsvBatch } | { type: 'done'; done: CsvDone } | { type: 'error'; message: string; rejected: boolean };

/** A worker, started from the built .js or, under the test runner, from the .ts source. */
function startWorker(): Worker {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(source ? './csv-worker.ts' : './csv-worker.js', import.meta.url);
  // A small young generation: the reader's garbage is short-lived; less memory for the same speed.
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  if (!source) return new Worker(url, { resourceLimits });
  const entry = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(entry, { eval: true, resourceLimits });
}

/** One worker kept between imports (warm); a second import at the same time gets its own. */
let idle: Worker | null = null;

/** Starts the worker ahead of need (while the file is checked and decoded), so it is ready when the rows are. */
export function warmCsvWorker(): void {
  if (idle) return;
  idle = startWorker();
  idle.unref();
}

/** Batches from a worker thread, in order, as they are read. */
async function* fromWorker(input: CsvInput): AsyncGenerator<CsvBatch, CsvDone> {
  const worker = idle ?? startWorker();
  idle = null;
  worker.ref();
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  const onMessage = (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
  };
  const onError = (e: Error) => {
    failure = e;
    wake?.();
  };
  worker.on('message', onMessage).on('error', onError);
  worker.postMessage(input);
  let finished = false;
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      if (m.type === 'batch') {
        // the reader reads the next batch while this one loads (csv-worker.ts)
        worker.postMessage('more');
        yield m.batch;
      }
      else if (m.type === 'done') {
        finished = true;
        return m.done;
      } else {
        finished = true;
        throw m.rejected ? new FileRejectedError(m.message) : new Error(m.message);
      }
    }
  } finally {
    worker.off('message', onMessage).off('error', onError);
    if (finished && !failure && !idle) {
      worker.unref();
      idle = worker;
    } else await worker.terminate();
  }
}

export async function stageCsv(
  tx: Kysely<DB>,
  plan: CsvPlan,
  options: {
    laCode: string | null;
    las: readonly LocalAuthorityRow[];
    ctx: LineContext;
    onProgress?: (done: number, total: number) => void;
    /** read in a worker thread whatever the size (tests) */
    worker?: boolean;
    /** benchmark hook: how long each step took */
    onStep?: (step: string, ms: number) => void;
  },
): Promise<CsvStaged> {
  let mark = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    options.onStep?.(`csv: ${name}`, Math.round(now - mark));
    mark = now;
  };
  await createStagingTables(tx);
  const known = await knownProviders(tx);
  step('providers held');
  const input: CsvInput = {
    body: plan.body,
    firstLine: plan.headerLine + 1,
    header: plan.header,
    map: plan.map,
    las: options.las.map((la) => ({ la_code: la.la_code, name: la.name, ofsted_names: la.ofsted_names })),
    known,
    laCode: options.laCode,
    ctx: options.ctx,
  };
  // Into an empty register (the first import of the national file) rows load faster without the
  // secondary indexes, which are built again, whole, at the end (PostgreSQL's advice for bulk loads).
  // Worth it on PGlite, where loading is the slower half; on PostgreSQL the index work happens while
  // the next batch is read, and rebuilding would add to the time.
  const rebuild = known === '' && (await isEmbedded(tx)) ? await dropSecondaryIndexes(tx) : [];
  const batches = options.worker || plan.body.length > WORKER_THRESHOLD ? fromWorker(input) : inProcess(input);
  const spent = new Map<string, number>();
  let lastLoaded = performance.now();
  let done: CsvDone;
  try {
    for (let next = await batches.next(); ; next = await batches.next()) {
      if (next.done) {
        done = next.value;
        break;
      }
      spent.set('waiting for the reader', (spent.get('waiting for the reader') ?? 0) + performance.now() - lastLoaded);
      await load(tx, next.value, spent);
      lastLoaded = performance.now();
      options.onProgress?.(next.value.position, plan.body.length);
    }
  } finally {
    // a failed load stops the reader too (its thread is ended, not left reading)
    await batches.return({ rows: 0, skipped: 0, perLa: [] });
  }
  // The providers written straight into the register are the ones created in this transaction.
  await sql`insert into s_loaded (urn, la_code) select urn, la_code from providers where created_at = now()`.execute(tx);
  for (const [name, ms] of spent) options.onStep?.(`csv: ${name}`, Math.round(ms));
  step('read and load');
  for (const definition of rebuild) await sql.raw(definition).execute(tx);
  if (rebuild.length) step('indexes');
  await stageRows(tx, 's_la_rows', laRows(new Map(done.perLa)));
  return { rows: done.rows, skipped: done.skipped, reading: done.reading };
}

async function* inProcess(input: CsvInput): AsyncGenerator<CsvBatch, CsvDone> {
  return yield* csvBatches(input);
}
