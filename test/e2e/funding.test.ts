import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/modules/ofsted-import/service.js';
import { deliverDue } from '../../src/modules/outbox/worker.js';
import { createTestUser, startTestApp, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, STEP_TIMEOUT_MS, browserAvailable, launchBrowser } from '../support/browser.js';
import { check, fillDate, signIn } from '../support/e2e-steps.js';
import { openPGliteTestDatabase } from '../support/databases.js';
import { editedCsv, kentFile } from '../support/ofsted-files.js';
import { TestSmtpServer } from '../support/smtp.js';
import { fundedChildrenCsv } from '../support/funding.js';

const GREENVIEW = 'EY485159';

/*
 * Issue 8 end to end in Chromium: an Ofsted file turns a Good setting Inadequate → the rules
 * propose withdrawal → the SIA confirms → the letter reaches a real SMTP server → FF2 is "not
 * eligible" from that date; and a FEEE audit of 40 children, 10 sampled, 2 dates of birth that
 * differ from the birth certificates → findings and a report. axe on every page.
 */
describe.skipIf(!browserAvailable())('funding eligibility and FEEE audits in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let sia: Page;
  let newerFile: string;
  let childrenFile: string;
  const smtp = new TestSmtpServer();


  beforeAll(async () => {
    t = await startTestApp({ name: 'pglite', open: openPGliteTestDatabase });
    const original = kentFile();
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(original), fileName: 'kent-2021-08-31.csv', laCode: '886', startedBy: null, asAt: '2021-08-31' });
    await t.database.db.updateTable('providers').set({ contact_email: 'office@greenview.example' }).where('urn', '=', GREENVIEW).execute();
    const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-funding-'));
    newerFile = path.join(dir, 'ofsted_providers_kent_2026-11-20.csv');
    writeFileSync(newerFile, editedCsv(original, (row) => {
      if (row['Provider URN'] === GREENVIEW) Object.assign(row, { 'Most recent full: Inspection date': '16/11/2026', 'Most recent full: Overall effectiveness': '4', 'Most recent full: Inspection number': '10301234' });
    }));
    childrenFile = path.join(dir, 'funded-children-autumn-2026.csv');
    writeFileSync(childrenFile, fundedChildrenCsv(40));
    const email = (await createTestUser(t.database, '886', 'manager', { name: 'Sally Senior' })).email;
    await smtp.start();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    sia = await (await browser.newContext()).newPage();
    await signIn(sia, base, email);
  }, 120_000);
  afterAll(async () => {
    await smtp.stop();
    await browser?.close();
    await t?.close();
  });

  it('an import makes Greenview Inadequate; the SIA confirms the proposed withdrawal and the letter is e-mailed; FF2 is not eligible from that date', async () => {
    await sia.goto(`${base}/funding`);
    await sia.getByLabel('Provider name or URN').fill('Greenview');
    await sia.getByRole('button', { name: 'Show' }).click();
    expect(await sia.locator('table').innerText()).toContain('Greenview Nursery');
    await check(sia, 'funding-list');
    await sia.goto(`${base}/imports/new`);
    await sia.getByLabel('Upload a file').setInputFiles(newerFile);
    await sia.getByRole('button', { name: 'Import file' }).click();
    await sia.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await expect.poll(() => sia.locator('.govuk-panel__title').textContent(), { timeout: STEP_TIMEOUT_MS }).toContain('Import complete');

    await sia.goto(`${base}/my-work`);
    await sia.getByRole('link', { name: 'Confirm funding decision' }).first().click();
    const proposal = await sia.locator('main').innerText();
    expect(proposal).toContain('Greenview Nursery');
    expect(proposal).toContain('will withdraw funding for any subsequent early learning places for two, three and four year olds');
    await check(sia, 'funding-decision');
    await sia.getByLabel('Confirm the proposed decision').check();
    await fillDate(sia, '24', '11', '2026');
    await sia.getByRole('button', { name: 'Save decision and send the letter' }).click();
    expect(await sia.locator('.govuk-notification-banner').innerText()).toContain('the letter is e-mailed to the setting');
    await check(sia, 'funding-decided');

    expect(await deliverDue(t.database.db, smtp.transport(), 'eyhub@kent.example', t.clock)).toMatchObject({ failed: 0 });
    const letter = smtp.received.find((m) => m.subject === 'Early education funding decision: Greenview Nursery');
    expect(letter?.to).toMatchObject({ text: 'office@greenview.example' });
    expect(letter?.attachments[0]?.filename).toBe(`funding-decision-${GREENVIEW}.pdf`);

    await sia.goto(`${base}/funding?date-day=24&date-month=11&date-year=2026&stream=ff2&status=not_eligible&q=Greenview`);
    expect(await sia.locator('table').innerText()).toContain('Greenview Nursery');
    await sia.goto(`${base}/funding?date-day=23&date-month=11&date-year=2026&stream=ff2&status=not_eligible&q=Greenview`);
    expect(await sia.locator('main').innerText()).not.toContain('Greenview Nursery');
    await sia.goto(`${base}/providers/${GREENVIEW}/funding`);
    await check(sia, 'funding-provider');
    await sia.goto(`${base}/funding/rules`);
    await check(sia, 'funding-rules');
  }, 240_000);

  it('an FEEE audit of 40 funded children, 10 sampled, finds the 2 dates of birth that differ from the birth certificates and reports', async () => {
    await sia.goto(`${base}/providers/${GREENVIEW}/feee-audits`);
    await check(sia, 'feee-plan');
    await sia.getByLabel('Document check: birth certificates against PSOUs').check();
    await sia.getByLabel('Term audited').fill('Autumn 2026');
    await sia.getByLabel('Routine sample').check();
    await sia.getByRole('button', { name: 'Plan audit' }).click();
    await sia.getByLabel('Import the funded children for Autumn 2026').setInputFiles(childrenFile);
    await sia.getByRole('button', { name: 'Import children' }).click();
    await expect.poll(() => sia.locator('.govuk-notification-banner').innerText(), { timeout: STEP_TIMEOUT_MS }).toContain('40 funded children imported');
    await sia.getByLabel('A random sample', { exact: true }).check();
    await sia.getByLabel('How many (for a random sample)').fill('10');
    await sia.getByLabel('Seed (optional)').fill('2026');
    await sia.getByRole('button', { name: 'Pick children' }).click();
    expect(await sia.locator('.govuk-notification-banner').innerText()).toContain('10 children picked at random (seed 2026');
    await check(sia, 'feee-audit');

    const refs = (await sia.locator('table').first().locator('tbody tr td:first-child').allInnerTexts()).map((r) => r.replace(/: record what you saw$/, '').trim());
    expect(refs).toHaveLength(10);
    for (const [i, ref] of refs.entries()) {
      await sia.locator('table').first().getByRole('link', { name: new RegExp(`^${ref}\\b`) }).click();
      await sia.waitForURL(/\/children\/[0-9a-f-]{36}$/);
      if (i === 0) await check(sia, 'feee-child');
      const claimed = (await sia.locator('.govuk-summary-list__value').first().innerText()).trim(); // "2 March 2022"
      const [day, monthName, year] = claimed.split(' ');
      const month = String(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].indexOf(monthName!) + 1);
      await sia.getByLabel('Yes', { exact: true }).first().check();
      await sia.locator('input[name="psouSigned"][value="yes"]').check();
      await sia.getByLabel('Hours on the PSOU').fill('15');
      await sia.getByLabel('Birth certificate').check();
      await fillDate(sia, day!, month, i < 2 ? String(Number(year) - 1) : year!);
      await sia.locator('input[name="codeChecked"][value="yes"]').check();
      if (i === 0) await sia.getByLabel('Money to recover for this child (optional)').fill('456.30');
      await sia.getByRole('button', { name: 'Save' }).click();
      await sia.waitForURL(/\/feee-audits\/[0-9a-f-]{36}#funded-children$/);
    }
    const main = await sia.locator('main').innerText();
    expect(main.match(/Date of birth differs from the proof/g)).toHaveLength(2);
    expect(main).toContain('Total to recover: £456.30');
    await sia.getByLabel('Recovery of funding').check();
    await sia.getByLabel('Summary for the report').fill('Two birth certificates did not match the dates claimed.');
    await sia.getByLabel('Follow-up actions for the setting (one per line)').fill('Check proof of date of birth for every funded child');
    await sia.getByLabel('Email/telephone support').check();
    await sia.getByRole('button', { name: 'Complete and send the report' }).click();
    expect(await sia.locator('.govuk-notification-banner').innerText()).toContain('the report is e-mailed to the setting');
    await check(sia, 'feee-completed');
    expect(await deliverDue(t.database.db, smtp.transport(), 'eyhub@kent.example', t.clock)).toMatchObject({ failed: 0 });
    const report = smtp.received.find((m) => m.subject === 'Early education funding audit: Greenview Nursery');
    expect(report?.attachments[0]?.contentType).toBe('application/pdf');
  }, 240_000);
});
