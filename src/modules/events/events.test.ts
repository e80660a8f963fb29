import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { remindSessions } from './service.js';

const KENT = '886';

/*
 * Training and events through the service's routes: staff build the catalogue, a setting books two
 * staff in the portal, another setting waits, a late cancellation is charged and its place goes to
 * the first waiting, the register sends certificates, and income is exported for finance.
 */
describe.each(testDatabases())('training and events on $name', (testDb) => {
  let t: TestApp;
  let staff: TestClient;
  let setting: TestClient;
  let urnA: string;
  let urnB: string;
  let sessionId: string;
  const outbox = (subject: string) => t.database.db.selectFrom('outbox').select(['to_addresses', 'subject', 'text_body', 'attachments']).where('subject', 'like', `${subject}%`).orderBy('created_at').execute();
  let officerEmail: string;
  /** moves the clock and signs both in again (a jump of days ends a session) */
  const at = async (instant: string) => {
    t.clock.set(instant);
    await staff.signIn(officerEmail);
    await setting.signIn('jo@greenview.example');
  };
  const bookings = () => t.database.db.selectFrom('event_bookings').selectAll().where('session_id', '=', sessionId).orderBy('requested_at').execute();

  beforeAll(async () => {
    t = await startTestApp(testDb); // Monday 23 November 2026, 10:00
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const officer = await createTestUser(t.database, KENT, 'officer');
    officerEmail = officer.email;
    staff = new TestClient(t.app);
    await staff.signIn(officer.email);
    urnA = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    urnB = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Young Risers Preschool').executeTakeFirstOrThrow()).urn;
    const manager = await createTestUser(t.database, KENT, 'provider', { email: 'jo@greenview.example' });
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: manager.id, urn: urnA, created_at: t.clock.now() }).execute();
    setting = new TestClient(t.app);
    await setting.signIn(manager.email);
  });
  afterAll(() => t.close());

  it('staff add a chargeable course and a session; what they typed survives a mistake', async () => {
    const bad = await staff.post('/training/courses', { title: 'Prime Importance of Communication and Language', kind: 'training', funding: 'chargeable', price: 'forty' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the price per place in pounds');
    expect(bad.body).toContain('value="Prime Importance of Communication and Language"');
    const added = await staff.post('/training/courses', { title: 'Prime Importance of Communication and Language', kind: 'training', audience: 'Practitioners', funding: 'chargeable', price: '45', team: 'Workforce development' });
    expect(added.status).toBe(303);
    const courseId = added.location!.split('/').pop()!;
    const lateDeadline = await staff.post(`/training/courses/${courseId}/sessions`, { 'date-day': '7', 'date-month': '12', 'date-year': '2026', start: '09:30', end: '15:00', venue: 'Oakwood House, Maidstone', capacity: '2', 'deadline-day': '8', 'deadline-month': '12', 'deadline-year': '2026' });
    expect(lateDeadline.body).toContain('The booking deadline must be on or before the date of the session');
    const session = await staff.post(`/training/courses/${courseId}/sessions`, { 'date-day': '7', 'date-month': '12', 'date-year': '2026', start: '09:30', end: '15:00', venue: 'Oakwood House, Maidstone', capacity: '2', 'deadline-day': '4', 'deadline-month': '12', 'deadline-year': '2026' });
    expect(session.status).toBe(303);
    sessionId = session.location!.split('/').pop()!;
    const catalogue = await staff.get('/training');
    expect(catalogue.body).toContain('Prime Importance of Communication and Language');
    expect(catalogue.body).toContain('£45.00');
    expect(catalogue.body).toContain('7 December 2026 at 9:30am');
  });

  it('a setting books two named staff in the portal; each gets a confirmation with the calendar file', async () => {
    const page = await setting.get(`/portal/${urnA}/training/sessions/${sessionId}`);
    expect(page.body).toContain('cancel a place free of charge up to 5 working days before the session');
    const same = await setting.post(`/portal/${urnA}/training/sessions/${sessionId}`, { 'name-1': 'Amy Ash', 'email-1': 'amy@greenview.example', 'name-2': 'Ben Birch', 'email-2': 'AMY@greenview.example' });
    expect(same.body).toContain('Attendee 2 has the same e-mail address as attendee 1');
    const booked = await setting.post(`/portal/${urnA}/training/sessions/${sessionId}`, { 'name-1': 'Amy Ash', 'email-1': 'amy@greenview.example', 'name-2': 'Ben Birch', 'email-2': 'ben@greenview.example' });
    expect(booked.location).toBe(`/portal/${urnA}/training`);
    expect((await setting.get(`/portal/${urnA}/training`)).body).toContain('2 places booked. Each attendee has been e-mailed');
    const mails = await outbox('Your place:');
    expect(mails.map((m) => m.to_addresses[0])).toEqual(['amy@greenview.example', 'ben@greenview.example']);
    expect(JSON.stringify(mails[0]!.attachments)).toContain('session.ics');
    const again = await setting.post(`/portal/${urnA}/training/sessions/${sessionId}`, { 'name-1': 'Amy Ash', 'email-1': 'amy@greenview.example' });
    expect(again.body).toContain('Already booked or on the waiting list: amy@greenview.example');
    const ics = await setting.get(`/portal/${urnA}/training/bookings/${(await bookings())[0]!.id}/calendar.ics`);
    expect(ics.body).toContain('SUMMARY:Prime Importance of Communication and Language');
    expect(ics.body).toContain('DTSTART;TZID=Europe/London:20261207T093000');
  });

  it('the session is full: staff book another setting’s practitioner onto the waiting list', async () => {
    expect((await setting.get(`/portal/${urnA}/training`)).body).toContain('Full: waiting list');
    t.clock.set('2026-11-23T10:05:00Z');
    const res = await staff.post(`/training/sessions/${sessionId}/book`, { urn: urnB, 'name-1': 'Cal Cedar', 'email-1': 'cal@youngrisers.example' });
    expect(res.status).toBe(303);
    expect((await outbox('Waiting list:')).map((m) => m.to_addresses[0])).toEqual(['cal@youngrisers.example']);
    expect((await bookings()).map((b) => [b.attendee_name, b.status])).toEqual([['Amy Ash', 'booked'], ['Ben Birch', 'booked'], ['Cal Cedar', 'waiting']]);
  });

  it('a cancellation inside the charged period is charged, and the place goes to the first on the waiting list', async () => {
    await at('2026-12-02T09:00:00Z'); // free cancellation ended on Monday 30 November
    const ben = (await bookings())[1]!;
    const warning = await setting.get(`/portal/${urnA}/training/bookings/${ben.id}/cancel`);
    expect(warning.body).toContain('Places can be cancelled free of charge until 30 November 2026');
    expect(warning.body).toContain('This is a late cancellation: £45.00 will be charged to the setting.');
    expect((await setting.post(`/portal/${urnA}/training/bookings/${ben.id}/cancel`)).status).toBe(303);
    expect((await bookings()).map((b) => [b.attendee_name, b.status, b.cancellation_charge_pence])).toEqual([['Amy Ash', 'booked', 0], ['Ben Birch', 'cancelled', 4500], ['Cal Cedar', 'booked', 0]]);
    const freed = await outbox('A place is yours:');
    expect(freed.map((m) => m.to_addresses[0])).toEqual(['cal@youngrisers.example']);
    expect(freed[0]!.text_body).toContain('A place has become free and it is yours');
    // another setting's booking is not this setting's to cancel
    const cal = (await bookings())[2]!;
    expect((await setting.get(`/portal/${urnA}/training/bookings/${cal.id}/cancel`)).status).toBe(404);
    expect((await setting.post(`/portal/${urnA}/training/bookings/${cal.id}/cancel`)).status).toBe(404);
  });

  it('the setting sends someone else in Amy’s place; reminders go once to whoever holds a place', async () => {
    const amy = (await bookings())[0]!;
    const res = await setting.post(`/portal/${urnA}/training/bookings/${amy.id}/substitute`, { 'name-1': 'Dee Dogwood', 'email-1': 'dee@greenview.example' });
    expect(res.status).toBe(303);
    expect((await outbox('Your place has gone to a colleague')).map((m) => m.to_addresses[0])).toEqual(['amy@greenview.example']);
    await at('2026-12-05T09:00:00Z'); // two days before
    expect(await remindSessions(t.database.db, t.clock.now())).toBe(2);
    expect(await remindSessions(t.database.db, t.clock.now())).toBe(0);
    expect((await outbox('Reminder:')).map((m) => m.to_addresses[0]).sort()).toEqual(['cal@youngrisers.example', 'dee@greenview.example']);
  });

  it('the register on the day e-mails certificates to those who came; the evaluation form collects answers per session', async () => {
    const [dee, , cal] = await bookings();
    const early = await staff.post(`/training/sessions/${sessionId}/register`, { [`attendance-${dee!.id}`]: 'attended', [`attendance-${cal!.id}`]: 'did_not_attend' });
    expect(early.status).toBe(400);
    expect(early.body).toContain('The register can be taken from 7 December 2026');
    await at('2026-12-07T15:30:00Z');
    const missing = await staff.post(`/training/sessions/${sessionId}/register`, { [`attendance-${dee!.id}`]: 'attended' });
    expect(missing.body).toContain('Select whether Cal Cedar attended');
    expect((await staff.post(`/training/sessions/${sessionId}/register`, { [`attendance-${dee!.id}`]: 'attended', [`attendance-${cal!.id}`]: 'did_not_attend' })).status).toBe(303);
    const certificates = await outbox('Your certificate:');
    expect(certificates.map((m) => m.to_addresses[0])).toEqual(['dee@greenview.example']);
    const pdf = Buffer.from((certificates[0]!.attachments as { contentBase64: string }[])[0]!.contentBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/StructTreeRoot');
    // saving the register again sends nothing twice
    await staff.post(`/training/sessions/${sessionId}/register`, { [`attendance-${dee!.id}`]: 'attended', [`attendance-${cal!.id}`]: 'did_not_attend' });
    expect(await outbox('Your certificate:')).toHaveLength(1);
    const link = new URL(/https?:\/\/\S+\/training\/evaluation\/\S+/.exec(certificates[0]!.text_body)![0]).pathname;
    const visitor = new TestClient(t.app);
    expect((await visitor.get(link)).body).toContain('How useful was the session for your work?');
    expect((await visitor.post(link, {})).body).toContain('Select how useful the session was');
    expect((await visitor.post(link, { rating: '4', learned: 'More commenting during play', improve: 'A longer lunch' })).status).toBe(303);
    expect((await visitor.get(link)).body).toContain('We have your answers');
    expect((await visitor.get('/training/evaluation/not-a-real-token-0123456789abcdef')).status).toBe(404);
    const page = await staff.get(`/training/sessions/${sessionId}`);
    expect(page.body).toContain('1 answer; average usefulness 4 out of 5.');
    expect(page.body).toContain('More commenting during play');
  });

  it('staff see income per session and per term, attendance on the provider page, and export charges for finance', async () => {
    const income = await staff.get('/training/income');
    expect(income.body).toContain('Autumn 2026');
    expect(income.body).toContain('£135.00'); // two places held and one late cancellation at £45
    const csv = await staff.get('/training/income.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('Ben Birch'))).toContain('Late cancellation,45.00');
    expect(lines.find((l) => l.includes('Cal Cedar'))).toContain('Place (did not attend),45.00');
    const provider = await staff.get(`/providers/${urnA}`);
    expect(provider.body).toContain('Training and events');
    expect(provider.body).toContain('1 attended, 0 did not attend.');
    expect(provider.body).toContain('Dee Dogwood attended Prime Importance of Communication and Language');
  });

  it('the LA sets its own cancellation rule', async () => {
    expect((await staff.post('/training/rules', { freeCancellationWorkingDays: 'ten', lateCancellationPercent: '50', reminderDays: '2' })).body).toContain('Enter the working days as a whole number from 0 to 60');
    expect((await staff.post('/training/rules', { freeCancellationWorkingDays: '10', lateCancellationPercent: '50', reminderDays: '2' })).status).toBe(303);
    expect((await setting.get(`/portal/${urnA}/training/sessions/${sessionId}`)).body).toContain('up to 10 working days before the session. After that we charge 50% of the price');
  });
});
