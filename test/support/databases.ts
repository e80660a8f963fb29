import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

/**
 * Every database test runs on PGlite and, when TEST_DATABASE_URL is set, on
 * PostgreSQL in a fresh schema. In CI a missing PostgreSQL is a failure.
 */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: database tests must run on PostgreSQL too');
  }
  const list: TestDatabase[] = [{ name: 'pglite', open: openPGliteTestDatabase }];
  if (url) list.push({ name: 'postgres', open: () => openPostgresTestDatabase(url) });
  return list;
}

export async function openPGliteTestDatabase(): Promise<Database> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(database.db);
  return database;
}

export async function openPostgresTestDatabase(url: string): Promise<Database> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
  await migrateToLatest(database.db, schema);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}
