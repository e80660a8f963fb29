import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { editedCsv, kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { canLink, nextStages, normaliseUrn } from './rules.js';

const KENT = '886';
const NEW_URN = 'EY999001';

describe('prospective provider stages: "support proposed childcare providers through the Ofsted registration process"', () => {
  it('enquiry → application to Ofsted → registered, registered only by linking the URN', () => {
    expect(nextStages('enquiry')).toEqual(['applied', 'withdrawn']);
    expect(nextStages('applied')).toEqual(['enquiry', 'withdrawn']);
    expect(nextStages('registered')).toEqual([]);
    expect(canLink('applied')).toBe(true);
    expect(canLink('withdrawn')).toBe(false);
    expect(normaliseUrn(' ey 999001 ')).toBe('EY999001');
    expect(normaliseUrn('2123456')).toBe('2123456');
    expect(normaliseUrn('nursery')).toBeNull();
  });
});

describe.each(testDatabases())('prospective providers on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let other: TestClient;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    officer = new TestClient(t.app);
    await officer.signIn((await createTestUser(t.database, KENT, 'officer', { name: 'Cis Officer' })).email);
    other = new TestClient(t.app);
    await other.signIn((await createTestUser(t.database, '857', 'admin')).email);
  });
  afterAll(() => t.close());

  it('an enquiry becomes a record; what was typed survives an error', async () => {
    const bad = await officer.post('/prospective', { name: 'Amy Smith', contactEmail: 'not an email', area: '' });
    expect(bad.status).toBe(400);
    for (const m of ['Enter the name of the person to contact', 'Enter an e-mail address like name@example.com', 'Select the planned provision', 'Enter the area (ward, town or village)', 'Enter the date of the enquiry']) expect(bad.body).toContain(m);
    expect(bad.body).toContain('value="Amy Smith"');
    const ok = await officer.post('/prospective', { name: 'Amy Smith', contactName: 'Amy Smith', contactEmail: 'amy@example.org', plannedProvision: 'childminder', plannedPlaces: '6', area: 'Bearsted', 'enquiry-day': '2', 'enquiry-month': '9', 'enquiry-year': '2026', summary: 'Wants to register as a childminder' });
    id = ok.location!.split('/').pop()!;
    await officer.post(`/prospective/${id}/stage`, { stage: 'applied', 'stage-day': '1', 'stage-month': '10', 'stage-year': '2026', note: 'Application sent to Ofsted' });
    await officer.post(`/prospective/${id}/contacts`, { kind: 'visit', 'contact-day': '20', 'contact-month': '10', 'contact-year': '2026', summary: 'Pre-registration visit: EYFS requirements and the paperwork' });
    const page = await officer.get(`/prospective/${id}`);
    expect(page.body).toContain('Applied to Ofsted');
    expect(page.body).toContain('Visit: Pre-registration visit');
    expect((await other.get(`/prospective/${id}`)).status).toBe(404);
  });

  it('a URN not yet in Ofsted\'s data is refused; after the import it is offered, linked, and the history shows on the provider page', async () => {
    expect((await officer.post(`/prospective/${id}/link`, { urn: NEW_URN })).body).toContain(`URN ${NEW_URN} is not in your local authority&#39;s Ofsted data yet`);
    const file = editedCsv(kentFile(), () => undefined, [{ 'Provider URN': NEW_URN, 'Registration date': '10/11/2026', 'Provider type': 'Childminder', 'Provider status': 'Active', 'Individual Register combinations': 'ALL', 'Provider name': 'Amy Smith', 'Postcode': 'ME14 4AA', 'Local authority': 'Kent', 'Places': '6' }]);
    await runImport(t.database.db, t.clock, { bytes: file, fileName: 'kent-2026-11.csv', laCode: KENT, startedBy: null, asAt: '2026-11-20' });
    const page = await officer.get(`/prospective/${id}`);
    expect(page.body).toMatch(new RegExp(`value="${NEW_URN}"[^>]*>[\\s\\S]*?Amy Smith \\(URN ${NEW_URN}\\)`));
    expect((await officer.post(`/prospective/${id}/link`, { urn: NEW_URN })).status).toBe(303);
    expect((await officer.get(`/prospective/${id}`)).body).toContain(`Registered with Ofsted: URN ${NEW_URN}, registered 10 November 2026`);
    const provider = await officer.get(`/providers/${NEW_URN}`);
    expect(provider.body).toContain('Before registration');
    expect(provider.body).toContain('Pre-registration visit: EYFS requirements and the paperwork');
    expect(provider.body).toContain('Before registration (Amy Smith): Applied to Ofsted: Application sent to Ofsted');
  });
});

describe.each(testDatabases())('sustainability concern cases on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let urn: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    officer = new TestClient(t.app);
    await officer.signIn((await createTestUser(t.database, KENT, 'officer')).email);
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
  });
  afterAll(() => t.close());

  it('"a tailored package of support": a concern, the package, the business review and closure, on the provider\'s timeline', async () => {
    expect((await officer.get(`/providers/${urn}`)).body).toContain(`/sustainability/new?urn=${urn}`);
    const bad = await officer.post('/sustainability', { urn, concern: '' });
    expect(bad.body).toContain('Enter the concern');
    const res = await officer.post('/sustainability', { urn, concern: 'Numbers have fallen since the new school nursery opened', 'raised-day': '2', 'raised-month': '11', 'raised-year': '2026' });
    const id = res.location!.split('/').pop()!;
    expect((await officer.post(`/sustainability/${id}`, { part: 'close', 'closed-day': '20', 'closed-month': '11', 'closed-year': '2026', closure: 'x' })).body).toContain('Agree the package of support before closing the case');
    await officer.post(`/sustainability/${id}`, { part: 'package', package: ['one_to_one_visits', 'peer_mentoring'] });
    await officer.post(`/sustainability/${id}`, { part: 'review', 'review-day': '10', 'review-month': '11', 'review-year': '2026', businessReview: 'Fees below the local average; occupancy 60 %' });
    await officer.post(`/sustainability/${id}`, { part: 'close', 'closed-day': '20', 'closed-month': '11', 'closed-year': '2026', closure: 'Fees reviewed; occupancy back to 85 %' });
    const page = await officer.get(`/sustainability/${id}`);
    expect(page.body).toContain('One to one support visits, Peer to peer mentoring');
    expect(page.body).toContain('10 November 2026: Fees below the local average');
    expect(page.body).toContain('Closed 20 November 2026');
    const provider = await officer.get(`/providers/${urn}`);
    expect(provider.body).toContain('Sustainability concern raised: Numbers have fallen');
    expect(provider.body).toContain('Sustainability support closed: Fees reviewed; occupancy back to 85 %');
  });
});
