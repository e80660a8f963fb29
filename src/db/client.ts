import { Kysely, PostgresDialect, sql } from 'kysely';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_FROM_BLOB } from './copy.js';
import { PGliteDialect } from './pglite-dialect.js';
import { lockDataDir } from './lock.js';
import type { DB } from './types.js';

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir: string | null; /** start from a copy of another database's files (tests) */ loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** PGlite only: a copy of the database's files, to start another database from (tests) */
  dumpDataDir?(): Promise<Blob>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/** Both drivers return the same JS types: dates as 'YYYY-MM-DD' strings, int8 as numbers. */
const keepDate = (value: string) => value;
const int8 = (value: string) => Number.parseInt(value, 10);

let pgTypesSet = false;
function setPgTypes(): void {
  if (pgTypesSet) return;
  pg.types.setTypeParser(DATE_OID, keepDate);
  pg.types.setTypeParser(INT8_OID, int8);
  pgTypesSet = true;
}

function copyAwarePool(pool: pg.Pool) {
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query: async (sqlText: string, parameters: readonly unknown[]) => {
          if (!COPY_FROM_BLOB.test(sqlText)) return client.query(sqlText, parameters as unknown[]);
          const stream = client.query(copyFrom(sqlText.replace(/'\/dev\/blob'/i, 'stdin')));
          const payload = parameters[0] instanceof Uint8Array ? parameters[0] : Buffer.from(String(parameters[0] ?? ''));
          const CHUNK = 1 << 20;
          const chunks = Array.from({ length: Math.ceil(payload.length / CHUNK) }, (_, i) => payload.subarray(i * CHUNK, (i + 1) * CHUNK));
          await pipeline(Readable.from(chunks), stream);
          return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
        },
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

/** PostgreSQL settings PGlite starts with (ADR 0018, "16.12 Memory"). */
const PGLITE_SETTINGS = ['shared_buffers = 16MB', 'maintenance_work_mem = 16MB'];

async function openPGlite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    // PGlite's WebAssembly is compiled by V8's baseline compiler only: the optimising tier's
    // compilations cost ~45 MB of memory at start-up and, on a busy machine, more time than they
    // save (ADR 0018, "16.12 Memory"). Set before the module is compiled; the process has no other
    // WebAssembly.
    setFlagsFromString('--liftoff-only');
    // Loaded only when used: PostgreSQL deployments never pay for PGlite's WebAssembly.
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      parsers: { [DATE_OID]: keepDate, [INT8_OID]: int8 },
      // PGlite's shared buffers (128 MB by default) live in the process's memory; one local
      // authority's data is a fraction of 16 MB, and a national import needs no more: 16 MB keeps
      // the process ~50 MB smaller with the database open, for the same import time (ADR 0005,
      // ADR 0018 "16.12 Memory").
      postgresqlconf: PGLITE_SETTINGS,
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      dumpDataDir: async () => (await pglite.dumpDataDir('none')) as Blob,
      async close() {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openPostgres(url: string, schema: string | undefined, poolSize = 10): Promise<Database> {
  setPgTypes();
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: copyAwarePool(pool) as never }) });
  await sql`select 1`.execute(db);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'pglite'
    ? openPGlite(options.dataDir, options.loadDataDir)
    : openPostgres(options.url, options.schema, options.poolSize);
}
