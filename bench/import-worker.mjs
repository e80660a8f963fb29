/**
 * Runs in its own process so peak memory is the import's. Plain JavaScript over the build (dist/),
 * so it measures what ships.
 *   node bench/import-worker.mjs init <data dir | postgres url>   creates the database (PGlite's
 *       initdb is a one-off of the first `npm start`, not part of an import) and migrates it;
 *   node bench/import-worker.mjs run <file> <newer file> <data dir | postgres url>   imports the
 *       file, the same file again, then a later file; prints timings as JSON.
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../dist/db/client.js';
import { migrateToLatest } from '../dist/app/migrate.js';
import { wireModules } from '../dist/app/wiring.js';
import { runImport } from '../dist/modules/ofsted-import/index.js';
import { systemClock } from '../dist/platform/clock.js';

wireModules();
const [mode, ...args] = process.argv.slice(2);
const target = args[args.length - 1];
// PGlite on disk, as `npm start` runs it (in memory the whole database would count as RSS).
const database = await openDatabase(target.startsWith('postgres') ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target });
// what the process holds before any import: PGlite's WebAssembly database lives in it, PostgreSQL does not
const openRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
if (mode === 'init') {
  await migrateToLatest(database.db);
  await database.close();
  process.exit(0);
}
const [file, newerFile] = args;
const steps = {};
const peaks = [];
const onStep = (name, ms) => (steps[name] = ms);
const count = async (table, status) => {
  let q = database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (status) q = q.where('status', '=', status);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const imported = async (path, fileName) => {
  const summary = await runImport(database.db, systemClock, { bytes: readFileSync(path), fileName, laCode: null, startedBy: null, onStep });
  console.error(JSON.stringify(steps));
  peaks.push(Math.round(process.resourceUsage().maxRSS / 1024));
  return summary;
};
const first = await imported(file, 'national_2021-08-31.csv');
const second = await imported(file, 'national_2021-08-31.csv');
// a later file: thousands of new outcomes start, switch and close pathways and propose funding decisions
const third = await imported(newerFile, 'national_2021-09-30.csv');
const result = {
  first: first.durationMs,
  firstStatus: first.status,
  rows: first.rows,
  second: second.durationMs,
  secondChanges: second.changes,
  openRssMb,
  maxRssMb: peaks[0],
  maxRssAllMb: peaks[2],
  newerMs: third.durationMs,
  newerChanges: third.changes,
  pathwaysMs: steps.pathways ?? 0,
  pathways: await count('pathways'),
  fundingMs: steps.funding ?? 0,
  proposals: await count('funding_decisions', 'proposed'),
};
await database.close();
console.log(JSON.stringify(result));
