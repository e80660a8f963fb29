import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/db/types.js';
import { createTestUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, browserAvailable, expectAccessible, launchBrowser, screenshot } from '../support/browser.js';
import { openPGliteTestDatabase } from '../support/databases.js';

describe.skipIf(!browserAvailable())('foundation journeys in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ name: 'pglite', open: openPGliteTestDatabase });
    t.clock.set(new Date()); // the browser's session must not look idle against a fixed test clock
    for (const role of roles) emails[role] = (await createTestUser(t.database, '886', role, { name: `Demo ${role}` })).email;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function visit(page: Page, path: string, label: string) {
    const res = await page.goto(`${base}${path}`);
    await expectAccessible(page, label);
    await screenshot(page, label);
    return res;
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // provider users land on their portal
    await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/portal');
  }

  it('sign-in page, and a failed sign-in with a focused error summary', async () => {
    const page = await (await browser.newContext()).newPage();
    await visit(page, '/sign-in', 'sign-in');
    await page.getByLabel('Email address').fill(emails.adviser!);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.govuk-error-summary') !== null))
      .toBe(true);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a correct email address and password');
    expect(await page.title()).toMatch(/^Error: Sign in/);
    await expectAccessible(page, 'sign-in failed');
    await screenshot(page, 'sign-in-failed');
    await page.context().close();
  });

  it('signs in with the keyboard only', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'email')) break;
    }
    await page.keyboard.type(emails.manager!);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);
    expect(await page.locator('h1').innerText()).toBe('Welcome, Demo manager');
    await page.context().close();
  });

  it('home page for every role, with the navigation that role may use', async () => {
    for (const role of roles) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, emails[role]!);
      await expectAccessible(page, `home ${role}`);
      await screenshot(page, `home-${role}`);
      const nav = await page.locator('.govuk-service-navigation').innerText();
      // the top bar is short; pages used now and then are grouped on the Admin page (issue 17.17)
      expect(nav.includes('Admin'), role).toBe(role === 'admin' || role === 'manager');
      if (role === 'admin') {
        await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Admin' }).click();
        await expectAccessible(page, 'admin page');
        const admin = await page.locator('main').innerText();
        for (const heading of ['Data from Ofsted', 'Templates and rules', 'People, e-mails and the audit log', 'Users', 'Audit log', 'Imports', 'Audit templates']) expect(admin).toContain(heading);
      }
      expect(await page.locator('.govuk-header').innerText()).toContain('Kent');
      await context.close();
    }
  });

  it('user administration: list, add with errors, add, view, and the audit log', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, emails.admin!);
    await visit(page, '/users', 'users');
    await page.getByRole('button', { name: 'Add a user' }).click();
    await expectAccessible(page, 'users-new');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await expectAccessible(page, 'users-new-errors');
    await screenshot(page, 'users-new-errors');
    await page.getByLabel('Full name').fill('Nia Newcomer');
    await page.getByLabel('Email address').fill('nia@example.org');
    await page.getByLabel('Improvement Adviser', { exact: true }).check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.locator('#one-time-password').isVisible()).toBe(true);
    await expectAccessible(page, 'users-one-time-password');
    await screenshot(page, 'users-one-time-password');
    await page.getByRole('link', { name: 'View Nia Newcomer' }).click();
    await expectAccessible(page, 'users-show');
    await screenshot(page, 'users-show');
    await visit(page, '/audit-log', 'audit-log');
    expect(await page.locator('table').innerText()).toContain('user.created');
    await visit(page, '/account/password', 'change-password');
    await context.close();
  });

  it('404, accessibility statement and cookies pages', async () => {
    const page = await (await browser.newContext()).newPage();
    const res = await visit(page, '/no-such-page', 'not-found');
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    await visit(page, '/accessibility', 'accessibility');
    await visit(page, '/cookies', 'cookies');
    await page.context().close();
  });

  it('uses no GOV.UK crown and no GDS Transport font', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    expect(await page.locator('svg.govuk-logo, .govuk-header__logotype, .govuk-footer__crown').count()).toBe(0);
    const font = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
    expect(font).not.toContain('GDS Transport');
    expect(font).toContain('system-ui');
    await page.context().close();
  });
});
