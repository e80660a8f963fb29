import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { remindDueActions } from './notify.js';
import { contactChanges } from './contact.js';

const KENT = '886';

describe('contactChanges', () => {
  it('lists only the details that differ, an emptied field as removed', () => {
    expect(contactChanges({ contact_name: 'Jo', contact_email: 'jo@a.example', contact_phone: null }, { contact_name: 'Jo', contact_email: 'jo@b.example', contact_phone: '' })).toEqual({ contact_email: { from: 'jo@a.example', to: 'jo@b.example' } });
    expect(contactChanges({ contact_name: 'Jo', contact_email: null, contact_phone: '01632 960001' }, { contact_name: 'Jo', contact_email: '', contact_phone: '' })).toEqual({ contact_phone: { from: '01632 960001', to: null } });
  });
});

describe.each(testDatabases())('what settings send through the portal, on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviser: TestClient;
  let setting: TestClient;
  let urn: string;
  let itemId: string;
  const outbox = (subject: string) => t.database.db.selectFrom('outbox').select(['to_addresses', 'text_body']).where('subject', '=', subject).execute();

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const s = await createTestUser(t.database, KENT, 'manager');
    const a = await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' });
    const p = await createTestUser(t.database, KENT, 'provider', { name: 'Sam Setting', email: 'sam@greenview.example' });
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: p.id, urn, created_at: t.clock.now() }).execute();
    sia = new TestClient(t.app);
    await sia.signIn(s.email);
    adviser = new TestClient(t.app);
    await adviser.signIn(a.email);
    setting = new TestClient(t.app);
    await setting.signIn(p.email);
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '20', 'date-month': '11', 'date-year': '2026' });
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
    await sia.post(`/pathways/${pathway.id}/allocate`, { adviserId: a.id, cadence: 'monthly' });
    await sia.post(`/providers/${urn}/action-plan`, { source: 'ofsted_action', area: 'eyfs_requirement', action: 'Update the risk assessment', 'due-day': '27', 'due-month': '11', 'due-year': '2026' });
    itemId = (await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urn).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('a new visit and a sent note of visit are e-mailed to the people who use the portal', async () => {
    const visit = await t.database.db.selectFrom('visits').select('id').where('urn', '=', urn).where('number', '=', 1).executeTakeFirstOrThrow();
    // the visit took place this morning: a note of visit is sent only after its visit (issue 19.5)
    await adviser.post(`/visits/${visit.id}/book`, { 'date-day': '23', 'date-month': '11', 'date-year': '2026', time: '08:00', duration: '60', location: 'At the setting' });
    const [booked] = await outbox('A visit is booked');
    expect(booked!.to_addresses).toEqual(['sam@greenview.example']);
    expect(booked!.text_body).toContain('will visit on 23 November 2026 at 8:00am (At the setting)');
    const res = await adviser.post(`/visits/${visit.id}/note`, { attendees: 'Sam', purpose: 'Visit 1', workingWell: 'Warm relationships', worriedAbout: 'Risk assessments', needsToHappen: 'Review them', intent: 'submit' });
    const noteId = res.location!.split('/').pop()!;
    await sia.post(`/notes/${noteId}/approve`, {});
    await sia.post(`/notes/${noteId}/send`, { email: 'office@greenview.example' });
    const [sent] = await outbox('Your note of visit has been sent');
    expect(sent!.to_addresses).toEqual(['sam@greenview.example']);
    expect(sent!.text_body).toContain('The note of visit from visit 1 on 23 November 2026 is ready to read.');
  });

  it('actions due within 7 days are reminded once per due date, to each portal user', async () => {
    await sia.post(`/providers/${urn}/action-plan`, { source: 'ofsted_action', area: 'eyfs_requirement', action: 'Not due for a while', 'due-day': '15', 'due-month': '1', 'due-year': '2027' });
    expect(await remindDueActions(t.database.db, t.clock.now())).toEqual({ emails: 1, actions: 1 });
    const [reminder] = await outbox('An action on your action plan is due soon');
    expect(reminder!.to_addresses).toEqual(['sam@greenview.example']);
    expect(reminder!.text_body).toContain('- Update the risk assessment (due 27 November 2026)');
    expect(reminder!.text_body).not.toContain('Not due for a while');
    expect(await remindDueActions(t.database.db, t.clock.now())).toEqual({ emails: 0, actions: 0 });
  });

  it('the setting sends its self-evaluation: each upload is a new version, staff read them all', async () => {
    const wrong = await setting.upload(`/portal/${urn}/documents/self_evaluation`, 'file', 'sef.pdf', 'just text, not a PDF');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('The file must be a PDF, a Word document or a photo');
    await setting.upload(`/portal/${urn}/documents/self_evaluation`, 'file', 'SEF autumn.pdf', Buffer.from('%PDF-1.7\n% autumn\n'));
    await setting.upload(`/portal/${urn}/documents/self_evaluation`, 'file', 'SEF spring.pdf', Buffer.from('%PDF-1.7\n% spring\n'));
    const mine = await setting.get(`/portal/${urn}/documents`);
    expect(mine.body).toContain('Self-evaluation: 2 versions');
    expect(mine.body.indexOf('SEF spring.pdf')).toBeLessThan(mine.body.indexOf('SEF autumn.pdf'));
    expect((await setting.get(`/portal/${urn}`)).body).toContain('Version 2 sent 23 November 2026');
    const staff = await adviser.get(`/providers/${urn}/documents`);
    const id = /href="\/documents\/([0-9a-f-]{36})">SEF autumn\.pdf/.exec(staff.body)![1]!;
    const file = await adviser.get(`/documents/${id}`);
    expect(file.headers['content-disposition']).toBe('attachment; filename="SEF autumn.pdf"');
    expect(file.body).toContain('% autumn');
    expect((await setting.get(`/documents/${id}`)).status).toBe(403);
  });

  it('staff see what the setting changed since they last looked', async () => {
    await adviser.get(`/providers/${urn}/action-plan`);
    expect((await adviser.get('/my-work')).body).not.toContain('Changed by your settings since you last looked');
    t.clock.set('2026-11-23T10:05:00Z');
    await setting.post(`/portal/${urn}/actions/${itemId}`, { status: 'in_progress', comment: 'Risk assessment drafted' });
    const work = await adviser.get('/my-work');
    expect(work.body).toContain('Changed by your settings since you last looked');
    expect(work.body).toContain(`href="/providers/${urn}/action-plan">Greenview Nursery`);
    const plan = await adviser.get(`/providers/${urn}/action-plan`);
    expect(plan.body).toContain('The setting updated 1 action.');
    expect(plan.body).toContain('Updated by the setting');
    expect((await adviser.get(`/providers/${urn}/action-plan`)).body).not.toContain('Updated by the setting');
    expect((await adviser.get('/my-work')).body).not.toContain('Changed by your settings since you last looked');
  });

  it('the setting asks to correct its contact details; staff approve or say why not', async () => {
    const invalid = await setting.post(`/portal/${urn}/contact`, { contact_name: 'Sam Setting', contact_email: 'not an email', contact_phone: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('Enter an e-mail address in the correct format');
    const same = await setting.post(`/portal/${urn}/contact`, { contact_name: '', contact_email: 'office@greenview.example', contact_phone: '' }); // as held (the note of visit went there)
    expect(same.body).toContain('Change at least one detail');
    expect((await setting.post(`/portal/${urn}/contact`, { contact_name: 'Sam Setting', contact_email: 'office@greenview.example', contact_phone: '01632 960001' })).status).toBe(303);
    expect((await setting.get(`/portal/${urn}`)).body).toContain('You asked us to correct your contact details on 23 November 2026');
    expect((await adviser.get('/my-work')).body).toContain('1 setting has asked to correct their contact details');
    const list = await adviser.get('/contact-requests');
    const id = /href="\/contact-requests\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const page = await adviser.get(`/contact-requests/${id}`);
    expect(page.body).toContain('01632 960001');
    const noReason = await adviser.post(`/contact-requests/${id}`, { decision: 'reject', reason: '' });
    expect(noReason.body).toContain('Tell the setting why the change was not made');
    await adviser.post(`/contact-requests/${id}`, { decision: 'approve', reason: '' });
    const provider = await t.database.db.selectFrom('providers').select(['contact_name', 'contact_email', 'contact_phone']).where('urn', '=', urn).executeTakeFirstOrThrow();
    expect(provider).toEqual({ contact_name: 'Sam Setting', contact_email: 'office@greenview.example', contact_phone: '01632 960001' });
    expect((await adviser.post(`/contact-requests/${id}`, { decision: 'approve' })).status).toBe(409);
    expect((await adviser.get(`/providers/${urn}`)).body).toContain('01632 960001');
  });
});
