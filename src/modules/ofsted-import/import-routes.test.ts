import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { waitForImport } from '../../../test/support/imports.js';
import { testDatabases } from '../../../test/support/databases.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { markInterruptedImports } from './interrupted.js';

describe.each(testDatabases())('import pages on $name', (testDb) => {
  let t: TestApp;
  let manager: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    manager = new TestClient(t.app);
    await manager.signIn((await createTestUser(t.database, '857', 'manager', { email: 'sia@rutland.example' })).email);
  });
  afterAll(() => t.close());

  it('uploads a real Ofsted file, shows progress then the summary, and lists it in the history', async () => {
    await manager.get('/imports/new');
    const res = await manager.upload('/imports', 'file', 'ofsted_providers_2021-08-31_sample.csv', sharedFile('ofsted_providers_2021-08-31_sample.csv'));
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
    const done = await waitForImport(manager, res.location!);
    expect(done).toEqual({ status: 'succeeded', phase: 'succeeded', percent: 100 });
    const page = await manager.get(res.location!);
    expect(page.body).toContain('Import complete');
    expect(page.body).toContain('40 new, 0 changed, 0 rejected');
    expect(page.body).toContain('Ofsted childcare provider level data (CSV)');
    expect(page.body).toContain('31 August 2021');
    expect(page.body).toContain('sia@rutland.example');
    const history = await manager.get('/imports');
    expect(history.body).toContain('ofsted_providers_2021-08-31_sample.csv');
    const providers = await t.database.db.selectFrom('providers').select('la_code').distinct().execute();
    expect(providers).toEqual([{ la_code: '857' }]);
  });

  it('a file that is not Ofsted’s is rejected with the reason, and rejected rows can be downloaded', async () => {
    await manager.get('/imports/new');
    const bad = await manager.upload('/imports', 'file', 'notes.csv', 'name,town\nA,B\n');
    await waitForImport(manager, bad.location!);
    const page = await manager.get(bad.location!);
    expect(page.body).toContain('The file was not imported');
    expect(page.body).toContain('no recognisable header');

    const csv = 'Provider URN,Provider type,Local authority,Registration date\nEY555001,Childminder,Rutland,01/01/2026\nEY555002,Childminder,Rutland,45/01/2026\n';
    await manager.get('/imports/new');
    const refused = await manager.upload('/imports', 'file', 'partial.csv', csv);
    // two rows where EY Hub holds Rutland's 40: the page asks first (16.8)
    expect((await waitForImport(manager, refused.location!)).status).toBe('rejected');
    expect((await manager.get(refused.location!)).body).toContain('Import anyway');
    const partial = await manager.post(`${refused.location!}/confirm`);
    await waitForImport(manager, partial.location!);
    const summary = await manager.get(partial.location!);
    expect(summary.body).toContain('Download rejected rows (CSV)');
    const rejected = await manager.get(`${partial.location!}/rejections.csv`);
    expect(rejected.headers['content-disposition']).toMatch(/^attachment/);
    expect(rejected.body).toContain('3,Registration date,“45/01/2026” is not a real date,EY555002');
  });

  it('an import whose process stopped is shown as not imported, with what to do, not as running for ever', async () => {
    const { id } = await t.database.db
      .insertInto('imports')
      .values({ la_code: '857', file_name: 'stopped.csv', sha256: 'ab'.repeat(32), status: 'running', started_at: new Date(Date.now() - 60 * 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(JSON.parse((await manager.get(`/imports/${id}/progress`)).body)).toMatchObject({ status: 'running' });
    await markInterruptedImports(t.database.db, new Date(), { ownsDatabase: false });
    expect(JSON.parse((await manager.get(`/imports/${id}/progress`)).body)).toEqual({ status: 'failed', phase: 'failed', percent: 100 });
    const page = await manager.get(`/imports/${id}`);
    expect(page.body).toContain('The file was not imported');
    expect(page.body).toContain('Nothing from the file was saved: import it again.');
    expect(page.body).not.toContain('Running');
  });

  it('asks for a file when none is chosen', async () => {
    await manager.get('/imports/new');
    const res = await manager.post('/imports', {});
    expect(res.status).toBe(400);
    expect(res.body).toContain('Select an Ofsted CSV or XML file');
  });

  it('lists changes from Ofsted with filters; the first import set up the register and is not listed', async () => {
    const first = await manager.get('/changes');
    expect(first.body).toContain('EY555001'); // not a baseline: Rutland had providers by then
    expect(first.body).toContain('Showing 1 to 1 of 1 changes');
    expect(first.body).toMatch(/first import<\/a> on \d+ \w+ \d{4} set up the register with 40 providers/);
    // dates as staff type them
    expect((await manager.get('/changes?from=1%2F1%2F2000')).body).toContain('Showing 1 to 1 of 1 changes');
    const none = await manager.get('/changes?to=1+January+2000');
    expect(none.body).not.toContain('EY555001');
    expect(none.body).toContain('value="1 January 2000"');
    const bad = await manager.get('/changes?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('From date must be a real date');
  });
  it('changes stay new to each member of staff until they mark them as seen; a later change is new again', async () => {
    const isNew = /govuk-tag--blue">\s*New\s*</;
    const first = await manager.get('/changes');
    expect(first.body).toMatch(/1 change is new to you: you have not marked any as seen yet\./);
    expect(first.body).toMatch(isNew);
    const upTo = /name="upTo" value="([^"]+)"/.exec(first.body)?.[1];
    expect(upTo).toBeTruthy();
    const marked = await manager.post('/changes/seen', { upTo: upTo! });
    expect(marked.status).toBe(303);
    expect(marked.location).toBe('/changes');
    const after = await manager.get('/changes');
    expect(after.body).toContain('Changes marked as seen');
    expect(after.body).toMatch(/Nothing new since you last marked the changes as seen, on \d+ \w+ \d{4} at/);
    expect(after.body).not.toMatch(isNew);
    expect(after.body).toContain('EY555001'); // still listed, no longer new
    expect((await manager.get('/changes?new=1')).body).toContain('No changes match these filters.');

    // a new registration from a later file is new again, and the filter shows only it
    t.clock.advanceMinutes(1);
    await manager.get('/imports/new');
    const short = await manager.upload('/imports', 'file', 'later.csv', 'Provider URN,Provider type,Local authority,Registration date\nEY555003,Childminder,Rutland,02/03/2026\n');
    await waitForImport(manager, short.location!);
    const later = await manager.post(`${short.location!}/confirm`); // one row of Rutland's 40: confirmed (16.8)
    expect(await waitForImport(manager, later.location!)).toMatchObject({ status: 'succeeded' });
    const again = await manager.get('/changes');
    expect(again.body).toMatch(/1 change is new to you since you last marked them as seen, on /);
    const onlyNew = await manager.get('/changes?new=1');
    expect(onlyNew.body).toContain('EY555003');
    expect(onlyNew.body).not.toContain('EY555001');
    expect(onlyNew.body).toContain('checked'); // the filter stays ticked

    // each member of staff has their own mark
    const colleague = new TestClient(t.app);
    await colleague.signIn((await createTestUser(t.database, '857', 'adviser')).email);
    const theirs = (await colleague.get('/changes')).body;
    expect(theirs).toMatch(/2 changes are new to you: you have not marked any as seen yet\./);
    // an adviser cannot open imports, so the first import is named, not linked
    expect(theirs).toMatch(/The first import on \d+ \w+ \d{4} set up the register/);
    expect(theirs).not.toContain('href="/imports/');
  });
});
