/** Runs in its own process so peak memory is the import's: imports a file twice and prints timings as JSON. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runImport } from '../src/modules/ofsted-import/service.js';
import { systemClock } from '../src/platform/clock.js';

const [file, newerFile, databaseUrl] = process.argv.slice(2);
// PGlite on disk, as `npm start` runs it (in memory the whole database would count as RSS).
const dataDir = mkdtempSync(path.join(tmpdir(), 'eyhub-import-worker-'));
const database = await openDatabase(databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir });
await migrateToLatest(database.db);
const bytes = readFileSync(file!);
const steps: Record<string, number> = {};
const onStep = (name: string, ms: number) => (steps[name] = ms);
const first = await runImport(database.db, systemClock, { bytes, fileName: 'national_2021-08-31.csv', laCode: null, startedBy: null, onStep });
console.error(JSON.stringify(steps));
const second = await runImport(database.db, systemClock, { bytes, fileName: 'national_2021-08-31.csv', laCode: null, startedBy: null, onStep });
console.error(JSON.stringify(steps));
// a later file: thousands of new outcomes start, switch and close pathways
const third = await runImport(database.db, systemClock, { bytes: readFileSync(newerFile!), fileName: 'national_2021-09-30.csv', laCode: null, startedBy: null, onStep });
console.error(JSON.stringify(steps));
const started = await database.db.selectFrom('pathways').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
const proposals = await database.db.selectFrom('funding_decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'proposed').executeTakeFirstOrThrow();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ first: first.durationMs, firstStatus: first.status, rows: first.rows, second: second.durationMs, secondChanges: second.changes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), newerMs: third.durationMs, newerChanges: third.changes, pathwaysMs: steps.pathways ?? 0, pathways: Number(started.n), fundingMs: steps.funding ?? 0, proposals: Number(proposals.n) }));
