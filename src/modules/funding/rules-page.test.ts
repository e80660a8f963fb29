import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { rulesFor } from './repository.js';

const LEICESTERSHIRE = '855';

describe.each(testDatabases())('an LA’s own funding rules page, on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await t.database.db.insertInto('providers').values({ urn: 'EY855001', la_code: LEICESTERSHIRE, name: 'Wigston Day Nursery', registers: ['EYR'], provider_type: 'Childcare on non-domestic premises', status: 'Active', address_line1: '1 High Street', town: 'Wigston' }).execute();
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, LEICESTERSHIRE, 'admin')).email);
  });
  afterAll(() => t?.close());

  it('starts from the neutral policy (never Kent’s), records insufficient provision for its own settings, and keeps what was typed', async () => {
    const page = await admin.get('/funding/rules');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Kent');
    expect(page.body).toContain('Our funding policy');
    const form = {
      reportCardLowestArea: 'expected_standard', reportCardSafeguardingMet: 'yes', withdrawOnSafeguardingNotMet: 'yes', newlyRegisteredFf2: 'yes', newlyRegisteredThreeFour: 'yes', newlyRegisteredUnderThrees: 'yes',
      childRecordRetentionYears: '7', unfinishedAuditChildMonths: '12', withdrawalAppliesTo: 'all_children', ff2ContinuesWhereProvisionInsufficient: 'yes',
      'ip0_urn': 'EY999999', 'ip0_reason': 'No Good nursery within reach by bus', 'ip0_recorded-day': '10', 'ip0_recorded-month': '11', 'ip0_recorded-year': '2026', 'ip0_review-day': '10', 'ip0_review-month': '5', 'ip0_review-year': '2027',
      policy_title: 'Leicestershire funding policy',
    };
    const unknown = await admin.post('/funding/rules', form);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('href="#ip0_urn">No setting of yours has the URN EY999999');
    expect(unknown.body).toMatch(/name="policy_title"[^>]*value="Leicestershire funding policy"/);
    const badDate = await admin.post('/funding/rules', { ...form, ip0_urn: 'EY855001', 'ip0_review-year': '2025' });
    expect(badDate.body).toContain('The review date (row 1) must be after the date it was recorded');
    expect((await admin.post('/funding/rules', { ...form, ip0_urn: 'ey855001' })).status).toBe(303);
    const { rules } = await rulesFor(t.database.db, LEICESTERSHIRE);
    expect(rules).toMatchObject({ withdrawalAppliesTo: 'all_children', ff2ContinuesWhereProvisionInsufficient: true, insufficientProvision: [{ urn: 'EY855001', reason: 'No Good nursery within reach by bus', recordedOn: '2026-11-10', reviewBy: '2027-05-10' }] });
    expect(rules.policy?.title).toBe('Leicestershire funding policy');
    expect(rules.policy?.inadequate).toContain('we withdraw funding for places that start after the inspection report');
    const again = await admin.get('/funding/rules');
    expect(again.body).toMatch(/name="ip0_urn"[^>]*value="EY855001"/);
    expect(again.body).toContain('Add a setting');
  });
});
