import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../platform/clock.js';
import { createTestUser, startTestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { agesText, periodsText } from './provider-section.js';
import { runImport } from './service.js';

/*
 * Issue 16.10: the LA extract's registration status history (suspensions included), secondary
 * provision type, childcare ages and periods are kept, shown on the provider page, and the status
 * history on the provider's timeline. File: cases/extract-details_2021-02-22.xml (see its README).
 */

const FILE = 'cases/extract-details_2021-02-22.xml';

describe('how the extract’s details read', () => {
  it('ages and periods in words, Ofsted’s own code where its meaning is not plain', () => {
    expect(agesText([{ from: 0, to: 5, max: 6, register: 'EYR' }, { from: 5, to: 8, max: 1, register: 'CCR' }])).toBe(
      '0 to 5 years, up to 6 children (Early Years Register); 5 to 8 years, up to 1 child (compulsory Childcare Register)',
    );
    expect(periodsText(['ALYR', '2HPD'])).toBe('All year round (ALYR), 2HPD');
  });
});

describe.each(testDatabases())('what the LA extract carries beyond the register entry, on $name', (testDb) => {
  it('keeps the status history, secondary type, ages and periods; shows them on the provider page and the history on its timeline', async () => {
    const t = await startTestApp(testDb);
    try {
      const summary = await runImport(t.database.db, new FixedClock('2026-11-23T10:00:00Z'), { bytes: sharedFile(FILE), fileName: FILE, laCode: null, startedBy: null });
      expect(summary.status).toBe('succeeded');
      const kept = await t.database.db
        .selectFrom('providers')
        .select(['urn', 'secondary_provision_type', 'childcare_periods', 'childcare_ages', 'status_history'])
        .execute();
      expect(kept).toEqual([
        {
          urn: 'EY900032',
          secondary_provision_type: 'Home childcarer',
          childcare_periods: ['ALYR', '2HPD', '5DWK', 'WDAL'],
          childcare_ages: [{ from: 0, to: 5, max: 6, register: 'EYR' }, { from: 5, to: 8, max: 6, register: 'CCR' }],
          status_history: [
            { status: 'Active', date: '2010-11-26' },
            { status: 'Suspended', date: '2014-08-01' },
            { status: 'Active', date: '2014-08-14' },
          ],
        },
      ]);
      const rejected = await t.database.db.selectFrom('import_rejections').select(['column_name', 'reason', 'urn']).where('import_id', '=', summary.importId).execute();
      expect(rejected).toEqual([{ column_name: 'SecondaryProvisionType', reason: '“ZZZ” is not an Ofsted provision type (CMR, CCN, CCD, HCR, CMA)', urn: 'EY900001' }]);

      const client = new TestClient(t.app);
      await client.signIn((await createTestUser(t.database, '825', 'manager')).email);
      const page = await client.get('/providers/EY900032');
      expect(page.status).toBe(200);
      const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).toContain('Also registered as Home childcarer');
      expect(text).toContain('Childcare ages 0 to 5 years, up to 6 children (Early Years Register); 5 to 8 years, up to 6 children (compulsory Childcare Register)');
      expect(text).toContain('Childcare periods All year round (ALYR), 2HPD, 5 days a week (5DWK), WDAL');
      expect(text).toContain('1 August 2014 Registration status: Suspended Was Active Ofsted (status history)');
      expect(text).toContain('14 August 2014 Registration status: Active Was Suspended Ofsted (status history)');
    } finally {
      await t.close();
    }
  });
});
