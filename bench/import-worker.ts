/** Runs in its own process so peak memory is the import's: imports a file twice and prints timings as JSON. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runImport } from '../src/modules/ofsted-import/service.js';
import { systemClock } from '../src/platform/clock.js';

const [file, databaseUrl] = process.argv.slice(2);
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
await database.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ first: first.durationMs, firstStatus: first.status, rows: first.rows, second: second.durationMs, secondChanges: second.changes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
