/** Runs in its own process so peak memory is the import's: imports a file twice and prints timings as JSON. */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/db/client.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runImport } from '../src/modules/ofsted-import/service.js';
import { systemClock } from '../src/platform/clock.js';

const [file, databaseUrl] = process.argv.slice(2);
const database = await openDatabase(databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir: null });
await migrateToLatest(database.db);
const bytes = readFileSync(file!);
const steps: Record<string, number> = {};
const onStep = (name: string, ms: number) => (steps[name] = ms);
const first = await runImport(database.db, systemClock, { bytes, fileName: 'national_2021-08-31.csv', laCode: null, startedBy: null, onStep });
console.error(JSON.stringify(steps));
const second = await runImport(database.db, systemClock, { bytes, fileName: 'national_2021-08-31.csv', laCode: null, startedBy: null, onStep });
console.error(JSON.stringify(steps));
await database.close();
console.log(JSON.stringify({ first: first.durationMs, firstStatus: first.status, rows: first.rows, second: second.durationMs, secondChanges: second.changes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
