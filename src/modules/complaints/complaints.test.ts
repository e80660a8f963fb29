import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { ensureOrganisation } from '../organisation/index.js';

const KENT = '886';

/*
 * Compliments and complaints through the service's routes (Kent §7): a setting complains in the
 * portal about its adviser; the SIA gets the task with the deadlines, acknowledges, stops the clock
 * once and restarts it, and answers; the adviser named cannot open it; a compliment reaches the officer.
 */
describe.each(testDatabases())('compliments and complaints on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviser: TestClient;
  let setting: TestClient;
  let urn: string;
  let complaintId: string;
  const users: Record<string, { id: string; email: string }> = {};
  const outbox = (subject: string) => t.database.db.selectFrom('outbox').select(['to_addresses', 'subject', 'text_body']).where('subject', '=', subject).orderBy('created_at').execute();
  const tasks = () => t.database.db.selectFrom('tasks').select(['title', 'owner_user_id', 'due_date', 'done_at']).where('rule_key', 'like', `rule:complaint:${complaintId}:%`).orderBy('rule_key').execute();
  /** moves the clock and signs everyone in again (a jump of days ends a session) */
  const at = async (instant: string) => {
    t.clock.set(instant);
    await sia.signIn(users.sia!.email);
    await adviser.signIn(users.adviser!.email);
    await setting.signIn('jo@greenview.example');
  };

  beforeAll(async () => {
    t = await startTestApp(testDb); // Monday 23 November 2026, 10:00
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    users.sia = await createTestUser(t.database, KENT, 'manager', { name: 'Sam Senior' });
    users.adviser = await createTestUser(t.database, KENT, 'adviser', { name: 'Alex Adviser' });
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    const jo = await createTestUser(t.database, KENT, 'provider', { email: 'jo@greenview.example', name: 'Jo Green' });
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: jo.id, urn, created_at: t.clock.now() }).execute();
    sia = new TestClient(t.app);
    adviser = new TestClient(t.app);
    setting = new TestClient(t.app);
    await at('2026-11-23T10:00:00Z');
  });
  afterAll(() => t.close());

  it('a setting complains in the portal about its adviser; what it typed survives a mistake', async () => {
    expect((await setting.get(`/portal/${urn}`)).body).toContain('Give a compliment or make a complaint');
    const bad = await setting.post(`/portal/${urn}/complaints`, { kind: 'complaint', about: 'officer', summary: 'The visit was cancelled twice without notice.' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Select the officer it is about');
    expect(bad.body).toContain('The visit was cancelled twice without notice.');
    const sent = await setting.post(`/portal/${urn}/complaints`, { kind: 'complaint', about: 'officer', officer: users.adviser!.id, summary: 'The visit was cancelled twice without notice.' });
    expect(sent.location).toBe(`/portal/${urn}`);
    expect((await setting.get(`/portal/${urn}`)).body).toContain('your complaint has been sent to the manager');
    complaintId = (await t.database.db.selectFrom('complaints').select('id').where('kind', '=', 'complaint').executeTakeFirstOrThrow()).id;
  });

  it('it is the SIA’s task, acknowledged within 3 working days and answered within 20', async () => {
    // received Monday 23 November: acknowledge by Thursday 26th; respond by the 20th working day, Monday 21 December
    expect(await tasks()).toEqual([
      expect.objectContaining({ title: 'Acknowledge a complaint', owner_user_id: users.sia!.id, due_date: '2026-11-26', done_at: null }),
      expect.objectContaining({ title: 'Respond to a complaint (stage 1)', owner_user_id: users.sia!.id, due_date: '2026-12-21', done_at: null }),
    ]);
    const page = await sia.get(`/complaints/${complaintId}`);
    expect(page.body).toContain('Jo Green, Greenview Nursery');
    expect(page.body).toContain('26 November 2026');
    expect(page.body).toContain('21 December 2026');
    expect(await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', complaintId).where('action', '=', 'complaints.viewed').execute()).toHaveLength(1);
  });

  it('the adviser named in the complaint cannot see or change it', async () => {
    expect((await adviser.get('/complaints')).body).not.toContain('Jo Green');
    expect((await adviser.get(`/complaints/${complaintId}`)).status).toBe(404);
    expect((await adviser.post(`/complaints/${complaintId}/acknowledge`)).status).toBe(404);
    expect((await adviser.post(`/complaints/${complaintId}/answer`, { outcome: 'not_upheld', response: 'Nothing to see' })).status).toBe(404);
    expect((await t.database.db.selectFrom('complaints').select(['acknowledged_at', 'outcome']).where('id', '=', complaintId).executeTakeFirstOrThrow()).outcome).toBeNull();
  });

  it('acknowledged; the clock stopped once and restarted moves the response on by the working days it stood still', async () => {
    await at('2026-11-24T09:00:00Z');
    expect((await sia.post(`/complaints/${complaintId}/acknowledge`)).status).toBe(303);
    expect((await outbox('We have received your complaint')).map((m) => m.to_addresses[0])).toEqual(['jo@greenview.example']);
    const noReason = await sia.post(`/complaints/${complaintId}/stop`, { reason: '' });
    expect(noReason.body).toContain('Enter the reason the clock is stopped');
    await at('2026-11-25T09:00:00Z'); // Wednesday
    expect((await sia.post(`/complaints/${complaintId}/stop`, { reason: 'Waiting for the setting’s diary' })).status).toBe(303);
    expect((await sia.get(`/complaints/${complaintId}`)).body).toContain('Clock stopped');
    await at('2026-11-30T09:00:00Z'); // the next Monday: Wednesday, Thursday and Friday stood still
    expect((await sia.post(`/complaints/${complaintId}/restart`)).status).toBe(303);
    const [ack, respond] = await tasks();
    expect(ack!.done_at).not.toBeNull();
    expect(respond!.due_date).toBe('2026-12-24');
    expect((await sia.get(`/complaints/${complaintId}`)).body).toContain('24 December 2026');
  });

  it('answered partly upheld with a response letter and lessons learned; it counts in the quarter', async () => {
    const missing = await sia.post(`/complaints/${complaintId}/answer`, { response: 'Dear Jo' });
    expect(missing.body).toContain('Select the outcome');
    expect(missing.body).toContain('Dear Jo');
    await at('2026-12-10T09:00:00Z');
    const answered = await sia.post(`/complaints/${complaintId}/answer`, { outcome: 'partly_upheld', response: 'Dear Jo,\nWe are sorry the visit was moved twice.', lessons: 'Give settings two days’ notice of a change' });
    expect(answered.status).toBe(303);
    expect((await outbox('Our response to your complaint')).map((m) => [m.to_addresses[0], m.text_body])).toEqual([['jo@greenview.example', 'Dear Jo,\nWe are sorry the visit was moved twice.']]);
    const attached = await t.database.db.selectFrom('outbox').select('attachments').where('subject', '=', 'Our response to your complaint').executeTakeFirstOrThrow();
    expect(JSON.stringify(attached.attachments)).toContain('response-letter.pdf');
    const letter = await sia.get(`/complaints/${complaintId}/letter.pdf`);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.body.slice(0, 5)).toBe('%PDF-');
    expect((await adviser.get(`/complaints/${complaintId}/letter.pdf`)).status).toBe(404);
    expect((await tasks()).every((task) => task.done_at !== null)).toBe(true);
    expect((await sia.get(`/complaints/${complaintId}`)).body).toContain('Outcome: Partly upheld');
    const csv = await sia.get('/complaints/report.csv');
    expect(csv.body).toContain('Q3 2026-27,1,0,1,0,0,0,0');
    expect((await adviser.get('/complaints/report')).status).toBe(403);
  });

  it('stage 2: the complainant is not satisfied and a new response is due 20 working days on', async () => {
    expect((await sia.post(`/complaints/${complaintId}/escalate`, { escalation: 'The setting wants the visits reinstated' })).status).toBe(303);
    const stage2 = (await tasks()).find((task) => task.title.includes('stage 2'));
    // escalated Thursday 10 December; Christmas Day, the Boxing Day holiday (Monday 28th) and New Year’s Day are not working days
    expect(stage2).toEqual(expect.objectContaining({ owner_user_id: users.sia!.id, due_date: '2027-01-12', done_at: null }));
    expect((await sia.get(`/complaints/${complaintId}`)).body).toContain('Open at stage 2');
  });

  it('a compliment from a setting is e-mailed to the officer, who may read it', async () => {
    const sent = await setting.post(`/portal/${urn}/complaints`, { kind: 'compliment', about: 'officer', officer: users.adviser!.id, summary: 'Alex’s training on communication was excellent.' });
    expect(sent.status).toBe(303);
    const mails = await outbox('A compliment for you');
    expect(mails.map((m) => m.to_addresses[0])).toEqual([users.adviser!.email]);
    expect(mails[0]!.text_body).toContain('Alex’s training on communication was excellent.');
    expect((await adviser.get('/complaints')).body).toContain('Jo Green, Greenview Nursery');
    expect((await sia.get('/complaints/report.csv')).body).toContain('Q3 2026-27,1,0,0,0,1,1,1');
  });

  it('the LA sets its own deadlines; a complaint staff record afterwards follows them', async () => {
    expect((await adviser.get('/complaints/rules')).status).toBe(403);
    expect((await sia.get('/complaints/rules')).body).toContain('value="20"');
    const bad = await sia.post('/complaints/rules', { acknowledgeWorkingDays: '5', respondWorkingDays: 'ten', stage2WorkingDays: '10' });
    expect(bad.body).toContain('Enter the working days as a whole number from 1 to 100');
    expect(bad.body).toContain('value="ten"');
    expect((await sia.post('/complaints/rules', { acknowledgeWorkingDays: '5', respondWorkingDays: '10', stage2WorkingDays: '10' })).status).toBe(303);
    const missing = await adviser.post('/complaints', { kind: 'complaint', about: 'service', summary: 'Nobody answered the helpline.', fromEmail: 'not-an-address' });
    expect(missing.body).toContain('Enter the name of the person it is from');
    expect(missing.body).toContain('Enter an e-mail address in the correct format');
    expect((await adviser.post('/complaints', { kind: 'complaint', about: 'service', summary: 'Nobody answered the helpline.', fromName: 'Pat Parent-Carer' })).status).toBe(303);
    const id = (await t.database.db.selectFrom('complaints').select('id').where('from_name', '=', 'Pat Parent-Carer').executeTakeFirstOrThrow()).id;
    const due = await t.database.db.selectFrom('tasks').select(['title', 'due_date']).where('rule_key', 'like', `rule:complaint:${id}:%`).orderBy('rule_key').execute();
    // recorded Thursday 10 December: acknowledge within 5 working days, respond within 10
    expect(due).toEqual([{ title: 'Acknowledge a complaint', due_date: '2026-12-17' }, { title: 'Respond to a complaint (stage 1)', due_date: '2026-12-24' }]);
  });
  it('a complaint about an officer goes to the manager of their team in the LA’s teams data (Kent §7: “the relevant Manager”)', async () => {
    const db = t.database.db;
    await ensureOrganisation(db, [KENT]);
    const head = await createTestUser(t.database, KENT, 'manager', { name: 'Zara Head' });
    const titleId = async (key: string) => (await db.selectFrom('org_job_titles').select('id').where('la_code', '=', KENT).where('key', '=', key).executeTakeFirstOrThrow()).id;
    await db.insertInto('org_user_job_titles').values([
      { la_code: KENT, user_id: users.adviser!.id, job_title_id: await titleId('ia') },
      { la_code: KENT, user_id: head.id, job_title_id: await titleId('improvement_standards_manager') },
    ]).execute();
    const sent = await setting.post(`/portal/${urn}/complaints`, { kind: 'complaint', about: 'officer', officer: users.adviser!.id, summary: 'Our adviser did not reply for a month.' });
    expect(sent.status).toBe(303);
    const latest = await db.selectFrom('complaints').select(['handler_id', 'officer_id']).where('summary', '=', 'Our adviser did not reply for a month.').executeTakeFirstOrThrow();
    // the Improvement and Standards Manager heads the adviser's team; without teams data it would be the SIA (Sam Senior)
    expect(latest).toEqual({ handler_id: head.id, officer_id: users.adviser!.id });
  });
});
