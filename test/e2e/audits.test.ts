import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, browserAvailable } from '../support/browser.js';
import { allocateToFirst, check, recordOutcome, signIn, startKentJourney } from '../support/e2e-steps.js';

/*
 * Every shipped audit completed in the browser by the role that does it: staff audits from a visit
 * (the visit plan suggests SSTEW at visit 7) and on their own, the setting's out-of-school
 * self-assessment in the portal at phone width, staff review and comparison, the LA report and the
 * template pages. axe on every page, charts included.
 */
describe.skipIf(!browserAvailable())('audits in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let stop: () => Promise<void>;
  let staff: Page;
  let setting: Page;
  let urn: string;
  let pathwayId: string;

  /** Answers every question on each section page: "Yes", or the best point, unless `choose` says otherwise. */
  async function answerAll(page: Page, label: string, choose: Record<string, string> = {}) {
    for (let section = 1; ; section++) {
      if (section === 1) await check(page, `${label}-section`);
      const groups = await page.locator('.govuk-radios').evaluateAll((els) =>
        els.map((g) => {
          const inputs = Array.from(g.querySelectorAll('input'));
          return { name: inputs[0]!.name, yes: inputs.some((i) => i.value === 'yes') ? 'yes' : undefined, best: inputs.at(-1)!.value };
        }),
      );
      for (const g of groups) {
        await page.locator(`input[name="${g.name}"][value="${choose[g.name] ?? g.yes ?? g.best}"]`).check();
      }
      const next = page.getByRole('button', { name: /Save and (continue|finish)/ });
      const finishing = (await next.innerText()).includes('finish');
      await next.click();
      // wait for the next page before reading its questions (under load the old page lingers)
      await page.waitForURL((url) => (finishing ? !/\/sections\/\d+$/.test(url.pathname) : url.pathname.endsWith(`/sections/${section + 1}`)));
      if (finishing) break;
    }
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Completed');
    await check(page, `${label}-summary`);
  }

  beforeAll(async () => {
    ({ t, base, browser, stop } = await startKentJourney());
    const sia = await createTestUser(t.database, '886', 'manager', { name: 'Sally Senior' });
    const provider = await createTestUser(t.database, '886', 'provider', { name: 'Jo Manager' });
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    await t.database.db.insertInto('provider_users').values({ la_code: '886', user_id: provider.id, urn, created_at: t.clock.now() }).execute();
    staff = await (await browser.newContext()).newPage();
    setting = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await signIn(staff, base, sia.email);
    await signIn(setting, base, provider.email);
    // an RI pathway allocated to the SIA, visit 7 (whose plan says "Agree the best time to conduct a SSTEW audit") booked
    await recordOutcome(staff, base, urn, 'requires_improvement', ['20', '11', '2026']);
    pathwayId = (await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow()).id;
    await allocateToFirst(staff, base, pathwayId);
    await t.database.db.updateTable('visits').set({ status: 'booked', booked_for: new Date('2026-11-23T09:00:00Z') }).where('pathway_id', '=', pathwayId).where('number', '=', 7).execute();
  }, 120_000);
  afterAll(() => stop?.());

  it('visit 7’s plan suggests the SSTEW audit; two "minimal" answers become two actions on the plan', async () => {
    await staff.goto(`${base}/pathways/${pathwayId}`);
    await staff.getByRole('link', { name: 'Audit at Visit 7' }).click();
    expect(await staff.locator('.govuk-inset-text').innerText()).toContain('We have chosen the SSTEW audit');
    await check(staff, 'audit-start');
    await staff.getByRole('button', { name: 'Start audit' }).click();
    await answerAll(staff, 'audit-sstew', { item_5: '3', item_12: '3' });
    const main = await staff.locator('main').innerText();
    expect(main).toContain('Answered low');
    expect(main).toContain('(mean 6.4)');
    await staff.getByRole('button', { name: 'Add to action plan' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('2 actions added to the action plan');
    await staff.goto(`${base}/providers/${urn}/action-plan`);
    expect(await staff.locator('table').innerText()).toContain('Item 5. Encouraging children to talk with others');
  }, 240_000);

  it('staff complete the SAWR, two-year-old and grade descriptors audits and share one with the setting', async () => {
    for (const [name, label] of [['Safeguarding and welfare requirements (SAWR) audit', 'audit-sawr'], ['Two-year-old audit', 'audit-two'], ['Grade descriptors self-evaluation', 'audit-grades']] as const) {
      await staff.goto(`${base}/providers/${urn}/audits`);
      await staff.getByLabel(name).check();
      await staff.getByRole('button', { name: 'Start audit' }).click();
      await answerAll(staff, label);
      expect(await staff.locator('main').innerText()).toContain('Overall: 100%');
    }
    await staff.getByRole('button', { name: 'Share with the setting' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('Shared with the setting');
  }, 240_000);

  it('the setting does the out-of-school self-assessment on a phone and reads the shared audit; staff review and compare', async () => {
    await setting.goto(`${base}/portal/${urn}`);
    expect(await setting.locator('main').innerText()).toContain('Grade descriptors self-evaluation');
    await setting.getByRole('link', { name: 'See all, or do a self-assessment' }).click();
    await check(setting, 'portal-audits');
    await setting.getByLabel('Partnership working in out of school settings: self-assessment').check();
    await setting.getByRole('button', { name: 'Start' }).click();
    await setting.getByText('What good looks like').first().click();
    expect(await setting.locator('main').innerText()).toContain('Two-way partnerships with the primary school teachers');
    await answerAll(setting, 'portal-oos', { parents_views: 'no' });
    await setting.goto(`${base}/portal/${urn}/audits`);
    await setting.getByLabel('Early education funding (FEEE) self-evaluation').check();
    await setting.getByRole('button', { name: 'Start' }).click();
    await answerAll(setting, 'portal-feee-self-evaluation');
    await setting.goto(`${base}/portal/${urn}/audits`);
    await setting.getByRole('link', { name: 'Audit: Grade descriptors self-evaluation' }).click();
    await check(setting, 'portal-shared-audit');

    await staff.goto(`${base}/providers/${urn}/audits`);
    await check(staff, 'audits-provider');
    await staff.getByRole('link', { name: 'Self-assessment: Partnership working in out of school settings: self-assessment' }).click();
    await staff.getByLabel('Your comments on the setting’s self-assessment (optional)').fill('Agreed: parents’ views next');
    await staff.getByRole('button', { name: 'Mark as reviewed' }).click();
    expect(await staff.locator('main').innerText()).toContain('Reviewed on 23 November 2026');
  }, 240_000);

  it('trends, the LA report and the template pages pass axe', async () => {
    await staff.goto(`${base}/providers/${urn}/audits/trend/sstew`);
    await check(staff, 'audit-trend');
    await staff.goto(`${base}/audit-reports?template=sstew`);
    expect(await staff.locator('main').innerText()).toContain('1 provider');
    await check(staff, 'audit-report');
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, base, (await createTestUser(t.database, '886', 'admin')).email);
    await admin.goto(`${base}/audit-templates`);
    await check(admin, 'audit-templates');
    await admin.getByRole('link', { name: 'Partnership working in out of school settings: self-assessment' }).click();
    await check(admin, 'audit-template');
    await admin.getByRole('link', { name: 'Change sections and questions' }).click();
    await check(admin, 'audit-template-form');
    await admin.getByRole('button', { name: 'Save as a new version' }).click();
    expect(await admin.locator('.govuk-notification-banner, main').first().innerText()).toContain('version 2 saved');
    await admin.getByRole('link', { name: 'Change as JSON (advanced)' }).click();
    await check(admin, 'audit-template-edit');
  }, 240_000);
});
