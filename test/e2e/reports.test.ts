import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/modules/ofsted-import/service.js';
import { importReferenceFile } from '../../src/modules/reports/index.js';
import { createTestUser, startTestApp, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, browserAvailable, launchBrowser, pageScrollWidth, screenshotsAtWidths } from '../support/browser.js';
import { openPGliteTestDatabase } from '../support/databases.js';
import { check, signIn } from '../support/e2e-steps.js';
import { kentFile, sharedFile } from '../support/ofsted-files.js';

/*
 * Issue 20 end to end in Chromium: a senior leader opens the quarter's report, sees Kent against
 * England with the definitions, drills into "RI settings supported that became Good", and
 * downloads the XLSX and the cabinet PDF, which open. axe on every page.
 */
describe.skipIf(!browserAvailable())('reports to senior staff and cabinet in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let leader: Page;
  let manager: Page;
  let becameGood: { urn: string; name: string }[];

  beforeAll(async () => {
    t = await startTestApp({ name: 'pglite', open: openPGliteTestDatabase });
    const db = t.database.db;
    await runImport(db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent-2021-08-31.csv', laCode: '886', startedBy: null, asAt: '2021-08-31' });
    await importReferenceFile(db, { bytes: sharedFile('ofsted_providers_2021-08-31_sample.csv'), fileName: 'ofsted_providers_2021-08-31_sample.csv', asAt: null, at: new Date() });
    // three Requires improvement settings supported since January 2025; two judged Good in August 2026, one still RI
    const ri = await db.selectFrom('providers').innerJoin('inspections', 'inspections.urn', 'providers.urn').select(['providers.urn', 'providers.name'])
      .where('providers.la_code', '=', '886').where('inspections.overall', '=', 'requires_improvement').where('providers.name', 'is not', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('inspections as later').select('later.id').whereRef('later.urn', '=', 'providers.urn').whereRef('later.inspection_date', '>', 'inspections.inspection_date'))))
      .orderBy('providers.urn').limit(3).execute();
    const template = await db.insertInto('pathway_templates').values({ la_code: '886', kind: 'requires_improvement', version: 99, definition: '{}' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('pathways').values(ri.map((p) => ({ la_code: '886', urn: p.urn, kind: 'requires_improvement', template_id: template.id, started_at: new Date('2025-01-10T09:00:00Z'), start_reason: 'Requires improvement' }))).execute();
    await db.insertInto('inspections').values(ri.map((p, i) => ({ la_code: '886', urn: p.urn, kind: 'full', inspection_date: '2026-08-05', framework: 'eif', overall: i < 2 ? 'good' : 'requires_improvement', key_judgements: null, report_card: null, safeguarding_effective: null, inspection_number: null, inspection_type: null, entered_by: null, import_id: null }))).execute();
    becameGood = ri.slice(0, 2).map((p) => ({ urn: p.urn, name: p.name! }));
    const leaderUser = await createTestUser(t.database, '886', 'viewer', { name: 'Lee Leader' });
    const managerUser = await createTestUser(t.database, '886', 'manager', { name: 'Sally Senior' });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    manager = await (await browser.newContext()).newPage();
    await signIn(manager, base, managerUser.email);
    leader = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signIn(leader, base, leaderUser.email);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the SIA writes the quarter’s narrative and lets senior leaders see providers’ names', async () => {
    await manager.goto(`${base}/reports`);
    await manager.getByRole('link', { name: 'Write the narrative for this period' }).click();
    await check(manager, 'reports-narrative');
    await manager.getByLabel('Summary of the period').fill('Two of the three settings we supported after a Requires improvement judgement are now Good.');
    await manager.getByRole('button', { name: 'Save the narrative' }).click();
    expect(await manager.locator('.govuk-notification-banner').innerText()).toContain('The narrative for Q2 2026-27 (July to September 2026) is saved');
    await manager.goto(`${base}/reports/settings`);
    await check(manager, 'reports-settings');
    await manager.getByLabel('Yes, show providers’ names').check();
    await manager.getByRole('button', { name: 'Save settings' }).click();
    expect(await manager.locator('.govuk-notification-banner').innerText()).toContain('Report settings saved');
  });

  it('a senior leader opens the quarter’s report, sees Kent against England with the definitions, and drills into the RI settings that became Good', async () => {
    await leader.goto(`${base}/`);
    await leader.getByRole('link', { name: 'Reports', exact: true }).first().click();
    await expect.poll(() => leader.locator('h1').innerText()).toBe('Q2 2026-27 (July to September 2026)');
    const main = await leader.locator('main').innerText();
    expect(main).toContain('as at 31 August 2021');
    expect(main).toMatch(/Kent \(in the national file\)\s+\d+\s+\d+\s+\d+(\.\d)?%/);
    expect(main).toMatch(/England\s+1947\s+1876\s+96\.4%/);
    expect(main).toContain('How it is counted: Settings supported on a Requires improvement or Inadequate pathway whose next full inspection after the support started fell in the period');
    expect(main).toContain('66.7% (2 of 3)');
    expect(main).toContain('Two of the three settings we supported');
    await check(leader, 'reports-dashboard');
    await screenshotsAtWidths(leader, 'reports-dashboard');
    await leader.setViewportSize({ width: 375, height: 800 });
    expect(await pageScrollWidth(leader)).toBeLessThanOrEqual(375);
    await leader.setViewportSize({ width: 1280, height: 900 });

    await leader.getByRole('link', { name: /^Providers behind this figure\W+RI settings supported that became Good/ }).click();
    expect(await leader.locator('h1').innerText()).toBe('RI settings supported that became Good');
    const list = await leader.locator('main').innerText();
    expect(list).toContain('2 providers');
    for (const p of becameGood) expect(list).toContain(p.urn);
    await check(leader, 'reports-drill-down');
    await screenshotsAtWidths(leader, 'reports-drill-down');
  });

  it('the senior leader downloads the XLSX and the cabinet PDF, and both open', async () => {
    await leader.goto(`${base}/reports`);
    const [xlsx] = await Promise.all([leader.waitForEvent('download'), leader.getByRole('link', { name: 'Download every table (XLSX)' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const summary = wb.getWorksheet('Summary')!;
    const row = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(2).value === 'RI settings supported that became Good')!;
    expect(row.getCell(3).value).toBe(66.7);
    expect(summary.getCell('B2').value).toEqual(new Date('2026-07-01T00:00:00Z'));

    const [pdf] = await Promise.all([leader.waitForEvent('download'), leader.getByRole('link', { name: 'Download the cabinet report (PDF)' }).click()]);
    const text = execFileSync('pdftotext', [(await pdf.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('report to senior staff and cabinet');
    expect(text).toContain('Two of the three settings we supported');
    expect(text).toContain('Ofsted data as at 31 August 2021');
    expect(text).toContain('RI settings supported that became Good: 66.7% (2 of 3)');
  });
});
