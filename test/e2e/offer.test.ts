import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/modules/outbox/worker.js';
import { createTestUser, type TestApp } from '../support/app.js';
import { JOURNEY_TIMEOUT_MS, browserAvailable, screenshotsAtWidths } from '../support/browser.js';
import { check, signIn, startKentJourney } from '../support/e2e-steps.js';
import { sendDueUpdates } from '../../src/modules/bulletins/index.js';
import { TestSmtpServer } from '../support/smtp.js';

/*
 * The offer to every provider (issue 22), in Chromium with axe on every page: staff put a chargeable
 * course in the catalogue; a setting books two staff at phone width (375 px); another setting's
 * practitioner waits; one place is cancelled inside the charged period and the waiting list fills
 * it; the register is taken and the certificates arrive through a real SMTP server.
 */
describe.skipIf(!browserAvailable())('the offer to every provider in Chromium', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let stop: () => Promise<void>;
  let staff: Page;
  let setting: Page;
  let urn: string;
  let otherUrn: string;
  let officerEmail: string;
  const smtp = new TestSmtpServer();
  const shots = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS === '1') await screenshotsAtWidths(page, `offer-${name}`);
  };
  /** the clock jumps days: both sign in again */
  const at = async (instant: string) => {
    t.clock.set(instant);
    await signIn(staff, base, officerEmail);
    await signIn(setting, base, 'jo@greenview.example');
  };

  beforeAll(async () => {
    ({ t, base, browser, stop } = await startKentJourney()); // Monday 23 November 2026, 10:00
    await smtp.start();
    const officer = await createTestUser(t.database, '886', 'officer', { name: 'Wendy Workforce' });
    officerEmail = officer.email;
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    otherUrn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Young Risers Preschool').executeTakeFirstOrThrow()).urn;
    const manager = await createTestUser(t.database, '886', 'provider', { email: 'jo@greenview.example', name: 'Jo Manager' });
    await t.database.db.insertInto('provider_users').values({ la_code: '886', user_id: manager.id, urn, created_at: t.clock.now() }).execute();
    staff = await (await browser.newContext()).newPage();
    setting = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await signIn(staff, base, officer.email);
    await signIn(setting, base, manager.email);
  }, 120_000);
  afterAll(async () => {
    await stop?.();
    await smtp.stop();
  });

  it('staff add a chargeable course with a session of two places', async () => {
    await staff.goto(`${base}/training`);
    await check(staff, 'training-empty');
    await staff.getByRole('button', { name: 'Add a course or event' }).click();
    await staff.getByLabel('Title').fill('Prime Importance of Communication and Language');
    await staff.getByLabel('Who it is for (optional)').fill('Practitioners in pre-schools and day nurseries');
    await staff.getByLabel('Chargeable').check();
    await staff.getByRole('button', { name: 'Add to the catalogue' }).click();
    expect(await staff.locator('.govuk-error-summary').innerText()).toContain('Enter the price per place in pounds');
    await check(staff, 'course-new-error');
    await staff.getByLabel('Price per place in pounds').fill('45');
    await staff.getByLabel('Team that runs it (optional)').fill('Workforce development');
    await staff.getByRole('button', { name: 'Add to the catalogue' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('added to the catalogue');
    await check(staff, 'course');
    await staff.getByRole('button', { name: 'Add a session' }).click();
    await staff.getByRole('group', { name: 'Date of the session' }).getByLabel('Day').fill('7');
    await staff.getByRole('group', { name: 'Date of the session' }).getByLabel('Month').fill('12');
    await staff.getByRole('group', { name: 'Date of the session' }).getByLabel('Year').fill('2026');
    await staff.getByLabel('Start time').fill('09:30');
    await staff.getByLabel('End time').fill('15:00');
    await staff.getByLabel('Venue').fill('Oakwood House, Maidstone');
    await staff.getByLabel('Places').fill('2');
    const deadline = staff.getByRole('group', { name: 'Booking deadline' });
    await deadline.getByLabel('Day').fill('4');
    await deadline.getByLabel('Month').fill('12');
    await deadline.getByLabel('Year').fill('2026');
    await check(staff, 'session-new');
    await staff.getByRole('button', { name: 'Add session' }).click();
    expect(await staff.locator('h1').innerText()).toBe('Session on 7 December 2026 at 9:30am');
    await check(staff, 'session-empty');
  });

  it('at phone width the setting books two staff; another setting’s practitioner goes on the waiting list', async () => {
    await setting.goto(`${base}/portal/${urn}`);
    await setting.getByRole('link', { name: 'Find and book training and events' }).click();
    await check(setting, 'portal-training');
    await setting.getByRole('link', { name: /Book places/ }).click();
    expect(await setting.locator('main').innerText()).toContain('You can cancel a place free of charge up to 5 working days before the session');
    await check(setting, 'portal-book');
    const first = setting.getByRole('group', { name: 'Attendee 1' });
    await first.getByLabel('Full name').fill('Amy Ash');
    await first.getByLabel('E-mail address').fill('amy@greenview.example');
    const second = setting.getByRole('group', { name: 'Attendee 2 (optional)' });
    await second.getByLabel('Full name').fill('Ben Birch');
    await second.getByLabel('E-mail address').fill('ben@greenview.example');
    await setting.getByRole('button', { name: 'Book places' }).click();
    expect(await setting.locator('.govuk-notification-banner').innerText()).toContain('2 places booked');
    expect(await setting.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await check(setting, 'portal-booked');
    await shots(setting, 'portal-booked');

    t.clock.set('2026-11-23T10:20:00Z');
    await staff.reload();
    await staff.getByRole('button', { name: 'Book places for a setting' }).click();
    await staff.getByLabel('The setting’s URN').fill(otherUrn);
    const attendee = staff.getByRole('group', { name: 'Attendee 1' });
    await attendee.getByLabel('Full name').fill('Cal Cedar');
    await attendee.getByLabel('E-mail address').fill('cal@youngrisers.example');
    await check(staff, 'session-book');
    await staff.getByRole('button', { name: 'Book places' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('1 on the waiting list');
    expect(await staff.locator('main').innerText()).toContain('Cal Cedar (Young Risers Preschool)');
    await check(staff, 'session-waiting');
  });

  it('Ben’s place is cancelled inside the charged period and goes to the first on the waiting list', async () => {
    await at('2026-12-02T09:00:00Z');
    await setting.goto(`${base}/portal/${urn}/training`);
    await setting.getByRole('link', { name: 'Cancel this place (Ben Birch, Prime Importance of Communication and Language)' }).click();
    expect(await setting.locator('main').innerText()).toContain('This is a late cancellation: £45.00 will be charged to the setting.');
    await check(setting, 'portal-cancel');
    await shots(setting, 'portal-cancel');
    await setting.getByRole('button', { name: 'Cancel the place' }).click();
    expect(await setting.locator('.govuk-notification-banner').innerText()).toContain('a late cancellation, £45.00 will be charged');
    await staff.goto(`${base}/training`);
    await staff.getByRole('link', { name: 'Prime Importance of Communication and Language' }).click();
    await staff.getByRole('link', { name: '7 December 2026 at 9:30am' }).click();
    const page = await staff.locator('main').innerText();
    expect(page).toContain('Nobody is waiting.');
    expect(page).toContain('Ben Birch (Greenview Nursery), cancelled 2 December 2026 at 9:00am: £45.00 (late)');
    expect(page).toMatch(/Cal Cedar\s+cal@youngrisers\.example/);
  });

  it('the register is taken on the day and the certificates arrive by e-mail', async () => {
    await at('2026-12-07T15:30:00Z');
    const places = await t.database.db.selectFrom('event_bookings').select(['id', 'attendee_name']).where('status', '=', 'booked').orderBy('attendee_name').execute();
    await staff.goto(`${base}/training/income`);
    await check(staff, 'income');
    await staff.getByRole('link', { name: 'Prime Importance of Communication and Language' }).click();
    await staff.locator(`input[name="attendance-${places[0]!.id}"][value="attended"]`).check();
    await staff.locator(`input[name="attendance-${places[1]!.id}"][value="attended"]`).check();
    await check(staff, 'register');
    await staff.getByRole('button', { name: 'Save the register and e-mail certificates' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('2 certificates e-mailed');
    await check(staff, 'register-taken');
    await shots(staff, 'register-taken');
    smtp.received.length = 0;
    expect(await deliverDue(t.database.db, smtp.transport(), 'EY Hub <ey-hub@kent.example>', t.clock, 50)).toMatchObject({ failed: 0 });
    const certificates = smtp.received.filter((m) => m.subject?.startsWith('Your certificate:'));
    expect(certificates.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual(['amy@greenview.example', 'cal@youngrisers.example']);
    const pdf = certificates[0]!.attachments.find((a) => a.filename === 'certificate.pdf')!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');

    // the evaluation link in the e-mail opens a short form that needs no sign-in
    const link = /https?:\/\/\S+\/training\/evaluation\/\S+/.exec(certificates[0]!.text ?? '')![0];
    const visitor = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await visitor.goto(`${base}${new URL(link).pathname}`);
    await check(visitor, 'evaluation');
    await visitor.getByLabel('Very useful', { exact: true }).check();
    await visitor.getByRole('button', { name: 'Send answers' }).click();
    expect(await visitor.locator('.govuk-notification-banner').innerText()).toContain('your answers have been sent');

    await staff.goto(`${base}/providers/${urn}`);
    expect(await staff.locator('main').innerText()).toContain('1 attended, 0 did not attend.');
    await check(staff, 'provider-training');
  });

  it('an update scheduled for pre-schools in two wards arrives once per address, with an unsubscribe that works', async () => {
    const db = t.database.db;
    // Ofsted's 2021 file has no wards: four pre-schools in Bower Mount or Park Wood (two sharing an address), one elsewhere
    const preschools = await db.selectFrom('providers').select('urn').where('provider_type', '=', 'Childcare on non-domestic premises').where('status', '=', 'Active').where('urn', '<>', urn).orderBy('urn').limit(5).execute();
    const plan = [['Bower Mount', 'office@acorns.example'], ['Bower Mount', 'office@acorns.example'], ['Park Wood', 'hello@parkwood.example'], ['Park Wood', 'manager@oaks.example'], ['Shepway North', 'far@away.example']];
    for (const [i, p] of preschools.entries()) await db.updateTable('providers').set({ ward: plan[i]![0]!, contact_email: plan[i]![1]! }).where('urn', '=', p.urn).execute();
    await staff.goto(`${base}/updates`);
    await check(staff, 'updates-empty');
    await staff.getByRole('button', { name: 'Write an update' }).click();
    await staff.getByLabel('Title').fill('Spring term network meetings');
    await staff.getByLabel('What the update says').fill('# Network meetings\nBook your place for the spring term.\n\nSee [the training page](https://example.gov.uk/training).');
    await staff.getByLabel('Childcare on non-domestic premises').check();
    await staff.getByLabel('Wards').fill('Bower Mount, Park Wood');
    await check(staff, 'update-compose');
    await staff.getByRole('button', { name: 'Preview' }).click();
    const preview = await staff.locator('main').innerText();
    expect(preview).toContain('Childcare on non-domestic premises, in Bower Mount or Park Wood');
    expect(preview).toContain('4 settings, 3 e-mail addresses');
    await staff.getByLabel('At a date and time').check();
    await staff.getByLabel('Day').fill('8');
    await staff.getByLabel('Month').fill('12');
    await staff.getByLabel('Year').fill('2026');
    await staff.getByLabel('Time', { exact: true }).fill('08:00');
    await staff.getByLabel('Repeat').selectOption('weekly');
    await check(staff, 'update-preview');
    await shots(staff, 'update-preview');
    await staff.getByRole('button', { name: 'Send or schedule the update' }).click();
    expect(await staff.locator('.govuk-notification-banner').innerText()).toContain('Update scheduled for 8 December 2026 at 8:00am (every week)');
    await check(staff, 'updates-scheduled');

    expect(await sendDueUpdates(db, new Date('2026-12-08T08:00:00Z'), base)).toEqual({ updates: 1, queued: 3 });
    expect(await sendDueUpdates(db, new Date('2026-12-08T08:01:00Z'), base)).toEqual({ updates: 0, queued: 0 });
    await at('2026-12-08T08:05:00Z');
    smtp.received.length = 0;
    expect(await deliverDue(t.database.db, smtp.transport(), 'EY Hub <ey-hub@kent.example>', t.clock, 50)).toMatchObject({ failed: 0 });
    const updates = smtp.received.filter((m) => m.subject === 'Spring term network meetings');
    expect(updates.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual(['hello@parkwood.example', 'manager@oaks.example', 'office@acorns.example']);

    const mail = updates.find((m) => !Array.isArray(m.to) && m.to?.text === 'office@acorns.example')!;
    const link = /https?:\/\/\S+\/updates\/unsubscribe\/\w+/.exec(mail.text ?? '')![0];
    const reader = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
    await reader.goto(`${base}${new URL(link).pathname}`);
    await check(reader, 'unsubscribe');
    await reader.getByRole('button', { name: 'Unsubscribe' }).click();
    expect(await reader.locator('main').innerText()).toContain('office@acorns.example will not get provider updates any more');
    await check(reader, 'unsubscribed');
    // the next in the series goes to the other two only
    expect(await sendDueUpdates(db, new Date('2026-12-15T08:00:00Z'), base)).toEqual({ updates: 1, queued: 2 });

    await setting.goto(`${base}/portal/${urn}`);
    await setting.getByRole('link', { name: 'Every provider update' }).click();
    await setting.getByRole('link', { name: 'Spring term network meetings' }).first().click();
    expect(await setting.locator('main').innerText()).toContain('Book your place for the spring term.');
    await check(setting, 'portal-update');
  });

  it('a complaint about an officer is acknowledged and answered within its deadlines, with the clock stopped once', async () => {
    const sia = await createTestUser(t.database, '886', 'manager', { name: 'Sam Senior' });
    const handler = await (await browser.newContext()).newPage();
    const asHandler = async (instant: string) => {
      await at(instant);
      await signIn(handler, base, sia.email);
    };
    await asHandler('2026-12-08T09:00:00Z'); // Tuesday
    await setting.goto(`${base}/portal/${urn}`);
    await setting.getByRole('link', { name: 'Give a compliment or make a complaint' }).click();
    await setting.getByLabel('A complaint').check();
    await setting.getByLabel('An officer').check();
    await setting.getByRole('button', { name: 'Send' }).click();
    expect(await setting.locator('.govuk-error-summary').innerText()).toContain('Select the officer it is about');
    await check(setting, 'complaint-new-error');
    await setting.getByLabel('Officer', { exact: true }).selectOption({ label: 'Wendy Workforce' });
    await setting.getByLabel('What happened').fill('The course was moved twice without notice.');
    await setting.getByRole('button', { name: 'Send' }).click();
    expect(await setting.locator('.govuk-notification-banner').innerText()).toContain('your complaint has been sent to the manager');
    await check(setting, 'complaint-sent');
    const id = (await t.database.db.selectFrom('complaints').select('id').executeTakeFirstOrThrow()).id;

    // Wendy, named in it, cannot open it
    const named = await staff.goto(`${base}/complaints/${id}`);
    expect(named?.status()).toBe(404);

    await handler.goto(`${base}/my-work`);
    await handler.getByRole('link', { name: 'Acknowledge a complaint' }).first().click();
    const record = await handler.locator('main').innerText();
    expect(record).toContain('11 December 2026'); // acknowledge within 3 working days
    expect(record).toContain('8 January 2027'); // respond within 20 (Christmas, the Boxing Day holiday and New Year's Day do not count)
    await check(handler, 'complaint');
    await handler.getByRole('button', { name: 'Acknowledge the complaint' }).click();
    expect(await handler.locator('.govuk-notification-banner').innerText()).toContain('Complaint acknowledged');
    await asHandler('2026-12-09T09:00:00Z');
    await handler.goto(`${base}/complaints/${id}`);
    await handler.getByLabel('Stop the clock').fill('Waiting for the setting to send its dates');
    await handler.getByRole('button', { name: 'Stop the clock' }).click();
    await check(handler, 'complaint-clock-stopped');
    await asHandler('2026-12-10T09:00:00Z');
    await handler.goto(`${base}/complaints/${id}`);
    await handler.getByRole('button', { name: 'Restart the clock' }).click();
    expect(await handler.locator('main').innerText()).toContain('11 January 2027'); // one working day stood still
    await handler.getByLabel('Partly upheld').check();
    await handler.getByLabel('Response letter').fill('Dear Jo,\nWe are sorry the course was moved twice.');
    await handler.getByLabel('Lessons learned (optional)').fill('Give settings notice of any change');
    await handler.getByRole('button', { name: 'Send the response' }).click();
    expect(await handler.locator('main').innerText()).toContain('Outcome: Partly upheld');
    await check(handler, 'complaint-answered');
    await handler.goto(`${base}/complaints/report`);
    await check(handler, 'complaints-report');
    smtp.received.length = 0;
    expect(await deliverDue(t.database.db, smtp.transport(), 'EY Hub <ey-hub@kent.example>', t.clock, 50)).toMatchObject({ failed: 0 });
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(['Our response to your complaint', 'We have received your complaint']);
  });
});
