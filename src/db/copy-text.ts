/** PostgreSQL COPY text format, without the database (a worker thread writes it too). */

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: \N is null, backslash escapes; arrays and objects are written as JSON. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return copyValue(JSON.stringify(value));
}

/** A row of values, in the order of the COPY's columns (joined, not concatenated: one flat string, cheap to keep). */
export function copyLine(values: readonly unknown[]): string {
  const cells = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) cells[i] = copyValue(values[i]);
  return cells.join('\t');
}

/** A text[] value for copyLine: items must be plain words (codes like EYR). */
export function copyArray(items: readonly string[]): string {
  return `{${items.join(',')}}`;
}
