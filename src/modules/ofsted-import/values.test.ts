import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { normaliseProviderType, normaliseStatus, parseDate, parseOutcome, parseUrn, text } from './values.js';

const dates = ['18/12/2014', '3/9/2015', '03/09/2015 00:00', '2021-02-22', '2021-02-22T05:30:33', '01/02/2019 - 05/02/2019', '31/02/2026', '29/02/2028', '00/01/2020', 'yesterday', '', '-', ' 18/12/2014 '];
const outcomes = ['1', '2', '3', '4', 'Good', 'Requires Improvement', 'Inadequate 1', 'Not Met (with actions)', 'Not met (enforcement)', 'EFFECTIVE', 'Satisfactory', '-', '', '7', 'Grand'];
const urns = ['EY485159', '127794', 'VC123456', 'CA000006', 'ey1', '', 'EY-1'];

describe('Ofsted values: TypeScript (XML extract) and SQL (CSV) read them the same way', () => {
  it('reads dates as staff and Ofsted write them', () => {
    expect(parseDate('03/09/2015 00:00')).toEqual({ value: '2015-09-03' });
    expect(parseDate('31/02/2026')).toEqual({ error: '“31/02/2026” is not a real date' });
    expect(parseDate('-')).toEqual({ value: null });
  });

  it('reads outcomes as codes and words', () => {
    expect(parseOutcome('3')).toEqual({ value: 'requires_improvement' });
    expect(parseOutcome('Not Met (with actions)')).toEqual({ value: 'not_met_actions' });
    expect(parseOutcome('Inadequate 1')).toEqual({ value: 'inadequate' });
    expect(text(' REDACTED ')).toBeNull();
    expect(normaliseProviderType('Childminder Agency')).toBe('Childminder agency');
    expect(normaliseStatus('RESG')).toBe('Resigned');
  });

  describe.each(testDatabases())('the ey_* SQL functions on $name', (testDb) => {
    let database: Database;
    beforeAll(async () => {
      database = await testDb.open();
    });
    afterAll(() => database.close());

    it('agree with values.ts on every sample', async () => {
      for (const v of dates) {
        const js = parseDate(v);
        const row = (await sql<{ d: string | null; p: string | null }>`select ey_date(${v})::text as d, ey_date_problem(${v}) as p`.execute(database.db)).rows[0]!;
        expect({ d: row.d, p: row.p }, v).toEqual('value' in js ? { d: js.value, p: null } : { d: null, p: js.error });
      }
      for (const v of outcomes) {
        const js = parseOutcome(v);
        const row = (await sql<{ o: string | null; p: string | null }>`select ey_outcome(${v}) as o, ey_outcome_problem(${v}) as p`.execute(database.db)).rows[0]!;
        expect(row, v).toEqual('value' in js ? { o: js.value, p: null } : { o: null, p: js.error });
      }
      for (const v of urns) {
        const js = parseUrn(v);
        const row = (await sql<{ p: string | null }>`select ey_urn_problem(${v}) as p`.execute(database.db)).rows[0]!;
        expect(row.p, v).toBe('error' in js ? js.error : null);
      }
      for (const v of ['CMR', 'childminder agency', 'Childminder without domestic premises', 'Something new']) {
        const row = (await sql<{ t: string }>`select ey_provider_type(${v}) as t`.execute(database.db)).rows[0]!;
        expect(row.t, v).toBe(normaliseProviderType(v));
      }
      for (const v of ['ACTV', 'active', 'ACTIVE - SUSPENDED', 'Resigned']) {
        const row = (await sql<{ s: string }>`select ey_status(${v}) as s`.execute(database.db)).rows[0]!;
        expect(row.s, v).toBe(normaliseStatus(v));
      }
    });
  });
});
