import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migratedFiles } from './pglite-template.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/app/migrate.js';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /** the PostgreSQL server (for tests that make their own schema) */
  url?: string;
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
  if (url) list.push({ name: 'postgres', url, open: () => openPostgresTestDatabase(url) });
  return list;
}

/** A fresh in-memory PGlite database, started from the migrated copy made by test/support/pglite-template.ts. */
export async function openPGliteTestDatabase(): Promise<Database> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: migratedFiles(inject('pgliteTemplate')) });
  // a no-op when the copy is current; it still proves the schema is the latest
  await migrateToLatest(database.db);
  return database;
}

/** Runs one statement on the PostgreSQL server at `url` (outside any test schema). */
export async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, empty schema on the PostgreSQL server at `url`, and how to drop it. */
export async function createTestSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await onServer(url, `create schema ${schema}`);
  return { schema, drop: () => onServer(url, `drop schema ${schema} cascade`) };
}

export async function openPostgresTestDatabase(url: string): Promise<Database> {
  const { schema, drop } = await createTestSchema(url);
  const database = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
  await migrateToLatest(database.db, schema);
  return {
    ...database,
    async close() {
      await database.close();
      await drop();
    },
  };
}
