import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, STEP_TIMEOUT_MS, browserAvailable, expectAccessible, launchBrowser, screenshot } from '../support/browser.js';
import { openPGliteTestDatabase } from '../support/databases.js';
import { SHARED_DATA } from '../support/ofsted-files.js';

describe.skipIf(!browserAvailable())('Ofsted import and provider register in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({ name: 'pglite', open: openPGliteTestDatabase });
    t.clock.set(new Date());
    const manager = await createTestUser(t.database, '886', 'manager', { name: 'Sam Senior' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(manager.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function check(label: string) {
    await expectAccessible(page, label);
    await screenshot(page, label);
  }

  it('an empty register says what to do next', async () => {
    await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Providers', exact: true }).click();
    expect(await page.locator('h2').first().innerText()).toBe('No providers yet');
    await check('providers-empty');
  });

  it('uploads Ofsted’s file, watches its progress and sees the summary', async () => {
    await page.goto(`${base}/imports`);
    await check('imports-empty');
    await page.getByRole('button', { name: 'Import an Ofsted file' }).click();
    await check('imports-upload');
    await page.getByRole('button', { name: 'Import file' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await check('imports-upload-error');
    await page.getByLabel('Upload a file').setInputFiles(path.join(SHARED_DATA, 'ofsted_providers_2021-08-31_sample.csv'));
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('.govuk-panel__title').textContent(), { timeout: STEP_TIMEOUT_MS }).toContain('Import complete');
    expect(await page.locator('.govuk-panel').innerText()).toContain('2,061 new, 0 changed, 0 rejected');
    await check('imports-summary');
    await page.goto(`${base}/imports`);
    await check('imports-history');
  });

  it('searches and filters the register, and opens a provider', async () => {
    await page.goto(`${base}/providers`);
    await check('providers');
    await page.getByLabel('Latest outcome').selectOption('requires_improvement');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    const outcomes = await page.locator('tbody tr td:last-child').allInnerTexts();
    expect(outcomes.every((o) => o.startsWith('Requires improvement, inspected'))).toBe(true);
    await check('providers-filtered');
    await page.getByLabel('Search by name, URN or postcode').fill('EY485159');
    await page.getByLabel('Latest outcome').selectOption('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Greenview Nursery' }).click();
    expect(await page.locator('.govuk-inset-text').innerText()).toContain('Latest outcome: Good, inspected 18 August 2016');
    await check('provider');
  });

  it('records a report card by hand and sees it on the provider and in Changes from Ofsted', async () => {
    await page.getByRole('button', { name: 'Record an inspection outcome' }).click();
    await check('provider-record-inspection');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await check('provider-record-inspection-errors');
    await page.getByLabel('Early Years Register inspection (graded or report card)').check();
    await page.getByLabel('Day', { exact: true }).fill('12');
    await page.getByLabel('Month', { exact: true }).fill('11');
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByLabel('Leadership and governance').selectOption('urgent_improvement');
    await page.getByLabel('Inclusion').selectOption('expected_standard');
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await page.waitForURL(`${base}/providers/EY485159`);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Inspection outcome of 12 November 2026 recorded');
    expect(await page.locator('table').first().innerText()).toContain('Urgent improvement');
    expect(await page.locator('.govuk-inset-text').innerText()).toContain('Latest outcome: Report card: Urgent improvement in Leadership and governance, inspected 12 November 2026');
    await check('provider-with-report-card');
    await page.getByRole('link', { name: 'Changes from Ofsted' }).click();
    expect(await page.locator('tbody').innerText()).toContain('Greenview Nursery');
    expect(await page.locator('tbody').innerText()).toContain('Good → Report card: Urgent improvement in Leadership and governance');
    // the uploaded file was Kent's first: it set up the register, and is not listed provider by provider
    expect(await page.locator('main').innerText()).toMatch(/The first import on \d+ \w+ \d{4} set up the register with [\d,]+ providers\./);
    await check('changes');
    // the change is new to this member of staff until they mark it as seen
    expect(await page.locator('.govuk-inset-text').innerText()).toContain('1 change is new to you');
    await page.getByRole('button', { name: 'Mark all as seen' }).click();
    await page.waitForURL(`${base}/changes`);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Changes marked as seen');
    expect(await page.locator('main').innerText()).toContain('Nothing new since you last marked the changes as seen');
    await check('changes-seen');
  });
});
