import { loadConfig } from '../config/index.js';
import { openDatabase } from '../db/client.js';
import { migrateFor } from '../app/migrate.js';

const config = loadConfig();
const database = await openDatabase(config.database);
try {
  const applied = await migrateFor(database.db, config.database);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
} finally {
  await database.close();
}
