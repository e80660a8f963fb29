import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, STEP_TIMEOUT_MS, browserAvailable } from '../support/browser.js';
import { allocateToFirst, check, fillDate, recordOutcome, signIn, startKentJourney } from '../support/e2e-steps.js';

/*
 * Staff invite a provider user, who sets a password, sees their pathway and next visit, updates an
 * action and cancels a visit; staff see the change and the engagement task. axe on every page;
 * the portal at phone width (375 px).
 */
describe.skipIf(!browserAvailable())('provider portal in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let stop: () => Promise<void>;
  let staff: Page;
  let setting: Page;
  let urn: string;


  beforeAll(async () => {
    ({ t, base, browser, stop } = await startKentJourney()); // the clock stands at 23 November 2026, 10:00
    const sia = await createTestUser(t.database, '886', 'manager', { name: 'Sally Senior' });
    staff = await (await browser.newContext()).newPage();
    setting = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await signIn(staff, base, sia.email);
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    // an RI pathway allocated to the SIA herself, with its first visit booked and an action on the plan
    await recordOutcome(staff, base, urn, 'requires_improvement', ['20', '11', '2026']);
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
    await allocateToFirst(staff, base, pathway.id);
    await staff.getByRole('link', { name: 'Book Visit 1', exact: true }).click();
    await fillDate(staff, '1', '12', '2026');
    await staff.getByLabel('Start time').selectOption({ label: '10:00am' });
    await staff.getByRole('button', { name: 'Book visit' }).click();
    await staff.goto(`${base}/providers/${urn}/action-plan/new`);
    await staff.getByLabel('Where does it come from?').selectOption('ofsted_action');
    await staff.getByLabel('Area').selectOption('eyfs_requirement');
    await staff.getByLabel('Action', { exact: true }).fill('Make sure all staff hold paediatric first aid');
    await fillDate(staff, '1', '2', '2027');
    await staff.getByRole('button', { name: 'Add action' }).click();
  }, 120_000);
  afterAll(() => stop?.());

  it('staff invite the setting’s manager, who sets a password from the link', async () => {
    await staff.goto(`${base}/providers/${urn}`);
    await staff.getByRole('link', { name: 'Portal access for the setting' }).click();
    await check(staff, 'portal-access');
    await staff.getByLabel('Full name').fill('Jo Manager');
    await staff.getByLabel('E-mail address').fill('jo@greenview.example');
    await staff.getByRole('button', { name: 'Send invitation' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('Invitation sent to jo@greenview.example');
    const message = await t.database.db.selectFrom('outbox').select('text_body').where('subject', 'like', 'Your access to EY Hub%').executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/invitations\/\S+/.exec(message.text_body)![0];
    await setting.goto(`${base}${new URL(link).pathname}`);
    await check(setting, 'portal-invitation');
    await setting.getByLabel('Password', { exact: true }).fill('jo sets a long password');
    await setting.getByLabel('Type the password again').fill('jo sets a long password');
    await setting.getByRole('button', { name: 'Set password' }).click();
    await setting.waitForURL(`${base}/sign-in`);
    await signIn(setting, base, 'jo@greenview.example', 'jo sets a long password');
    await setting.waitForURL(`${base}/portal/${urn}`);
    const body = await setting.locator('main').innerText();
    expect(body).toContain('Your adviser is Sally Senior');
    expect(body).toContain('Get ready for visit 1 on 1 December 2026 at 10:00am');
    await check(setting, 'portal-setting');
  });

  it('the setting updates an action and cancels the visit; staff see both', async () => {
    await setting.getByRole('link', { name: 'Make sure all staff hold paediatric first aid' }).first().click();
    await check(setting, 'portal-action');
    const evidence = path.join(mkdtempSync(path.join(tmpdir(), 'eyhub-evidence-')), 'booking confirmation.pdf');
    writeFileSync(evidence, '%PDF-1.7\n% course booking confirmation\n');
    await setting.getByLabel('Add a file').setInputFiles(evidence);
    await setting.getByRole('button', { name: 'Upload file' }).click();
    await expect.poll(() => setting.locator('.govuk-notification-banner').innerText(), { timeout: STEP_TIMEOUT_MS }).toContain('booking confirmation.pdf uploaded');
    await check(setting, 'portal-action-evidence');
    await setting.getByLabel('In progress').check();
    await setting.getByLabel('What have you done?').fill('Two staff are booked on the course in January');
    await setting.getByRole('button', { name: 'Save' }).click();
    await setting.waitForURL(`${base}/portal/${urn}`);
    await setting.getByLabel('Cancel the visit').check();
    await setting.getByLabel('If you need a different date or want to cancel, tell us why').fill('Staff shortage that week');
    await setting.getByRole('button', { name: 'Send answer' }).click();
    expect(await setting.locator('.govuk-notification-banner').innerText()).toContain('The visit is cancelled');
    await check(setting, 'portal-after-cancel');
    await setting.getByRole('link', { name: 'How notes of visit work: the Positive Practice Tool' }).click();
    expect(await setting.locator('h1').innerText()).toBe('The Positive Practice Tool');
    await check(setting, 'portal-help');

    await staff.goto(`${base}/providers/${urn}/action-plan`);
    expect(await staff.locator('table').innerText()).toContain('Two staff are booked on the course in January');
    await staff.getByRole('link', { name: 'Make sure all staff hold paediatric first aid' }).click();
    expect(await staff.locator('main').innerText()).toContain('booking confirmation.pdf');
    await staff.goto(`${base}/providers/${urn}`);
    expect(await staff.locator('main').innerText()).toContain('Cancelled by the setting on 23 November 2026');
  });

  it('the setting sends its self-evaluation, corrects its contact details and declines support; staff see what changed and the task to inform Ofsted', async () => {
    t.clock.set('2026-11-23T10:10:00Z'); // after staff last looked at the action plan
    await setting.goto(`${base}/portal/${urn}`);
    await setting.getByRole('link', { name: 'Send your self-evaluation' }).click();
    await check(setting, 'portal-documents');
    const sef = path.join(mkdtempSync(path.join(tmpdir(), 'eyhub-sef-')), 'our SEF.pdf');
    writeFileSync(sef, '%PDF-1.7\n% self-evaluation\n');
    await setting.getByLabel('Send a new self-evaluation').setInputFiles(sef);
    await setting.getByRole('button', { name: 'Send self-evaluation' }).click();
    await expect.poll(() => setting.locator('.govuk-notification-banner').innerText(), { timeout: STEP_TIMEOUT_MS }).toContain('Self-evaluation uploaded (version 1)');
    await setting.goto(`${base}/portal/${urn}`);
    await setting.getByRole('link', { name: 'Correct your contact details' }).click();
    await setting.getByLabel('Telephone').fill('01632 960001');
    await setting.getByRole('button', { name: 'Ask for the change' }).click();
    expect(await setting.locator('.govuk-notification-banner').innerText()).toContain('we will check the change');
    await setting.getByRole('link', { name: 'Decline support' }).click();
    expect(await setting.locator('main').innerText()).toContain('we must tell Ofsted');
    await check(setting, 'portal-decline');
    await setting.getByLabel('Why do you not want support?').fill('We have our own consultant');
    await setting.getByRole('button', { name: 'Decline support and tell Ofsted' }).click();
    expect(await setting.locator('.govuk-notification-banner').innerText()).toContain('We will tell Ofsted');

    await staff.goto(`${base}/my-work`);
    const work = await staff.locator('main').innerText();
    expect(work).toContain('Inform Ofsted that support was declined');
    await staff.getByRole('link', { name: '1 setting has asked to correct their contact details' }).click();
    await check(staff, 'contact-requests');
    await staff.getByRole('link', { name: /Greenview Nursery/ }).click();
    await check(staff, 'contact-request');
    await staff.getByLabel('Yes, update the setting’s details').check();
    await staff.getByRole('button', { name: 'Save decision' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('The contact details are updated');
    await staff.goto(`${base}/providers/${urn}/action-plan`);
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('New self-evaluation: our SEF.pdf (version 1)');
    await check(staff, 'action-plan-changed');
    await staff.goto(`${base}/providers/${urn}/documents`);
    await check(staff, 'staff-documents');
  });
});
