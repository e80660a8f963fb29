import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../platform/clock.js';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { waitForImport } from '../../../test/support/imports.js';
import { testDatabases } from '../../../test/support/databases.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { handToService, inboxResult, processInbox } from './inbox.js';
import { runImport } from './service.js';

/*
 * Issue 16.8: a file cut short (cases/kent-cut-short_2021-08-31.csv: 10 of Kent's 2,061 rows, cut at a
 * row boundary) is refused, changing nothing, until the user confirms it is the whole file ("Import
 * anyway" on the upload's page, --confirm-short on the command line); it never marks providers gone.
 */

const CUT = 'cases/kent-cut-short_2021-08-31.csv';
const clock = new FixedClock('2026-11-23T10:00:00Z');
const SHORT = 'The file has 10 rows for Kent, but EY Hub holds 2,061 providers of these kinds there (0 %).';

describe.each(testDatabases())('a file with far fewer rows than the register holds, on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;
  const register = async () => t.database.db.selectFrom('providers').select(['urn', 'status', 'name', 'source_date']).where('la_code', '=', '886').orderBy('urn').execute();

  beforeAll(async () => {
    t = await startTestApp(testDb);
    const file = 'ofsted_providers_2021-08-31_sample.csv';
    await runImport(t.database.db, clock, { bytes: sharedFile(file), fileName: file, laCode: null, startedBy: null, asAt: '2021-08-31' });
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, '886', 'admin')).email);
  });
  afterAll(() => t.close());

  it('the upload page asks first: a GOV.UK warning and "Import anyway"; nothing changes until then, and no provider is marked gone after', async () => {
    const before = await register();
    await admin.get('/imports/new');
    const res = await admin.upload('/imports', 'file', 'kent_2021-09-30.csv', sharedFile(CUT));
    expect(res.status).toBe(303);
    expect((await waitForImport(admin, res.location!)).status).toBe('rejected');
    const page = await admin.get(res.location!);
    expect(page.body).toContain('govuk-warning-text');
    expect(page.body).toContain(SHORT);
    expect(page.body).toContain('Import anyway');
    expect(await register()).toEqual(before);
    const refusedId = res.location!.split('/').pop()!;
    expect(await t.database.db.selectFrom('ofsted_changes').select('id').where('import_id', '=', refusedId).execute()).toEqual([]);

    const confirmed = await admin.post(`${res.location!}/confirm`);
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).not.toBe(res.location);
    expect((await waitForImport(admin, confirmed.location!)).status).toBe('succeeded');
    const done = await admin.get(confirmed.location!);
    expect(done.body).toContain('Import complete');
    expect((await register()).map((p) => [p.urn, p.status])).toEqual(before.map((p) => [p.urn, p.status]));
    // the refused file is not held twice: a second confirmation asks for the file again
    const again = await admin.post(`${res.location!}/confirm`);
    expect(again.location).toBe('/imports/new');
  });

  it('the command line refuses with a sentence naming --confirm-short, and imports with it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'eyhub-short-'));
    try {
      const source = path.join(dataDir, 'kent.csv');
      writeFileSync(source, sharedFile(CUT));
      const refused = handToService(dataDir, source, { fileName: 'kent_2021-10-31.csv', laCode: '886' }, new Date());
      await processInbox(t.database.db, clock, dataDir);
      const result = inboxResult(dataDir, refused);
      expect(result && 'summary' in result && result.summary.status).toBe('rejected');
      expect(result && 'summary' in result && result.summary.error).toContain(`Not imported: ${SHORT}`);
      expect(result && 'summary' in result && result.summary.error).toContain('on the command line add --confirm-short');
      const confirmed = handToService(dataDir, source, { fileName: 'kent_2021-10-31.csv', laCode: '886', confirmShort: true }, new Date());
      await processInbox(t.database.db, clock, dataDir);
      const imported = inboxResult(dataDir, confirmed);
      expect(imported && 'summary' in imported && imported.summary.status).toBe('succeeded');
      expect(imported && 'summary' in imported && imported.summary.warnings[0]).toContain(SHORT);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('each LA sets its own share: at 100 % a file one row short asks too', async () => {
    const rutland = sharedFile('ofsted_providers_2021-08-31_sample.csv').toString('utf8').split('\n');
    const rows = [rutland[0]!, ...rutland.filter((l) => l.includes('"Rutland"')).slice(1)];
    const file = Buffer.from(rows.join('\n'));
    const at80 = await runImport(t.database.db, clock, { bytes: file, fileName: 'rutland.csv', laCode: '857', startedBy: null, askBeforeShort: true });
    expect(at80.status).toBe('succeeded');
    await t.database.db.updateTable('local_authorities').set({ import_coverage_percent: 100 }).where('la_code', '=', '857').execute();
    const at100 = await runImport(t.database.db, clock, { bytes: file, fileName: 'rutland.csv', laCode: '857', startedBy: null, askBeforeShort: true });
    expect(at100.needsConfirmation).toBe(true);
    expect(at100.error).toContain('The file has 39 rows for Rutland, but EY Hub holds 40 providers of these kinds there (98 %).');
  });
});
