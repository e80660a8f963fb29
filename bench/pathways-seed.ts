/**
 * Gives a demo data dir a county's support load (bench/lib/county.ts). Own process (PGlite lock).
 *   tsx bench/pathways-seed.ts <dataDir>
 */
import path from 'node:path';
import { openDatabase } from '../src/db/client.js';
import { seedCountyLoad } from './lib/county.js';

const dataDir = process.argv[2]!;
const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
const counts = await seedCountyLoad(database.db, '886');
await database.close();
console.log(JSON.stringify(counts));
