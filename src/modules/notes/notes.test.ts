import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { TestSmtpServer } from '../../../test/support/smtp.js';
import { runImport } from '../ofsted-import/index.js';
import { deliverDue } from '../outbox/index.js';

const KENT = '886';
const XSS = '<script>alert(1)</script>';

describe.each(testDatabases())('notes of visit and action plans on $name', (testDb) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let sia: TestClient;
  let adviser: TestClient;
  let otherAdviser: TestClient;
  let adviserEmail: string;
  let urn: string;
  let visitId: string;
  let emails: [TestClient, string][] = [];
  let noteId: string;

  const noteForm = (overrides: Record<string, string> = {}) => ({
    attendees: 'Jo Manager, Sam Deputy',
    purpose: 'Review the SAWR and the Ofsted actions',
    workingWell: `Warm relationships with children\n- Outdoor provision ${XSS}`,
    worriedAbout: 'Risk assessments are not reviewed',
    needsToHappen: 'Review risk assessments weekly\nBook safeguarding training',
    scaling: '6',
    scalingQuestion: 'How confident are we that children are safe and learning well?',
    recommendations: `Attend the DSL refresher ${XSS}`,
    action0: 'Update the outdoor risk assessment', area0: 'safeguarding_welfare', due0: '2',
    action1: 'Plan staff supervision sessions', area1: 'leadership_management', due1: '4',
    intent: 'submit',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(testDb);
    smtp = new TestSmtpServer();
    await smtp.start();
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const make = async (role: 'manager' | 'adviser', name: string) => {
      const user = await createTestUser(t.database, KENT, role, { name });
      const client = new TestClient(t.app);
      await client.signIn(user.email);
      return { user, client };
    };
    const s = await make('manager', 'Sally Senior');
    const a = await make('adviser', 'Ada Adviser');
    const o = await make('adviser', 'Otto Other');
    [sia, adviser, otherAdviser, adviserEmail] = [s.client, a.client, o.client, a.user.email];
    emails = [[s.client, s.user.email], [a.client, a.user.email], [o.client, o.user.email]];
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '20', 'date-month': '11', 'date-year': '2026' });
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
    await sia.post(`/pathways/${pathway.id}/allocate`, { adviserId: a.user.id, cadence: 'monthly' });
    visitId = (await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathway.id).where('number', '=', 1).executeTakeFirstOrThrow()).id;
    expect((await adviser.post(`/visits/${visitId}/book`, { 'date-day': '25', 'date-month': '11', 'date-year': '2026', time: '10:00', duration: '120', location: 'At the setting' })).status).toBe(303);
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  it('the adviser writes the note with the Positive Practice Tool; submitting needs the three columns', async () => {
    const form = await adviser.get(`/visits/${visitId}/note`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Share information about the improvement services'); // purpose from the visit plan
    expect(form.body).toContain('This is the first note of visit for this setting');
    const missing = await adviser.post(`/visits/${visitId}/note`, noteForm({ workingWell: '', needsToHappen: '', area1: '' }));
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Enter at least one point for what is working well');
    expect(missing.body).toContain('Enter at least one point for what needs to happen');
    expect(missing.body).toContain('Select the area for action 2');
    expect(missing.body).toContain('Plan staff supervision sessions'); // nothing typed is lost
    const draft = await adviser.post(`/visits/${visitId}/note`, noteForm({ intent: 'save', workingWell: '', needsToHappen: '' }));
    expect(draft.status).toBe(303);
    noteId = draft.location!.split('/').pop()!;
    const again = await adviser.post(`/notes/${noteId}`, noteForm());
    expect(again.status).toBe(303);
    const page = await adviser.get(`/notes/${noteId}`);
    expect(page.body).toContain('With the SIA for quality assurance');
    expect(page.body).not.toContain(XSS);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('Update the outdoor risk assessment'); // nothing lost between saves
  });

  it('every free-text field is stored as typed and shown as text, never as HTML', async () => {
    const other = await t.database.db.selectFrom('visits').select('id').where('number', '=', 2).executeTakeFirstOrThrow();
    const fields = ['attendees', 'purpose', 'reviewPrevious', 'workingWell', 'worriedAbout', 'needsToHappen', 'scalingQuestion', 'recommendations', 'action0'];
    const res = await adviser.post(`/visits/${other.id}/note`, { ...noteForm({ intent: 'save' }), ...Object.fromEntries(fields.map((f) => [f, `${f} ${XSS}`])) });
    const page = await adviser.get(res.location!);
    expect(page.body).not.toContain(XSS);
    for (const f of fields.filter((x) => x !== 'scalingQuestion')) expect(page.body).toContain(`${f} &lt;script&gt;`);
    const form = await adviser.get(`${res.location!}/edit`);
    expect(form.body).not.toContain(XSS);
    for (const f of fields) expect(form.body).toContain(`${f} &lt;script&gt;`);
  });

  it('only the SIA quality-assures; a returned note goes back to the adviser with comments', async () => {
    expect((await adviser.post(`/notes/${noteId}/send`, { email: 'manager@greenview.example' })).status).toBe(403);
    expect((await otherAdviser.post(`/notes/${noteId}/return`, { comments: 'x' })).status).toBe(403);
    const empty = await sia.post(`/notes/${noteId}/return`, { comments: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Enter what the adviser needs to change');
    await sia.post(`/notes/${noteId}/return`, { comments: 'Say who will review the risk assessment' });
    const returned = await adviser.get(`/notes/${noteId}`);
    expect(returned.body).toContain('Returned by the SIA:');
    expect(returned.body).toContain('Say who will review the risk assessment');
    expect((await otherAdviser.post(`/notes/${noteId}`, noteForm())).status).toBe(403);
    expect((await adviser.post(`/notes/${noteId}`, noteForm({ needsToHappen: 'The manager reviews risk assessments weekly' }))).status).toBe(303);
  });

  it('a note of visit cannot be sent before the visit has happened (issue 19.5)', async () => {
    const early = await sia.post(`/notes/${noteId}/send`, { email: 'manager@greenview.example' });
    expect(early.status).toBe(400);
    expect(early.body).toContain('The visit is booked for 25 November 2026');
    expect(early.body).toContain('send the note of visit after the visit');
    expect((await t.database.db.selectFrom('visits').select('status').where('id', '=', visitId).executeTakeFirstOrThrow()).status).toBe('booked');
    // the visit takes place; the SIA works the next day
    t.clock.set('2026-11-26T09:00:00Z');
    for (const [client, email] of emails) await client.signIn(email);
  });

  it('approving sends the PDF to the setting, copied to the adviser; the actions join the action plan', async () => {
    expect((await adviser.post(`/notes/${noteId}/approve`, {})).status).toBe(403);
    expect((await adviser.post(`/notes/${noteId}/send`, { intent: 'approve' })).status).toBe(403);
    expect((await sia.post(`/notes/${noteId}/send`, { intent: 'approve' })).status).toBe(303); // Approve only, send later
    expect((await sia.get(`/notes/${noteId}`)).body).toContain('Quality-assured, ready to send');
    expect((await adviser.post(`/notes/${noteId}`, noteForm())).status).toBe(409); // approved notes are not edited
    const bad = await sia.post(`/notes/${noteId}/send`, { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter an e-mail address in the correct format');
    const sent = await sia.post(`/notes/${noteId}/send`, { email: 'manager@greenview.example' });
    expect(sent.status).toBe(303);
    expect(await deliverDue(t.database.db, smtp.transport(), 'EY Hub <ey-hub@kent.example>', t.clock)).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.received.at(-1)!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('manager@greenview.example');
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toContain(adviserEmail);
    expect(mail.subject).toBe('Note of visit: Greenview Nursery, Visit 1 on 25 November 2026');
    const pdf = mail.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toBe(`note-of-visit-${urn}-2026-11-25.pdf`);
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    const plan = await adviser.get(`/providers/${urn}/action-plan`);
    expect(plan.body).toContain('Update the outdoor risk assessment');
    expect(plan.body).toContain('Plan staff supervision sessions');
    expect(plan.body).toContain('9 December 2026'); // two weeks after the visit
    const visit = await t.database.db.selectFrom('visits').select(['status', 'done_on']).where('id', '=', visitId).executeTakeFirstOrThrow();
    expect(visit).toEqual({ status: 'done', done_on: '2026-11-25' });
  });

  it('a saved draft is submitted from its page; a returned note is a task for its author; the SIA approves and sends in one step', async () => {
    const second = await t.database.db.selectFrom('visits').select('id').where('number', '=', 2).executeTakeFirstOrThrow();
    expect((await adviser.post(`/visits/${second.id}/book`, { 'date-day': '9', 'date-month': '12', 'date-year': '2026', time: '10:00', duration: '60', location: 'At the setting' })).status).toBe(303);
    const id = (await t.database.db.selectFrom('notes_of_visit').select('id').where('visit_id', '=', second.id).executeTakeFirstOrThrow()).id;
    const draft = await adviser.get(`/notes/${id}`);
    expect(draft.body).toContain('Submit for quality assurance');
    expect(draft.body).toContain(`action="/notes/${id}/submit"`);
    expect((await adviser.post(`/notes/${id}/submit`, {})).status).toBe(303);
    expect((await adviser.get(`/providers/${urn}`)).body).toMatch(new RegExp(`href="/notes/${id}">With the SIA for quality assurance<`));
    // the SIA's quality-assurance queue on My work and Team, oldest first, with its age
    for (const page of ['/my-work', '/team']) {
      const queue = await sia.get(page);
      expect(queue.body).toContain('Notes of visit waiting for quality assurance');
      expect(queue.body).toMatch(new RegExp(`data-label="Waiting">Today</td>\\s*<td class="govuk-table__cell" data-label="Provider"><a class="govuk-link" href="/notes/${id}">`));
    }
    expect((await adviser.get('/my-work')).body).not.toContain('Notes of visit waiting for quality assurance');

    await sia.post(`/notes/${id}/return`, { comments: 'Add who will do each action' });
    const work = await adviser.get('/my-work');
    expect(work.body).toContain('Change the note of visit the SIA returned: Add who will do each action');
    expect(work.body).toContain(`href="/notes/${id}"`);
    expect((await adviser.get(`/providers/${urn}`)).body).toMatch(new RegExp(`href="/notes/${id}">Returned for changes<`));
    expect((await adviser.post(`/notes/${id}/submit`, {})).status).toBe(303);
    expect((await adviser.get('/my-work')).body).not.toContain('Change the note of visit the SIA returned');

    // sent after visit 2 has taken place
    t.clock.set('2026-12-10T09:00:00Z');
    for (const [client, email] of emails) await client.signIn(email);
    const review = await sia.get(`/notes/${id}`);
    expect(review.body).toContain('Approve and send to the setting');
    expect(review.body).toContain('Approve only, send later');
    expect((await sia.post(`/notes/${id}/send`, { email: 'manager@greenview.example' })).status).toBe(303);
    expect((await sia.get(`/notes/${id}`)).body).toContain('Sent');
    expect((await adviser.get(`/providers/${urn}`)).body).toMatch(new RegExp(`href="/notes/${id}">Sent<`));
    expect(await deliverDue(t.database.db, smtp.transport(), 'EY Hub <ey-hub@kent.example>', t.clock)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.at(-1)!.subject).toBe('Note of visit: Greenview Nursery, Visit 2 on 9 December 2026');
  });

  it('a sent note is locked through every route', async () => {
    expect((await adviser.post(`/notes/${noteId}`, noteForm())).status).toBe(409);
    expect((await sia.post(`/notes/${noteId}`, noteForm({ intent: 'save' }))).status).toBe(409);
    expect((await sia.post(`/notes/${noteId}/send`, { email: 'other@example.org' })).status).toBe(409);
    expect((await sia.post(`/notes/${noteId}/approve`, {})).status).toBe(409);
    expect((await sia.post(`/notes/${noteId}/return`, { comments: 'late change' })).status).toBe(409);
    expect((await adviser.post(`/visits/${visitId}/note`, noteForm())).status).toBe(409);
    const edit = await adviser.get(`/notes/${noteId}/edit`);
    expect(edit.location).toBe(`/notes/${noteId}`);
    const note = await t.database.db.selectFrom('notes_of_visit').select(['needs_to_happen', 'status']).where('id', '=', noteId).executeTakeFirstOrThrow();
    expect(note).toEqual({ needs_to_happen: ['The manager reviews risk assessments weekly'], status: 'sent' });
    // corrections are addenda, shown with the note and sent to the setting
    expect((await adviser.post(`/notes/${noteId}/addenda`, { text: '' })).body).toContain('Enter the addendum');
    expect((await adviser.post(`/notes/${noteId}/addenda`, { text: `The DSL refresher is on 12 January ${XSS}` })).status).toBe(303);
    const withAddendum = await adviser.get(`/notes/${noteId}`);
    expect(withAddendum.body).toContain('The DSL refresher is on 12 January &lt;script&gt;');
    expect(await deliverDue(t.database.db, smtp.transport(), 'EY Hub <ey-hub@kent.example>', t.clock)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.at(-1)?.subject).toBe('Addendum to your note of visit: Greenview Nursery');
  });

  it('action plan items are updated with comments and history, dropped needs a reason, and export as CSV', async () => {
    const item = await t.database.db.selectFrom('action_plan_items').select('id').where('action', '=', 'Plan staff supervision sessions').executeTakeFirstOrThrow();
    const noReason = await adviser.post(`/action-plan-items/${item.id}`, { status: 'dropped', comment: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Enter why the action is dropped');
    await adviser.post(`/action-plan-items/${item.id}`, { status: 'in_progress', comment: `First session held ${XSS}` });
    const page = await adviser.get(`/action-plan-items/${item.id}`);
    expect(page.body).toContain('In progress: First session held &lt;script&gt;');
    const csv = await adviser.get(`/providers/${urn}/action-plan.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Plan staff supervision sessions');
    expect(csv.body).toContain('In progress');
    const pdf = await adviser.get(`/providers/${urn}/action-plan.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    const added = await sia.post(`/providers/${urn}/action-plan`, { source: 'ofsted_action', area: 'eyfs_requirement', action: 'Ensure all staff hold paediatric first aid', 'due-day': '1', 'due-month': '1', 'due-year': '2027' });
    expect(added.status).toBe(303);
    const missing = await sia.post(`/providers/${urn}/action-plan`, { source: '', area: '', action: '' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Select where the action comes from');
    expect(missing.body).toContain('Enter the due date');
    t.clock.set('2026-12-15T10:00:00Z');
    await adviser.signIn(adviserEmail);
    const overdue = await adviser.get(`/providers/${urn}`);
    expect(overdue.body).toContain('1 overdue');
    // on the adviser's My work (the setting is on their caseload), not on another adviser's
    const work = await adviser.get('/my-work');
    expect(work.body).toContain('Overdue actions on settings’ action plans');
    expect(work.body).toContain('Update the outdoor risk assessment');
    await otherAdviser.signIn((await createTestUser(t.database, KENT, 'adviser')).email);
    expect((await otherAdviser.get('/my-work')).body).not.toContain('Update the outdoor risk assessment');
  });
});
