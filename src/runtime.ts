import type { Config } from './config/index.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateToLatest } from './db/migrate.js';

/** Opens the configured database (PGlite in DATA_DIR, or PostgreSQL) and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
