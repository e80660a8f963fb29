import type { Config } from './config/index.js';
import { openDatabase, type Database } from './db/client.js';
import { migrateFor } from './app/migrate.js';
import { wireModules } from './app/wiring.js';
import { markInterruptedImports } from './modules/ofsted-import/index.js';
import { systemClock } from './platform/clock.js';

/**
 * Opens the configured database (PGlite in DATA_DIR, or PostgreSQL), brings its schema up to date
 * and records the imports a previous stop interrupted; wires the modules (events, registries)
 * so commands that run module code without the web app behave as the service does.
 */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  return migrateOpenedDatabase(await openDatabase(config.database), config.database);
}

/** The same, for a database already opened (the service opens it while its modules load). */
export async function migrateOpenedDatabase(database: Database, options: Config['database'] = { kind: 'pglite', dataDir: null }): Promise<Database> {
  wireModules();
  try {
    await migrateFor(database.db, options);
    await markInterruptedImports(database.db, systemClock.now(), { ownsDatabase: database.kind === 'pglite' });
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
