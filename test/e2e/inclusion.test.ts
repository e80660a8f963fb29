import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, browserAvailable, launchBrowser, pageScrollWidth, screenshotsAtWidths } from '../support/browser.js';
import { openPGliteTestDatabase } from '../support/databases.js';
import { check, signIn } from '../support/e2e-steps.js';

/*
 * Issue 21 end to end: a setting refers a child in the portal at phone width → the referral goes to the
 * panel whose cut-off it makes → the panel allocates an Inclusion Practitioner → the practitioner is
 * told (My work and e-mail), contacts the family, books a home visit and writes a note; a second DAF
 * claim in the same financial year is refused. axe on every page; screenshots at 375 and 1280 px with SCREENSHOTS=1.
 */
const URN = 'EY920001';

const shots = async (page: Page, name: string) => {
  await check(page, name);
  if (process.env.SCREENSHOTS === '1') await screenshotsAtWidths(page, name);
};
const date = async (page: Page, prefix: string, [d, m, y]: [string, string, string]) => {
  await page.fill(`#${prefix}-day`, d);
  await page.fill(`#${prefix}-month`, m);
  await page.fill(`#${prefix}-year`, y);
};

describe.skipIf(!browserAvailable())('SEND and inclusion in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let setting: Page;
  let manager: Page;
  let practitioner: Page;
  let officer: Page;

  beforeAll(async () => {
    t = await startTestApp({ name: 'pglite', open: openPGliteTestDatabase }); // the clock stands at Monday 23 November 2026, 10:00
    await t.database.db.insertInto('providers').values({ urn: URN, la_code: '886', name: 'Acorn Tree Nursery', registers: ['EYR'], provider_type: 'Childcare on non-domestic premises', status: 'Active', town: 'Ashford', contact_email: 'office@acorn.example' }).execute();
    const jo = await createTestUser(t.database, '886', 'provider', { name: 'Jo Manager' });
    await t.database.db.insertInto('provider_users').values({ la_code: '886', user_id: jo.id, urn: URN, created_at: t.clock.now() }).execute();
    const sia = await createTestUser(t.database, '886', 'manager', { name: 'Sam Panel-Chair' });
    const ivy = await createTestUser(t.database, '886', 'adviser', { name: 'Ivy Inclusion' });
    const olu = await createTestUser(t.database, '886', 'officer', { name: 'Olu Officer' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    const page = async (email: string, width = 1280) => {
      const p = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await signIn(p, base, email);
      return p;
    };
    setting = await page(jo.email, 375);
    manager = await page(sia.email);
    practitioner = await page(ivy.email);
    officer = await page(olu.email);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the panel chair adds the panel dates with their cut-offs', async () => {
    await manager.goto(`${base}/inclusion/panels`);
    for (const [meets, cutoff] of [[['25', '11', '2026'], ['20', '11', '2026']], [['9', '12', '2026'], ['24', '11', '2026']]] as const) {
      await date(manager, 'meets', [...meets]);
      await date(manager, 'cutoff', [...cutoff]);
      await manager.getByRole('button', { name: 'Add panel' }).click();
      await expect.poll(() => manager.locator('.govuk-notification-banner').innerText()).toContain('Panel added');
    }
    await shots(manager, 'inclusion-panels');
  });

  it('a setting refers a child in the portal at phone width; it goes to the panel whose cut-off it makes', async () => {
    await setting.goto(`${base}/portal/${URN}`);
    await setting.getByRole('link', { name: 'Refer a child to the Early Years panel' }).click();
    await check(setting, 'inclusion-referral-new');
    await setting.getByLabel('First name').fill('Poppy');
    await setting.getByLabel('Last name').fill('Example');
    await date(setting, 'dob', ['10', '5', '2023']);
    await date(setting, 'started', ['1', '9', '2026']);
    await setting.getByLabel('Name', { exact: true }).fill('Pat Example');
    await setting.getByLabel('E-mail address').fill('pat@family.example');
    await setting.getByLabel('Developing').check();
    await setting.getByLabel('Social, emotional and mental health').check();
    await setting.getByLabel('Describe the child’s needs').fill('Finds transitions very hard; at risk of exclusion after hurting other children.');
    await setting.getByLabel('What the setting has tried (graduated approach)').fill('Visual timetable and a key person at transitions for six weeks, reviewed with Pat.');
    // without consent it cannot be sent, and nothing typed is lost
    await setting.getByRole('button', { name: 'Send referral' }).click();
    await expect.poll(() => setting.locator('.govuk-error-summary').innerText()).toContain('A referral cannot be sent without the parent or carer’s consent');
    expect(await setting.getByLabel('First name').inputValue()).toBe('Poppy');
    expect(await pageScrollWidth(setting)).toBeLessThanOrEqual(375);
    await shots(setting, 'inclusion-referral-no-consent');
    await setting.getByLabel('Yes', { exact: true }).check();
    await setting.getByLabel('Who gave consent').fill('Pat Example');
    await setting.getByLabel('Relationship to the child').fill('Mother');
    await date(setting, 'consentOn', ['20', '11', '2026']);
    await setting.getByLabel('Referral to the Early Years panel', { exact: false }).check();
    await setting.getByLabel('Home visits by the Early Years SEND Inclusion team').check();
    await setting.getByRole('button', { name: 'Send referral' }).click();
    await expect.poll(() => setting.locator('.govuk-notification-banner').innerText()).toContain('It will go to the Early Years panel on 9 December 2026: it missed the cut-off for the panel before');
    expect(await setting.locator('main').innerText()).toContain('Panel on 9 December 2026');
    await shots(setting, 'inclusion-referral-sent');
  });

  it('the panel allocates an Inclusion Practitioner; the practitioner is told', async () => {
    await manager.goto(`${base}/inclusion`);
    await shots(manager, 'inclusion-overview');
    await manager.getByRole('link', { name: 'Poppy Example' }).click();
    await manager.getByLabel('Meets criteria').check();
    await manager.getByLabel('Inclusion Practitioner', { exact: false }).check();
    await manager.getByLabel('Practitioner who will contact the family').selectOption({ label: 'Ivy Inclusion (0 open cases)' });
    await manager.getByLabel('The panel’s reasons').fill('At risk of exclusion with SEMH needs; the setting’s graduated approach is evidenced.');
    await check(manager, 'inclusion-decision');
    await manager.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(() => manager.locator('.govuk-notification-banner').innerText()).toContain('the practitioner, the setting and the parent have been e-mailed');
    await shots(manager, 'inclusion-referral-decided');
    const told = await t.database.db.selectFrom('outbox').select('text_body').where('subject', '=', 'A child has been allocated to you by the Early Years panel').executeTakeFirstOrThrow();
    expect(told.text_body).toContain('Contact the family by 7 December 2026');
    await setting.reload();
    expect(await setting.locator('main').innerText()).toContain('An adviser will be in contact by 7 December 2026');
  });

  it('the practitioner contacts the family, books a home visit and writes a note', async () => {
    await practitioner.goto(`${base}/my-work`);
    await practitioner.locator('a[href^="/inclusion/children/"]').first().click();
    await shots(practitioner, 'inclusion-child');
    await practitioner.getByLabel('A contact with the family or setting').check();
    await practitioner.getByLabel('Telephone').check();
    await date(practitioner, 'on', ['23', '11', '2026']);
    await practitioner.getByLabel('Details').fill('Spoke to Pat; agreed a home visit next Monday.');
    await practitioner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => practitioner.locator('.govuk-notification-banner').innerText()).toContain('Contact recorded');
    await practitioner.getByLabel('A visit (book it)').check();
    await practitioner.getByLabel('Home visit').check();
    await practitioner.getByLabel('For a visit: time').fill('10:00');
    await date(practitioner, 'on', ['30', '11', '2026']);
    await practitioner.getByLabel('Details').fill('Home visit with Pat at 12 Hill Road');
    await practitioner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => practitioner.locator('.govuk-notification-banner').innerText()).toContain('Visit booked');
    await practitioner.getByLabel('A note').check();
    await date(practitioner, 'on', ['23', '11', '2026']);
    await practitioner.getByLabel('Details').fill('What is working well: Poppy settles with her key person. What we are worried about: transitions. What needs to happen: a visual timetable at home too.');
    await practitioner.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => practitioner.locator('.govuk-notification-banner').innerText()).toContain('Note recorded');
    const record = await practitioner.locator('main').innerText();
    expect(record).toContain('Visit (Home visit, 10:00): 30 November 2026');
    expect(record).toContain('7 December 2026 (made 23 November 2026)');
    await shots(practitioner, 'inclusion-child-worked');
  });

  it('a second Disability Access Fund claim in the same financial year is refused with the reason', async () => {
    await officer.goto(`${base}/inclusion/daf`);
    for (let i = 0; i < 2; i++) {
      await officer.getByLabel('Child and nominated setting').selectOption({ label: 'Poppy Example at Acorn Tree Nursery' });
      await officer.getByLabel('Disability Living Allowance evidence seen').fill('DLA award letter dated 1 October 2026');
      await officer.getByRole('button', { name: 'Record claim' }).click();
      await expect.poll(() => officer.locator('.govuk-notification-banner').innerText()).toContain(i === 0 ? 'DAF payment recorded for 2026-27' : 'Claim refused: DAF has already been paid for this child in 2026-27, to Acorn Tree Nursery');
    }
    await shots(officer, 'inclusion-daf');
  });

  it('a drop-in series is generated, booked by the setting with its paperwork, and attended', async () => {
    await officer.goto(`${base}/inclusion/drop-ins`);
    await officer.getByLabel('Title').fill('SEND drop-in');
    await date(officer, 'starts', ['4', '12', '2026']);
    await date(officer, 'until', ['31', '12', '2026']);
    await officer.getByLabel('Online meeting link').fill('https://meet.example/send-drop-in');
    await officer.getByRole('button', { name: 'Add drop-ins' }).click();
    await expect.poll(() => officer.locator('.govuk-notification-banner').innerText()).toContain('1 drop-in added (bank holidays skipped)'); // 25 December skipped
    await shots(officer, 'inclusion-dropins');
    await setting.goto(`${base}/portal/${URN}`);
    await setting.getByRole('link', { name: 'Book a SEND drop-in' }).click();
    await check(setting, 'inclusion-portal-dropins');
    await setting.getByRole('link', { name: 'Book 4 December 2026 at 09:30' }).click();
    await setting.getByLabel('Paperwork').fill('Poppy (3) finds transitions hard; we tried a visual timetable. We would like ideas for lunchtimes.');
    await setting.getByRole('button', { name: 'Book with this paperwork' }).click();
    await expect.poll(() => setting.locator('.govuk-notification-banner').innerText()).toContain('Drop-in booked with your paperwork');
    expect(await pageScrollWidth(setting)).toBeLessThanOrEqual(375);
    await shots(setting, 'inclusion-portal-dropin-booked');
    await officer.reload();
    await officer.getByRole('link', { name: '4 December 2026 09:30' }).click();
    await officer.getByLabel('Yes').check();
    await officer.getByLabel('Short note').fill('Ideas for lunchtimes shared');
    await check(officer, 'inclusion-dropin-slot');
    await officer.getByRole('button', { name: 'Record attendance' }).click();
    await expect.poll(() => officer.locator('.govuk-notification-banner').innerText()).toContain('Attendance recorded');
  });

  it('the inclusion fund, Area SENCo and report pages pass axe', async () => {
    for (const [path, name] of [['/inclusion/fund', 'inclusion-fund'], ['/inclusion/area-senco', 'inclusion-area-senco'], ['/inclusion/report', 'inclusion-report'], ['/inclusion/settings', 'inclusion-settings']] as const) {
      const page = path === '/inclusion/settings' ? manager : officer;
      await page.goto(`${base}${path}`);
      await shots(page, name);
    }
    expect(await officer.locator('svg.app-chart title').textContent()).toBe('Referrals sent to the Early Years panel per month, last 12 months');
  });
});
