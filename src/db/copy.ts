import { CompiledQuery } from 'kysely';

/**
 * Bulk loads: `copy <table> (<columns>) from '/dev/blob' with (format csv)` with the CSV text as
 * its one parameter. The PGlite dialect passes it as a blob; the PostgreSQL pool sends it as
 * COPY FROM STDIN. Either way a transaction loads a staging table in one statement.
 */
export const COPY_FROM_BLOB = /^copy\s[\s\S]+\sfrom\s+'\/dev\/blob'/i;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.indexOf('"') === -1 ? '"' + text + '"' : '"' + text.replaceAll('"', '""') + '"';
}

/** A COPY statement that loads `rows` (objects keyed by column name) into `table`. */
export function copyRows(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): CompiledQuery {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += ',';
      line += csvCell(row[columns[c]!]);
    }
    lines[i] = line;
  }
  const sql = `copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`;
  return CompiledQuery.raw(sql, [lines.join('\n') + (lines.length ? '\n' : '')]);
}
