import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { FixedClock } from '../../platform/clock.js';
import { domainEvents } from '../../platform/events.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { testDatabases } from '../../../test/support/databases.js';
import { runImport } from './service.js';

const FILE = 'ofsted_providers_2021-08-31_sample.csv';

describe.each(testDatabases())('what an import causes, on $name', (testDb) => {
  let database: Database;
  const clock = new FixedClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    database = await testDb.open();
  });
  afterAll(() => database.close());

  it('commits or rolls back with the import: a reaction that fails leaves the register as it was', async () => {
    const seen: string[] = [];
    const off = domainEvents.on('register.changes-recorded', 'test: fails after the engines ran', async ({ db }, e) => {
      seen.push('importId' in e.changes ? 'import' : 'staff');
      // the engines have run in this transaction: their work is visible here, and must go with it
      const counted = await db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(counted.n)).toBeGreaterThan(0);
      throw new Error('the funding system is down');
    });
    try {
      const failed = await runImport(database.db, clock, { bytes: sharedFile(FILE), fileName: FILE, laCode: null, startedBy: null });
      expect(failed.status).toBe('failed');
      expect(failed.error).toContain('the funding system is down');
      expect(seen).toEqual(['import']);
      for (const table of ['providers', 'inspections', 'ofsted_changes', 'pathways', 'funding_decisions'] as const) {
        const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(row.n), table).toBe(0);
      }
    } finally {
      off();
    }
    const ok = await runImport(database.db, clock, { bytes: sharedFile(FILE), fileName: FILE, laCode: null, startedBy: null });
    expect(ok.status).toBe('succeeded');
    expect(ok.newCount).toBeGreaterThan(0);
  });
});
