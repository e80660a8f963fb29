import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/support/databases.js';
import type { Database } from './client.js';
import { copyRows } from './copy.js';

describe('copyRows', () => {
  it('writes COPY text that keeps empty strings apart from nulls, and tabs, line breaks, backslashes, booleans and JSON intact', () => {
    const q = copyRows('t', ['a', 'b', 'c', 'd'], [{ a: null, b: '', c: 'say "hi",\tok', d: true }, { a: 1.5, b: { x: ['a\\b'] }, c: 'line\nbreak', d: false }]);
    expect(q.sql).toBe("copy t (a, b, c, d) from '/dev/blob'");
    expect(q.parameters[0]).toBe('\\N\t\tsay "hi",\\tok\tt\n1.5\t{"x":["a\\\\\\\\b"]}\tline\\nbreak\tf\n');
  });
});

describe.each(testDatabases())('bulk load with COPY on $name', (testDb) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDb.open();
  });
  afterAll(() => database.close());

  it('loads rows inside a transaction, exactly as given', async () => {
    const rows = await database.db.transaction().execute(async (tx) => {
      await sql`create temp table t (a text, b text, n numeric, f boolean, j jsonb) on commit drop`.execute(tx);
      await tx.executeQuery(copyRows('t', ['a', 'b', 'n', 'f', 'j'], [
        { a: 'Islington', b: '', n: 42, f: true, j: { grade: 'good' } },
        { a: 'Little Tots – "Peterborough"', b: null, n: null, f: false, j: null },
        { a: 'Tab\there \\ and\r\nthere', b: '\\N', n: 0.5, f: true, j: { note: 'back\\slash "quoted"' } },
      ]));
      return (await sql<{ a: string; b: string | null; n: string | null; f: boolean; j: unknown }>`select * from t order by a`.execute(tx)).rows;
    });
    expect(rows).toEqual([
      { a: 'Islington', b: '', n: '42', f: true, j: { grade: 'good' } },
      { a: 'Little Tots – "Peterborough"', b: null, n: null, f: false, j: null },
      { a: 'Tab\there \\ and\r\nthere', b: '\\N', n: '0.5', f: true, j: { note: 'back\\slash "quoted"' } },
    ]);
  });
});
