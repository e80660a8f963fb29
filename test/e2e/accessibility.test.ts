import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantDb } from '../../src/db/tenant.js';
import { allocate, startManually } from '../../src/modules/pathways/service.js';
import { createTestUser, TEST_PASSWORD, type TestApp } from '../support/app.js';
import { browserAvailable, expectAccessible, pageScrollWidth, screenshotsAtWidths } from '../support/browser.js';
import { startKentJourney } from '../support/e2e-steps.js';
import { seedSupportRecords, type SupportRecords } from '../support/records.js';

/*
 * Issue 17: the time-out warning and drafts kept through a time-out (WCAG 2.2.1, 2.2.5), and reflow at
 * 320 CSS px (1.4.10: 1280 px at 400 % zoom) on the pages with wide tables, for the roles that use them.
 */

const GREENVIEW = 'EY485159';

describe.skipIf(!browserAvailable())('accessibility: time-out warning and reflow in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let stop: () => Promise<void>;
  let records: SupportRecords;
  let noteVisitId: string;
  let unnamed: { urn: string; ward: string | null }[];
  const users: Record<'admin' | 'manager' | 'adviser' | 'viewer', { id: string; email: string; name: string }> = {} as never;

  beforeAll(async () => {
    ({ t, base, browser, stop } = await startKentJourney());
    for (const role of ['admin', 'manager', 'adviser', 'viewer'] as const) users[role] = await createTestUser(t.database, '886', role, { name: `Demo ${role}` });
    records = await seedSupportRecords(t, { code: '886', name: 'Kent' }, users.admin, users.adviser.id, GREENVIEW);
    // a second setting whose first visit has no note yet: the adviser writes one
    const ctx = { user: { ...users.admin, role: 'admin' as const, laCode: '886', laName: 'Kent', mustChangePassword: false }, tenant: new TenantDb(t.database.db, { laCode: '886', userId: users.admin.id, role: 'admin' }), clock: t.clock, ip: null };
    const other = await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', '886').where('urn', '!=', GREENVIEW).where('redacted', '=', false).orderBy('urn').executeTakeFirstOrThrow();
    const pathwayId = await startManually(ctx, other.urn, 'requires_improvement', 'Test');
    await allocate(ctx, pathwayId, { adviserId: users.adviser.id, officerId: null, cadence: 'monthly', managementActions: false });
    // a booked visit, so the visits month has its table
    await t.database.db.updateTable('visits').set({ status: 'booked', booked_for: new Date('2026-11-25T10:00:00Z'), ends_at: new Date('2026-11-25T12:00:00Z'), location: 'Greenview Nursery, Main Road, Tunbridge Wells TN1 1AA' }).where('id', '=', records.byPrefix['/visits/']!).execute();
    // two childminders whose names Ofsted withholds: one waiting to be allocated (Team), one the adviser's (My work)
    unnamed = await t.database.db.selectFrom('providers').select(['urn', 'ward']).where('la_code', '=', '886').where('redacted', '=', true).orderBy(sql`ward is null`).orderBy('urn').limit(2).execute();
    await startManually(ctx, unnamed[0]!.urn, 'requires_improvement', 'Test');
    const theirs = await startManually(ctx, unnamed[1]!.urn, 'requires_improvement', 'Test');
    await allocate(ctx, theirs, { adviserId: users.adviser.id, officerId: null, cadence: 'monthly', managementActions: false });
    noteVisitId = (await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathwayId).orderBy('planned_date').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await stop?.();
  });

  /** the innermost elements that reach past the viewport, to say what to fix */
  function widestElements(page: Page): Promise<string> {
    return page.evaluate(() => {
      const over = Array.from(document.querySelectorAll('body *')).filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
      const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
      return innermost.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 40)}"`).join('; ');
    });
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  it('warns two minutes before the idle time-out, "Stay signed in" keeps the session, and what was typed survives a time-out', async () => {
    const idle = t.config.session.idleMinutes;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install({ time: t.clock.now() }); // the browser's clock moves with the app's
    const advance = async (minutes: number) => {
      t.clock.advanceMinutes(minutes);
      await page.clock.fastForward(minutes * 60_000);
    };
    await signIn(page, users.adviser.email);
    const form = `${base}/visits/${noteVisitId}/note`;
    await page.goto(form);
    await page.getByLabel('Who attended').fill('Ada Adviser and the manager, Sam');
    const dialog = page.getByRole('alertdialog', { name: 'You’re about to be signed out' });
    expect(await dialog.isVisible()).toBe(false);

    await advance(idle - 2);
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('we will sign you out in 2 minutes');
    // focus is in the dialog, on the button, and the rest of the page is inert (modal)
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Stay signed in');
    await expectAccessible(page, 'time-out warning');
    await page.keyboard.press('Enter'); // "Stay signed in", with the keyboard
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('attendees');

    // the session was extended: another idle-2 minutes on is past the first time-out, yet still signed in
    await advance(idle - 2);
    await dialog.waitFor();
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(`/visits/${noteVisitId}/note`);
    const stillIn = await page.request.get(`${base}/my-work`, { maxRedirects: 0 });
    expect(stillIn.status()).toBe(200);

    // the adviser goes on typing, then walks away: signed out at the time-out, the text is kept
    await page.getByLabel('Purpose and focus of the visit').fill('Typed before the time-out: outdoor play and transitions');
    await advance(idle + 1);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.locator('.govuk-inset-text').innerText()).toContain('You have been signed out');
    await page.getByLabel('Email address').fill(users.adviser.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(form);
    expect(await page.getByLabel('Who attended').inputValue()).toBe('Ada Adviser and the manager, Sam');
    expect(await page.getByLabel('Purpose and focus of the visit').inputValue()).toBe('Typed before the time-out: outdoor play and transitions');
    expect(await page.getByRole('region', { name: 'Important' }).innerText()).toContain('We have put it back in the form');
    await expectAccessible(page, 'note form with the draft put back');

    // once put back and left while signed in, it is not offered again
    await page.goto(`${base}/my-work`);
    await page.goto(form);
    expect(await page.getByLabel('Purpose and focus of the visit').inputValue()).not.toContain('Typed before the time-out');
    await context.close();
  }, 240_000);

  it('signing out on purpose leaves no draft behind in the tab', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, users.adviser.email);
    await page.goto(`${base}/visits/${noteVisitId}/note`);
    await page.getByLabel('Who attended').fill('Not to be kept');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/signed-out`);
    expect(await page.evaluate(() => Object.keys(window.sessionStorage).filter((k) => k.startsWith('eyhub-draft:')))).toEqual([]);
    await context.close();
  });

  it('a childminder whose name is not published is told apart by URN and ward on Team and My work, in the link text too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, users.manager.email);
    await page.goto(`${base}/team`);
    const label = (p: { urn: string; ward: string | null }) => `Childminder (name not published), URN ${p.urn}${p.ward ? `, ${p.ward}` : ''}`;
    const waiting = label(unnamed[0]!);
    expect(await page.getByRole('link', { name: waiting, exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: `Allocate ${waiting}`, exact: true }).count()).toBe(1);
    await context.close();
    const adviserContext = await browser.newContext();
    const adviser = await adviserContext.newPage();
    await signIn(adviser, users.adviser.email);
    await adviser.goto(`${base}/my-work`);
    const theirs = label(unnamed[1]!);
    expect(await adviser.getByRole('link', { name: theirs, exact: true }).count()).toBeGreaterThan(0);
    expect(await adviser.getByText('Childminder (name not published)', { exact: true }).count()).toBe(0);
    await adviserContext.close();
  });

  it('every page with a wide table reflows at 320 px (1280 px at 400 % zoom): no sideways scrolling, tables scroll in a labelled region or stack', async () => {
    const pages: { role: keyof typeof users; path: string; label: string }[] = [
      { role: 'adviser', path: '/my-work', label: 'my-work' },
      { role: 'manager', path: '/team', label: 'team' },
      { role: 'adviser', path: `/providers/${GREENVIEW}`, label: 'provider' },
      { role: 'adviser', path: `/pathways/${records.byPrefix['/pathways/']}`, label: 'pathway' },
      { role: 'adviser', path: '/visits?view=month&date=2026-11-23', label: 'visits-month' },
      { role: 'manager', path: '/visits?view=month&date=2026-11-23&who=team', label: 'visits-month-team' },
      { role: 'adviser', path: '/funding', label: 'funding' },
      { role: 'manager', path: '/funding/decisions', label: 'funding-decisions' },
      { role: 'manager', path: `/funding/decisions/${records.byPrefix['/funding/decisions/']}`, label: 'funding-decision' },
      { role: 'viewer', path: '/audit-reports', label: 'audit-reports' },
      { role: 'adviser', path: `/feee-audits/${records.byPrefix['/feee-audits/']}`, label: 'feee-audit' },
    ];
    const tooWide: string[] = [];
    const looseTables: string[] = [];
    for (const role of ['adviser', 'manager', 'viewer'] as const) {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await signIn(page, users[role].email);
      for (const p of pages.filter((x) => x.role === role)) {
        const response = await page.goto(`${base}${p.path}`);
        expect(response?.status(), p.path).toBe(200);
        const width = await pageScrollWidth(page);
        if (width > 320) tooWide.push(`${p.label} (${p.role}): ${width} px, widened by ${await widestElements(page)}`);
        // each table is in a region a keyboard user can scroll, or is stacked on a narrow screen
        const loose = await page.evaluate(() =>
          Array.from(document.querySelectorAll('table'))
            .filter((table) => !table.closest('[role="region"][tabindex="0"][aria-label]') && getComputedStyle(table).display === 'table')
            .map((table) => table.caption?.textContent?.trim() ?? 'a table without a caption'),
        );
        for (const caption of loose) looseTables.push(`${p.label}: ${caption}`);
        await expectAccessible(page, `${p.label} at 320 px`);
        await screenshotsAtWidths(page, p.label);
        await page.setViewportSize({ width: 320, height: 640 });
      }
      await context.close();
    }
    expect(tooWide, 'pages wider than 320 px').toEqual([]);
    expect(looseTables, 'tables neither in a scrolling region nor stacked').toEqual([]);
  }, 240_000);
});
