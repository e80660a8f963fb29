import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { DB } from './types.js';
import { copyLine } from './copy-text.js';

export { copyArray, copyLine, copyValue } from './copy-text.js';

/**
 * Bulk loads: `copy <table> (<columns>) from '/dev/blob'` with the rows, in PostgreSQL's text
 * format, as its one parameter (a string, or UTF-8 bytes). The PGlite dialect passes it as a blob; the PostgreSQL pool sends
 * it as COPY FROM STDIN. Either way a transaction loads a table in one statement.
 */
export const COPY_FROM_BLOB = /^copy\s[\s\S]+\sfrom\s+'\/dev\/blob'/i;

/** A COPY statement that loads rows already written with copyLine. */
export function copyLines(table: string, columns: readonly string[], lines: readonly string[]): CompiledQuery {
  return CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [lines.length ? lines.join('\n') + '\n' : '']);
}

/** A COPY statement that loads `rows` (objects keyed by column name) into `table`. */
export function copyRows(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): CompiledQuery {
  return copyLines(table, columns, rows.map((row) => copyLine(columns.map((c) => row[c]))));
}

const CHUNK = 500;
/** A few rows in one INSERT; many (an import's worth) with COPY, which both databases load far faster. */
export async function insertMany<T extends keyof DB>(db: Kysely<DB>, table: T, rows: readonly Insertable<DB[T]>[]): Promise<void> {
  if (rows.length >= 100) {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    await db.executeQuery(copyRows(table, columns, rows as unknown as Record<string, unknown>[]));
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}
