import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

const KENT = '886';

describe.each(testDatabases())('provider portal on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviser: TestClient;
  let urnA: string;
  let urnB: string;
  let visitId: string;
  let itemId: string;
  let setting: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const s = await createTestUser(t.database, KENT, 'manager');
    const a = await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' });
    sia = new TestClient(t.app);
    await sia.signIn(s.email);
    adviser = new TestClient(t.app);
    await adviser.signIn(a.email);
    urnA = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    urnB = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Young Risers Preschool').executeTakeFirstOrThrow()).urn;
    for (const urn of [urnA, urnB]) {
      await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '20', 'date-month': '11', 'date-year': '2026' });
      const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
      await sia.post(`/pathways/${pathway.id}/allocate`, { adviserId: a.id, cadence: 'monthly' });
      const visit = await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathway.id).where('number', '=', 1).executeTakeFirstOrThrow();
      await adviser.post(`/visits/${visit.id}/book`, { 'date-day': '1', 'date-month': '12', 'date-year': '2026', time: '10:00', duration: '120', location: 'At the setting' });
      await sia.post(`/providers/${urn}/action-plan`, { source: 'ofsted_action', area: 'eyfs_requirement', action: `Paediatric first aid for ${urn}`, 'due-day': '1', 'due-month': '2', 'due-year': '2027' });
      if (urn === urnA) visitId = visit.id;
    }
    itemId = (await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urnA).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('staff invite someone from the setting; the single-use link sets their password', async () => {
    const bad = await adviser.post(`/providers/${urnA}/portal-access`, { name: '', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the person’s name');
    expect((await adviser.post(`/providers/${urnA}/portal-access`, { name: 'Jo Manager', email: 'jo@greenview.example' })).status).toBe(303);
    const message = await t.database.db.selectFrom('outbox').select(['to_addresses', 'text_body']).where('subject', 'like', 'Your access to EY Hub%').executeTakeFirstOrThrow();
    expect(message.to_addresses).toEqual(['jo@greenview.example']);
    const link = /https?:\/\/\S+\/invitations\/\S+/.exec(message.text_body)![0];
    expect(link.startsWith(`${t.config.publicBaseUrl}/invitations/`)).toBe(true); // PUBLIC_BASE_URL, never the Host header
    const path = new URL(link).pathname;
    setting = new TestClient(t.app);
    expect((await setting.get(path)).body).toContain('Set your password');
    const mismatch = await setting.post(path, { password: 'a long enough password', confirmPassword: 'different password!!' });
    expect(mismatch.body).toContain('The passwords do not match');
    expect((await setting.post(path, { password: 'a long enough password', confirmPassword: 'a long enough password' })).location).toBe('/sign-in');
    expect((await setting.get(path)).body).toContain('It has already been used');
    await setting.signIn('jo@greenview.example', 'a long enough password');
    const home = await setting.get('/');
    expect(home.location).toBe('/portal');
    const portal = await setting.get(`/portal/${urnA}`);
    expect(portal.status).toBe(200);
    expect(portal.body).toContain('Your adviser is <strong>Ada Adviser</strong>');
    expect(portal.body).toContain('Get ready for visit 1 on 1 December 2026 at 10:00am');
    expect(portal.body).toContain(`Paediatric first aid for ${urnA}`);
  });

  it('a provider user sees only their own setting, through every kind of route', async () => {
    expect((await setting.get(`/portal/${urnB}`)).status).toBe(404);
    const bVisit = await t.database.db.selectFrom('visits').select('id').where('urn', '=', urnB).where('status', '=', 'booked').executeTakeFirstOrThrow();
    const bItem = await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urnB).executeTakeFirstOrThrow();
    expect((await setting.get(`/portal/${urnA}/actions/${bItem.id}`)).status).toBe(404);
    expect((await setting.post(`/portal/${urnA}/actions/${bItem.id}`, { status: 'done', comment: 'x' })).status).toBe(404);
    expect((await setting.get(`/portal/${urnA}/visits/${bVisit.id}/calendar.ics`)).status).toBe(404);
    expect((await setting.post(`/portal/${urnA}/visits/${bVisit.id}`, { choice: 'cancel', reason: 'x' })).status).toBe(404);
    for (const staffOnly of [`/providers/${urnA}`, '/providers', `/providers/${urnA}/action-plan.csv`, '/my-work', `/visits/${visitId}/calendar.ics`]) {
      expect((await setting.get(staffOnly)).status, staffOnly).toBe(403);
    }
  });

  it('the setting downloads the notes of visit sent to it, and only its own', async () => {
    // a second visit of A's pathway, visited and written up (visit 1 stays booked for the next test)
    const second = await t.database.db.selectFrom('visits').select('id').where('urn', '=', urnA).where('number', '=', 2).executeTakeFirstOrThrow();
    // visit 2 took place this morning: a note of visit is sent only after its visit (issue 19.5)
    await adviser.post(`/visits/${second.id}/book`, { 'date-day': '23', 'date-month': '11', 'date-year': '2026', time: '08:00', duration: '60', location: 'At the setting' });
    const res = await adviser.post(`/visits/${second.id}/note`, { attendees: 'Jo', purpose: 'Visit 1', workingWell: 'Warm relationships', worriedAbout: 'Risk assessments', needsToHappen: 'Review them', intent: 'submit' });
    const noteId = res.location!.split('/').pop()!;
    await sia.post(`/notes/${noteId}/approve`, {});
    await sia.post(`/notes/${noteId}/send`, { email: 'jo@greenview.example' });
    const portal = await setting.get(`/portal/${urnA}`);
    expect(portal.body).toContain(`/portal/${urnA}/notes/${noteId}/pdf`);
    // after the visit the setting sees it in its history with the note, not only "no visits booked"
    expect(portal.body).toContain('Visits so far and notes of visit');
    expect(portal.body).toContain('Visit 2<br><span class="govuk-body-s">23 November 2026</span>');
    const pdf = await setting.get(`/portal/${urnA}/notes/${noteId}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('attachment');
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    expect((await setting.get(`/portal/${urnB}/notes/${noteId}/pdf`)).status).toBe(404);
  });

  it('the setting adds evidence to an action: checked by content, kept from other settings, given to staff as a download', async () => {
    const refused = await setting.upload(`/portal/${urnA}/actions/${itemId}/evidence`, 'evidence', 'certificate.pdf', '<html><script>alert(1)</script></html>');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('The file must be a PDF, a Word document or a photo');
    expect(refused.body).toContain('govuk-error-summary');
    const ok = await setting.upload(`/portal/${urnA}/actions/${itemId}/evidence`, 'evidence', 'first aid certificates.pdf', Buffer.from('%PDF-1.7\n% evidence\n'));
    expect(ok.location).toBe(`/portal/${urnA}/actions/${itemId}`);
    const page = await setting.get(ok.location!);
    expect(page.body).toContain('first aid certificates.pdf');
    const file = await t.database.db.selectFrom('evidence_files').select('id').where('item_id', '=', itemId).executeTakeFirstOrThrow();
    const mine = await setting.get(`/portal/${urnA}/evidence/${file.id}`);
    expect(mine.headers['content-disposition']).toBe('attachment; filename="first aid certificates.pdf"');
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.body).toContain('% evidence');
    expect((await setting.get(`/portal/${urnB}/evidence/${file.id}`)).status).toBe(404);
    expect((await setting.get(`/evidence/${file.id}`)).status).toBe(403);
    const bItem = await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urnB).executeTakeFirstOrThrow();
    expect((await setting.upload(`/portal/${urnA}/actions/${bItem.id}/evidence`, 'evidence', 'x.pdf', Buffer.from('%PDF-1.7\n'))).status).toBe(404);
    const staffView = await adviser.get(`/action-plan-items/${itemId}`);
    expect(staffView.body).toContain('first aid certificates.pdf');
    expect((await adviser.get(`/evidence/${file.id}`)).headers['content-disposition']).toContain('attachment');
  });

  it('the setting updates an action, asks to rearrange and then cancels a visit; staff see the change and the engagement task', async () => {
    const empty = await setting.post(`/portal/${urnA}/actions/${itemId}`, { status: 'in_progress', comment: '' });
    expect(empty.body).toContain('Enter what you have done');
    await setting.post(`/portal/${urnA}/actions/${itemId}`, { status: 'in_progress', comment: 'Two staff booked on the course <b>in January</b>' });
    const item = await adviser.get(`/action-plan-items/${itemId}`);
    expect(item.body).toContain('Two staff booked on the course &lt;b&gt;in January&lt;/b&gt;');
    await setting.post(`/portal/${urnA}/visits/${visitId}`, { choice: 'rearrange', reason: 'Manager on leave that week' });
    expect((await adviser.get('/my-work')).body).toContain('The setting asked to rearrange visit 1: Manager on leave that week');
    await setting.post(`/portal/${urnA}/visits/${visitId}`, { choice: 'cancel', reason: 'Staff shortage' });
    const visit = await t.database.db.selectFrom('visits').select(['status', 'cancelled_by']).where('id', '=', visitId).executeTakeFirstOrThrow();
    expect(visit).toEqual({ status: 'cancelled', cancelled_by: 'setting' });
  });

  it('declining support says Ofsted will be told, closes the pathway and gives staff the “inform Ofsted” task', async () => {
    const page = await setting.get(`/portal/${urnA}/decline-support`);
    expect(page.body).toContain('we must tell Ofsted');
    await setting.post(`/portal/${urnA}/decline-support`, { reason: 'We will use a private consultant' });
    const pathway = await t.database.db.selectFrom('pathways').select(['status', 'close_outcome', 'id']).where('urn', '=', urnA).executeTakeFirstOrThrow();
    expect(pathway.status).toBe('closed');
    const task = await t.database.db.selectFrom('tasks').select('title').where('pathway_id', '=', pathway.id).where('rule_key', '=', 'rule:inform_ofsted_declined').executeTakeFirstOrThrow();
    expect(task.title).toBe('Inform Ofsted that support was declined');
  });

  it('staff remove access and the provider user is signed out', async () => {
    const jo = await t.database.db.selectFrom('users').select('id').where('email', '=', 'jo@greenview.example').executeTakeFirstOrThrow();
    await adviser.post(`/providers/${urnA}/portal-access/${jo.id}/remove`, {});
    const after = await setting.get(`/portal/${urnA}`);
    expect(after.status).toBe(302);
  });
});
