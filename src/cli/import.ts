/**
 * npm run import -- <file> [--la <code>] [--as-at YYYY-MM-DD] [--confirm-short]
 * Imports an Ofsted file (provider CSV, childminders CSV, agencies CSV or LA XML extract).
 * Without --la every local authority in the file is imported. Prints the counts, the file's encoding,
 * the columns it has that EY Hub does not use, and the first rejected rows. A file whose rows for a local
 * authority are under that LA's share of the providers EY Hub holds (80 %) is refused, changing nothing,
 * unless --confirm-short says it is the whole file (issue 16.8).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { DataDirLockedError } from '../db/lock.js';
import type { Database } from '../db/client.js';
import { handToService, inboxDir, inboxResult, readFileStreamed, runImport, summaryLines, type ImportProgress, type ImportSummary } from '../modules/ofsted-import/index.js';
import { systemClock } from '../platform/clock.js';
import { isIsoDate } from '../platform/dates.js';
import { openMigratedDatabase } from '../runtime.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { la: { type: 'string' }, 'as-at': { type: 'string' }, 'confirm-short': { type: 'boolean' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import -- <file> [--la <3-digit code>] [--as-at YYYY-MM-DD] [--confirm-short]');
  process.exit(2);
}
if (values.la !== undefined && !/^\d{3}$/.test(values.la)) {
  console.error(`--la must be a 3-digit local authority code, like 886 for Kent (got “${values.la}”)`);
  process.exit(2);
}
if (values['as-at'] !== undefined && !isIsoDate(values['as-at'])) {
  console.error(`--as-at must be a real date written YYYY-MM-DD (got “${values['as-at']}”)`);
  process.exit(2);
}

const tty = process.stderr.isTTY;
function bar(label: string, done: number, total: number): void {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * width);
  const line = `${label.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}%`;
  if (tty) process.stderr.write(`\r${line}`);
}

function describe(summary: ImportSummary): string {
  return [
    `Import ${summary.status}: ${path.basename(file!)} (${summary.format ?? 'unknown format'}, as at ${summary.asAt ?? 'unknown'})`,
    `  rows ${summary.rows}, new ${summary.newCount}, changed ${summary.changedCount}, unchanged ${summary.unchangedCount}, rejected ${summary.rejected}, skipped ${summary.skipped}`,
    `  changes recorded ${summary.changes}, in ${summary.durationMs} ms`,
    ...(summary.error ? [`  ${summary.error}`] : []),
    ...summaryLines(summary.olderCount, [], summary.warnings).map((line) => `  ${line}`),
    ...(summary.movedCount ? [`  ${summary.movedCount} providers moved to another local authority: see the import's page, /imports/${summary.importId}`] : []),
    ...(summary.notices ?? []).map((notice) => `  ${notice}`),
  ].join('\n');
}

/** The service holds the PGlite data directory: hand the file to it and wait for its result. */
async function handOver(dataDir: string): Promise<void> {
  const id = handToService(
    dataDir,
    file!,
    { fileName: path.basename(file!), laCode: values.la ?? null, confirmShort: values['confirm-short'] === true, ...(values['as-at'] ? { asAt: values['as-at'] } : {}) },
    new Date(),
  );
  console.log(`EY Hub is running on ${dataDir}, so the file was handed to it (${inboxDir(dataDir)}); waiting for the import…`);
  const until = Date.now() + INBOX_WAIT_MS;
  while (Date.now() < until) {
    const result = inboxResult(dataDir, id);
    if (result) {
      if ('error' in result) {
        console.error(`The import failed: ${result.error}`);
        process.exitCode = 1;
      } else {
        console.log(describe(result.summary));
        if (result.summary.rejected > 0) console.log(`  the rejected rows are listed on the import’s page: /imports/${result.summary.importId}`);
        process.exitCode = result.summary.status === 'succeeded' ? 0 : 1;
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log('EY Hub has not finished it yet; it will import the file and show it on the Imports page (/imports).');
}

const INBOX_WAIT_MS = 120_000;
const config = loadConfig();
let database: Database;
try {
  database = await openMigratedDatabase(config);
} catch (error) {
  if (error instanceof DataDirLockedError && config.database.kind === 'pglite') {
    await handOver(config.dataDir);
    process.exit();
  }
  throw error;
}
try {
  const bytes = await readFileStreamed(file, (read) => bar('reading', read, read));
  const summary = await runImport(database.db, systemClock, {
    bytes,
    fileName: path.basename(file),
    laCode: values.la ?? null,
    startedBy: null,
    askBeforeShort: values['confirm-short'] !== true,
    ...(values['as-at'] ? { asAt: values['as-at'] } : {}),
    onProgress: (p: ImportProgress) => bar(p.phase, p.done, p.total),
  });
  if (tty) process.stderr.write('\n');
  console.log(describe(summary));
  if (summary.rejected > 0) {
    const rows = await database.db
      .selectFrom('import_rejections')
      .select(['row_number', 'column_name', 'reason'])
      .where('import_id', '=', summary.importId)
      .orderBy('row_number')
      .limit(20)
      .execute();
    for (const r of rows) console.log(`  row ${r.row_number}, ${r.column_name}: ${r.reason}`);
    if (summary.rejected > rows.length) console.log(`  … and ${summary.rejected - rows.length} more`);
  }
  process.exitCode = summary.status === 'succeeded' ? 0 : 1;
} finally {
  await database.close();
}
