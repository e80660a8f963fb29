/**
 * npm run import-reference -- <national provider file> [--as-at YYYY-MM-DD]
 * Keeps a national Ofsted provider-level file as REFERENCE data for the reports' comparison with
 * England, the region and statistical neighbours (ADR 0022). It replaces the previous reference
 * file and never changes any local authority's register.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { DataDirLockedError } from '../db/lock.js';
import { importReferenceFile } from '../modules/reports/index.js';
import { readFileStreamed } from '../modules/ofsted-import/index.js';
import { openMigratedDatabase } from '../runtime.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'as-at': { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import-reference -- <national provider file.csv> [--as-at YYYY-MM-DD]');
  process.exit(2);
}

try {
  const started = Date.now();
  const bytes = await readFileStreamed(file);
  const database = await openMigratedDatabase(loadConfig());
  try {
    const result = await importReferenceFile(database.db, { bytes, fileName: path.basename(file), asAt: values['as-at'] ?? null, at: new Date() });
    console.log(`Reference data: ${result.rows} registered providers from ${path.basename(file)} (as at ${result.asAt}), in ${Date.now() - started} ms. The register is unchanged.`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof DataDirLockedError) console.error(`${error.message}\nStop the service first, or upload the file at /reports/reference.`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
