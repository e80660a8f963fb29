import type { Browser, Page } from 'playwright-core';
import { runImport } from '../../src/modules/ofsted-import/service.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from './app.js';
import { expectAccessible, launchBrowser, screenshot } from './browser.js';
import { openPGliteTestDatabase } from './databases.js';
import { kentFile } from './ofsted-files.js';

/** Steps the browser journeys share. */

export async function signIn(page: Page, base: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** axe with no violations, then a screenshot (kept when SCREENSHOTS=1). */
export async function check(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
  await screenshot(page, label);
}

export async function fillDate(page: Page, day: string, month: string, year: string): Promise<void> {
  await page.getByLabel('Day', { exact: true }).fill(day);
  await page.getByLabel('Month', { exact: true }).fill(month);
  await page.getByLabel('Year', { exact: true }).fill(year);
}

/** Staff record a graded Early Years Register outcome on the provider page's form. */
export async function recordOutcome(page: Page, base: string, urn: string, overall: string, date: [string, string, string]): Promise<void> {
  await page.goto(`${base}/providers/${urn}/inspections/new`);
  await page.getByLabel('Early Years Register inspection (graded or report card)').check();
  await fillDate(page, ...date);
  await page.getByLabel('Overall outcome').selectOption(overall);
  await page.getByRole('button', { name: 'Record outcome' }).click();
  await page.waitForURL(`${base}/providers/${urn}`); // the outcome (and the pathway it starts) is saved
}

/** Allocates a pathway to the first adviser offered. */
export async function allocateToFirst(page: Page, base: string, pathwayId: string): Promise<void> {
  await page.goto(`${base}/pathways/${pathwayId}/allocate`);
  await page.getByLabel('Improvement Adviser').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Allocate' }).click();
  await page.waitForURL(`${base}/pathways/${pathwayId}`); // the visit plan exists once this page shows
}

/** A journey's world: the app on PGlite with Kent's providers from Ofsted's 31 August 2021 file, listening, and Chromium. */
export async function startKentJourney(): Promise<{ t: TestApp; base: string; browser: Browser; stop(): Promise<void> }> {
  const t = await startTestApp({ name: 'pglite', open: openPGliteTestDatabase });
  await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent-2021-08-31.csv', laCode: '886', startedBy: null, asAt: '2021-08-31' });
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    t, base, browser,
    async stop() {
      await browser.close();
      await t.close();
    },
  };
}
