import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { TestSmtpServer } from '../../../test/support/smtp.js';
import { runImport } from '../ofsted-import/index.js';
import { deliverDue } from '../outbox/index.js';

describe.each(testDatabases())('visit invitations and calendar feeds on $name', (testDb) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let sia: TestClient;
  let adviser: TestClient;
  let visitId: string;
  let pathwayId: string;
  const FROM = 'Kent EY Hub <ey-hub@kent.example>';
  const book = (day: string, time: string, extra: Record<string, string> = {}) =>
    adviser.post(`/visits/${visitId}/book`, { 'date-day': day, 'date-month': '12', 'date-year': '2026', time, duration: '120', location: 'At the setting', agenda: 'Ofsted actions', inviteEmail: 'manager@greenview.example', ...extra });

  beforeAll(async () => {
    t = await startTestApp(testDb);
    smtp = new TestSmtpServer();
    await smtp.start();
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: '886', startedBy: null, asAt: '2021-08-31' });
    const s = await createTestUser(t.database, '886', 'manager');
    const a = await createTestUser(t.database, '886', 'adviser', { name: 'Ada Adviser', email: 'ada@kent.example' });
    sia = new TestClient(t.app);
    await sia.signIn(s.email);
    adviser = new TestClient(t.app);
    await adviser.signIn(a.email);
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '20', 'date-month': '11', 'date-year': '2026' });
    pathwayId = (await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow()).id;
    await sia.post(`/pathways/${pathwayId}/allocate`, { adviserId: a.id, cadence: 'monthly' });
    visitId = (await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathwayId).where('number', '=', 1).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  it('booking e-mails the setting an invitation; rebooking updates it and cancelling cancels it (same UID, higher SEQUENCE)', async () => {
    const bad = await adviser.post(`/visits/${visitId}/book`, { 'date-day': '3', 'date-month': '12', 'date-year': '2026', time: '10:00', duration: '120', location: '', inviteEmail: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter where the visit is');
    expect(bad.body).toContain('Enter the setting’s e-mail address in the correct format');
    expect((await book('3', '10:00')).status).toBe(303);
    expect((await book('4', '13:30')).status).toBe(303);
    await adviser.post(`/visits/${visitId}/cancel`, { by: 'setting', reason: 'Staff illness', 'date-day': '23', 'date-month': '11', 'date-year': '2026' });
    expect(await deliverDue(t.database.db, smtp.transport(), FROM, t.clock)).toEqual({ sent: 3, failed: 0 });
    // delivery order is not guaranteed (calendar programs go by SEQUENCE): sort by it
    const seq = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1]);
    const [invite, update, cancel] = smtp.received.slice(-3).map((m) => ({ subject: m.subject, ics: m.attachments[0]!.content.toString('utf8'), to: m.to && !Array.isArray(m.to) ? m.to.text : '', cc: m.cc && !Array.isArray(m.cc) ? m.cc.text : '' })).sort((a, b) => seq(a.ics) - seq(b.ics));
    expect(invite!.subject).toBe('Visit to Greenview Nursery on 3 December 2026 at 10:00am');
    expect(invite!.to).toBe('manager@greenview.example');
    expect(invite!.cc).toBe('ada@kent.example');
    expect(invite!.ics).toContain('METHOD:REQUEST');
    expect(invite!.ics).toContain('DTSTART;TZID=Europe/London:20261203T100000');
    expect(invite!.ics).toContain('DTEND;TZID=Europe/London:20261203T120000');
    expect(invite!.ics).toContain('SEQUENCE:0');
    expect(update!.subject).toBe('Changed: visit to Greenview Nursery on 4 December 2026 at 1:30pm');
    expect(update!.ics).toContain('SEQUENCE:1');
    expect(cancel!.subject).toBe('Cancelled: visit to Greenview Nursery on 4 December 2026 at 1:30pm');
    expect(cancel!.ics).toContain('METHOD:CANCEL');
    expect(cancel!.ics).toContain('SEQUENCE:2');
    const uid = (s: string) => /UID:(.*)\r\n/.exec(s)?.[1];
    expect(new Set([uid(invite!.ics), uid(update!.ics), uid(cancel!.ics)]).size).toBe(1);
  });

  it('staff subscribe to their own visits at a secret address and can turn it off', async () => {
    const replanned = await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathwayId).where('number', '=', 1).where('status', '=', 'planned').executeTakeFirstOrThrow();
    visitId = replanned.id;
    await book('10', '09:00', { inviteEmail: '' });
    const made = await adviser.post('/account/calendar', {});
    const url = /<code class="app-code" id="feed-url">([^<]+)<\/code>/.exec(made.body)?.[1];
    expect(url).toMatch(/\/calendar\/[\w-]{20,}\.ics$/);
    expect(url!.startsWith(`${t.config.publicBaseUrl}/calendar/`)).toBe(true); // PUBLIC_BASE_URL, never the Host header
    const path = new URL(url!).pathname;
    const anonymous = new TestClient(t.app);
    const feed = await anonymous.get(path);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('DTSTART;TZID=Europe/London:20261210T090000');
    expect(feed.body).not.toContain('20261204T133000'); // the cancelled one
    expect((await adviser.get(`/visits/${visitId}/calendar.ics`)).body).toContain('BEGIN:VEVENT');
    await adviser.post('/account/calendar/revoke', {});
    expect((await anonymous.get(path)).status).toBe(404);
  });

  it('books a visit outside the pathway plan (e.g. a FEEE audit visit) from the provider page', async () => {
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    const bad = await adviser.post(`/providers/${urn}/visits`, { visitType: '', leadId: '', focus: '', duration: '120', location: 'At the setting' });
    expect(bad.status).toBe(400);
    for (const message of ['Select the type of visit', 'Select who leads the visit', 'Enter the focus of the visit', 'Enter the date of the visit', 'Select the start time']) expect(bad.body).toContain(message);
    const lead = await t.database.db.selectFrom('users').select('id').where('email', '=', 'ada@kent.example').executeTakeFirstOrThrow();
    const ok = await adviser.post(`/providers/${urn}/visits`, { visitType: 'feee_audit', leadId: lead.id, focus: 'Check PSOU forms against birth certificates', 'date-day': '14', 'date-month': '1', 'date-year': '2027', time: '09:30', duration: '90', location: 'At the setting', agenda: '', inviteEmail: '' });
    expect(ok.status).toBe(303);
    const page = await adviser.get(`/providers/${urn}`);
    expect(page.body).toContain('Early education funding audit visit');
    expect(page.body).toContain('14 January 2027 at 9:30am');
  });

  it('accompanying staff are copied into the invitation and see the visit in their calendar', async () => {
    const colleague = await createTestUser(t.database, '886', 'officer', { name: 'Cora Sufficiency', email: 'cora@kent.example' });
    const planned = await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathwayId).where('number', '=', 2).executeTakeFirstOrThrow();
    const res = await adviser.post(`/visits/${planned.id}/book`, { 'date-day': '17', 'date-month': '12', 'date-year': '2026', time: '11:00', duration: '60', location: 'Online (Teams)', inviteEmail: 'manager@greenview.example', accompanying: [colleague.id] });
    expect(res.status).toBe(303);
    await deliverDue(t.database.db, smtp.transport(), FROM, t.clock);
    const mail = smtp.received.at(-1)!;
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toContain('cora@kent.example');
    expect(mail.attachments[0]!.content.toString()).toContain('ATTENDEE;CN=Cora Sufficiency;ROLE=REQ-PARTICIPANT:mailto:cora@kent.example');
    const cora = new TestClient(t.app);
    await cora.signIn(colleague.email);
    const week = await cora.get('/visits?view=week&date=2026-12-17');
    expect(week.body).toContain('Greenview Nursery');
    expect((await adviser.get('/visits?view=week&date=2026-12-17')).body).toContain('With Cora Sufficiency');
  });

  it('lists my visits by week and month, and the team’s for the SIA', async () => {
    const week = await adviser.get('/visits?view=week&date=2027-01-13');
    expect(week.status).toBe(200);
    expect(week.body).toContain('Week beginning 11 January 2027');
    expect(week.body).toContain('14 January 2027');
    expect(week.body).toContain('Early education funding audit visit');
    expect(week.body).toContain('9:30am');
    const month = await adviser.get('/visits?view=month&date=2026-12-05');
    expect(month.body).toContain('December 2026');
    expect(month.body).toContain('10 December 2026');
    expect(month.body).not.toContain('4 December 2026'); // cancelled
    expect((await adviser.get('/visits?view=week&date=2027-01-13&who=team')).body).not.toContain('Team visits');
    const team = await sia.get('/visits?view=week&date=2027-01-13&who=team');
    expect(team.body).toContain('Team visits');
    expect(team.body).toContain('Ada Adviser');
  });
});
