/**
 * Run in a child process by the kill test: imports Rutland's providers (committed), then starts
 * importing the whole sample file and stops inside its transaction — its new providers already
 * COPYed into the register — printing "applying" and waiting to be killed.
 *   node --import tsx test/support/import-then-hang.ts <PGlite dir | postgres url> [schema]
 */
import { openDatabase } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/app/migrate.js';
import { runImport } from '../../src/modules/ofsted-import/index.js';
import { wireModules } from '../../src/app/wiring.js';
import { systemClock } from '../../src/platform/clock.js';
import { sharedFile } from './ofsted-files.js';

wireModules();
const [target = '', schema] = process.argv.slice(2);
const database = await openDatabase(
  target.startsWith('postgres') ? { kind: 'postgres', url: target, ...(schema ? { schema } : {}) } : { kind: 'pglite', dataDir: target },
);
await migrateToLatest(database.db, schema);
const bytes = sharedFile('ofsted_providers_2021-08-31_sample.csv');
const first = await runImport(database.db, systemClock, { bytes, fileName: 'rutland.csv', laCode: '857', startedBy: null });
console.log(`first import ${first.status}`);
await runImport(database.db, systemClock, {
  bytes,
  fileName: 'everyone.csv',
  laCode: null,
  startedBy: null,
  beforeApply: () =>
    new Promise<void>(() => {
      setInterval(() => undefined, 1000);
      console.log('applying');
    }),
});
