import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { latestInspections, sharedFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

describe.each(testDatabases())('provider register on $name', (testDb) => {
  let t: TestApp;
  let adviser: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, {
      bytes: sharedFile('ofsted_providers_2021-08-31_sample.csv'),
      fileName: 'ofsted_providers_2021-08-31_sample.csv',
      laCode: null,
      startedBy: null,
    });
    adviser = new TestClient(t.app);
    await adviser.signIn((await createTestUser(t.database, '857', 'adviser')).email);
  });
  afterAll(() => t.close());

  it('lists only the local authority’s providers, a page at a time', async () => {
    const res = await adviser.get('/providers');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Showing 1 to 25 of 40 providers');
    expect(res.body).not.toContain('Greenview Nursery'); // a Kent nursery
    const page2 = await adviser.get('/providers?page=2');
    expect(page2.body).toContain('Showing 26 to 40 of 40 providers');
  });

  it('searches by name, URN and postcode, and filters by type and outcome', async () => {
    const all = await t.database.db.selectFrom('providers').selectAll().where('la_code', '=', '857').execute();
    const nursery = all.find((p) => p.name && p.postcode)!;
    const byName = await adviser.get(`/providers?q=${encodeURIComponent(nursery.name!)}`);
    expect(byName.body).toContain(`/providers/${nursery.urn}`);
    const byUrn = await adviser.get(`/providers?q=${nursery.urn.toLowerCase()}`);
    expect(byUrn.body).toContain('Showing 1 to 1 of 1 providers');
    const byPostcode = await adviser.get(`/providers?q=${encodeURIComponent(nursery.postcode!.replace(' ', '').toLowerCase())}`);
    expect(byPostcode.body).toContain(`/providers/${nursery.urn}`);

    const minders = all.filter((p) => p.provider_type === 'Childminder').length;
    const byType = await adviser.get('/providers?type=Childminder');
    expect(byType.body).toContain(`of ${minders} providers`);

    const good = (await latestInspections(t.database.db)).filter((r) => r.la_code === '857' && r.overall === 'good');
    const byOutcome = await adviser.get('/providers?outcome=good');
    expect(byOutcome.body).toContain(`of ${good.length} providers`);
    expect(byOutcome.body).toContain('Good, inspected');
  });

  it('sorts by URN either way', async () => {
    const urns = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', '857').execute()).map((r) => r.urn).sort();
    const asc = await adviser.get('/providers?sort=urn&order=asc');
    const desc = await adviser.get('/providers?sort=urn&order=desc');
    const firstLink = (body: string) => /<td class="govuk-table__cell"><a class="govuk-link" href="\/providers\/([^"/]+)"/.exec(body)?.[1];
    expect(firstLink(asc.body)).toBe(urns[0]);
    expect(firstLink(desc.body)).toBe(urns[urns.length - 1]);
    expect(desc.body).toContain('aria-sort="descending"');
  });

  it('exports the filtered list as CSV', async () => {
    const res = await adviser.get('/providers/export.csv?type=Childminder');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="providers-2026-11-23.csv"/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toContain('URN,Name,Provider type');
    expect(lines.slice(1).every((l) => l.includes('Childminder'))).toBe(true);
    expect(res.body).toContain('Not published (childminder)');
  });

  it('a setting whose address Ofsted withholds says so on its page, in the list and in the export', async () => {
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', '857').where('name', 'is not', null).orderBy('urn').executeTakeFirstOrThrow()).urn;
    await t.database.db
      .updateTable('providers')
      .set({ address_withheld: 'women’s refuge', address_line1: null, address_line2: null, address_line3: null, town: null, postcode: null })
      .where('urn', '=', urn)
      .execute();
    const page = await adviser.get(`/providers/${urn}`);
    expect(page.body).toContain('Withheld: Ofsted asks that it is not shown (women’s refuge). EY Hub does not keep it.');
    const list = await adviser.get(`/providers?q=${urn}`);
    expect(list.body).toMatch(/<td class="govuk-table__cell app-nowrap">Withheld<\/td>/);
    const csv = await adviser.get(`/providers/export.csv?q=${urn}`);
    expect(csv.body).toContain('Withheld (women’s refuge)');
  });

  it('shows a provider with its latest outcome as staff say it, and a timeline; the view is audited', async () => {
    const provider = (await latestInspections(t.database.db)).find((r) => r.la_code === '857' && r.name !== null && r.kind === 'full')!;
    const res = await adviser.get(`/providers/${provider.urn}`);
    expect(res.status).toBe(200);
    const label = { outstanding: 'Outstanding', good: 'Good', requires_improvement: 'Requires improvement', inadequate: 'Inadequate' }[provider.overall as 'good'];
    const [y, m, d] = provider.inspection_date.split('-').map(Number);
    const when = new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(res.body).toContain(`${label}, inspected ${when}`);
    expect(res.body).toContain('Timeline');
    // the links to the setting's other records sit under their own heading, not under "Visits"
    // (the setting's Ofsted report first, then its records in EY Hub: issue 19.5)
    expect(res.body).toMatch(/<h2 class="govuk-heading-m">Records for this setting<\/h2>\s*<ul class="govuk-list app-record-links">\s*<li><a class="govuk-link" href="https:\/\/reports\.ofsted\.gov\.uk\/[^"]*">Read the setting’s Ofsted report[^<]*<\/a><\/li>\s*<li><a class="govuk-link" href="\/providers\/\d+\/portal-access">/);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', provider.urn).execute();
    expect(audit.map((a) => a.action)).toContain('provider.viewed');
  });

  it('staff record a report card by hand; it is marked, shown as a table and becomes a change', async () => {
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', '857').where('provider_type', '=', 'Childcare on non-domestic premises').executeTakeFirstOrThrow()).urn;
    await adviser.get(`/providers/${urn}/inspections/new`);
    const invalid = await adviser.post(`/providers/${urn}/inspections`, { kind: 'full', 'date-day': '31', 'date-month': '2', 'date-year': '2026' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('The inspection date must be a real date');
    expect(invalid.body).toContain('Select the overall outcome, or enter the report card grades');
    expect(invalid.body).toContain('value="31"');

    const ok = await adviser.post(`/providers/${urn}/inspections`, {
      kind: 'full',
      'date-day': '12',
      'date-month': '11',
      'date-year': '2026',
      overall: '',
      rc_inclusion: 'expected_standard',
      rc_leadership_and_governance: 'needs_attention',
      safeguarding: 'met',
    });
    expect(ok.status).toBe(303);
    const page = await adviser.get(`/providers/${urn}`);
    expect(page.body).toContain('Report card: Needs attention in Leadership and governance, inspected 12 November 2026');
    expect(page.body).toContain('Leadership and governance');
    expect(page.body).toContain('Needs attention');
    expect(page.body).toContain('Entered by staff');
    const change = await t.database.db.selectFrom('ofsted_changes').selectAll().where('urn', '=', urn).where('source', '=', 'staff').executeTakeFirstOrThrow();
    expect(change.change_type).toBe('new_inspection_outcome');
    expect(change.event_date).toBe('2026-11-12');
  });

  it('the list follows the latest outcome: a newly recorded inspection is filtered and sorted by, and removing it restores the previous one', async () => {
    const good = (await latestInspections(t.database.db)).filter((r) => r.la_code === '857' && r.overall === 'good');
    const nursery = { urn: good.at(-1)!.urn };
    const inadequateBefore = await adviser.get('/providers?outcome=inadequate');
    expect(inadequateBefore.body).not.toContain(`/providers/${nursery.urn}"`);
    expect((await adviser.post(`/providers/${nursery.urn}/inspections`, { kind: 'full', 'date-day': '13', 'date-month': '11', 'date-year': '2026', overall: 'inadequate' })).status).toBe(303);
    const inadequate = await adviser.get('/providers?outcome=inadequate');
    expect(inadequate.body).toContain(`/providers/${nursery.urn}"`);
    const firstLink = (body: string) => /<td class="govuk-table__cell"><a class="govuk-link" href="\/providers\/([^"/]+)"/.exec(body)?.[1];
    expect(firstLink((await adviser.get('/providers?sort=inspected&order=desc')).body)).toBe(nursery.urn);
    // a statement that removes the inspection (not a path the service has, but the columns must follow any write)
    await t.database.db.deleteFrom('inspections').where('urn', '=', nursery.urn).where('inspection_date', '=', '2026-11-13').execute();
    expect((await adviser.get('/providers?outcome=inadequate')).body).not.toContain(`/providers/${nursery.urn}"`);
  });

  it('staff record a welfare requirements notice', async () => {
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', '857').orderBy('urn', 'desc').executeTakeFirstOrThrow()).urn;
    await adviser.get(`/providers/${urn}/enforcement/new`);
    const missing = await adviser.post(`/providers/${urn}/enforcement`, {});
    expect(missing.body).toContain('Select the type of enforcement or status event');
    expect(missing.body).toContain('Enter the date of the event');
    await adviser.post(`/providers/${urn}/enforcement`, { eventType: 'welfare_requirements_notice', 'date-day': '2', 'date-month': '11', 'date-year': '2026', details: '<b>Ratios</b>' });
    const page = await adviser.get(`/providers/${urn}`);
    expect(page.body).toContain('Welfare requirements notice');
    expect(page.body).toContain('&lt;b&gt;Ratios&lt;/b&gt;');
    const changes = await adviser.get('/changes?type=enforcement');
    expect(changes.body).toContain(`/providers/${urn}`);
  });

  it('another local authority’s provider is not found', async () => {
    const kent = await adviser.get('/providers/EY485159');
    expect(kent.status).toBe(404);
    expect(kent.body).not.toContain('Greenview');
  });
});
