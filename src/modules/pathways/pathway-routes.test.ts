import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile, latestInspections } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

const KENT = '886';

describe.each(testDatabases())('pathway pages on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviser: TestClient;
  let otherAdviser: TestClient;
  let admin: TestClient;
  let people: Record<'sia' | 'adviser' | 'other' | 'officer', { id: string; name: string }>;
  let urns: string[];

  const sessions: [TestClient, string][] = [];
  const signedIn = async (role: 'manager' | 'adviser' | 'officer' | 'admin', name: string) => {
    const user = await createTestUser(t.database, KENT, role, { name });
    const client = new TestClient(t.app);
    await client.signIn(user.email);
    sessions.push([client, user.email]);
    return { user, client };
  };
  /** Moves the clock (days pass, so sessions time out: everyone signs in again). */
  const moveClock = async (to: string) => {
    t.clock.set(to);
    for (const [client, email] of sessions) await client.signIn(email);
  };
  const pathwayOf = (urn: string) => t.database.db.selectFrom('pathways').selectAll().where('urn', '=', urn).where('status', '<>', 'closed').executeTakeFirstOrThrow();
  const recordOutcome = (urn: string, overall: string) =>
    sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall, 'date-day': '20', 'date-month': '11', 'date-year': '2026' });

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const s = await signedIn('manager', 'Sally Senior');
    const a = await signedIn('adviser', 'Ada Adviser');
    const o = await signedIn('adviser', 'Otto Other');
    const off = await signedIn('officer', 'Cora Sufficiency');
    const ad = await signedIn('admin', 'Alan Admin');
    [sia, adviser, otherAdviser, admin] = [s.client, a.client, o.client, ad.client];
    people = { sia: s.user, adviser: a.user, other: o.user, officer: off.user };
    const rows = await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('name', 'is not', null).orderBy('urn').limit(10).execute();
    urns = rows.map((r) => r.urn);
  });
  afterAll(() => t.close());

  // Each test below starts from its own setting (and, where a count matters, its own adviser), so
  // any one of them passes alone (`vitest -t`) or in any order; none relies on what another left.
  /** A Requires-improvement outcome recorded on Monday 23 November 2026: the pathway waits for allocation. */
  const waitingPathway = async (urn: string) => {
    await moveClock('2026-11-23T10:00:00Z');
    expect((await recordOutcome(urn, 'requires_improvement')).status).toBe(303);
    return pathwayOf(urn);
  };
  /** …and allocated the same day, fortnightly visits, to `adviserId`. */
  const allocatedPathway = async (urn: string, adviserId: string) => {
    const p = await waitingPathway(urn);
    expect((await sia.post(`/pathways/${p.id}/allocate`, { adviserId, cadence: 'fortnightly', managementActions: 'yes' })).status).toBe(303);
    return p;
  };

  it('an outcome entered by staff starts a pathway the SIA sees waiting for allocation, with its deadline', async () => {
    const p = await waitingPathway(urns[4]!);
    const team = await sia.get('/team');
    expect(team.status).toBe(200);
    expect(team.body).toContain('Waiting to be allocated');
    expect(team.body).toContain('26 November 2026'); // within three working days
    expect(team.body).toContain(`/pathways/${p.id}/allocate`);
    // My work does not repeat Team's list: it says how many wait and links to Team
    const work = await sia.get('/my-work');
    expect(work.body).not.toContain(`/pathways/${p.id}/allocate`);
    expect(work.body).toMatch(/\d+ settings? (is|are) waiting to be allocated to an Improvement Adviser, the first by \d+ \w+ 2026: <a class="govuk-link" href="\/team">allocate on Team<\/a>/);
  });

  it('allocation plans the numbered visits and gives the adviser the first-contact step; the caseload counts it', async () => {
    const { user: ava, client: avaClient } = await signedIn('adviser', 'Ava Allocated');
    const p = await waitingPathway(urns[5]!);
    const form = await sia.get(`/pathways/${p.id}/allocate`);
    expect(form.body).toContain('Ava Allocated (Improvement Adviser, caseload 0)');
    const missing = await sia.post(`/pathways/${p.id}/allocate`, { adviserId: '', cadence: 'fortnightly' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Select the Improvement Adviser');
    const res = await sia.post(`/pathways/${p.id}/allocate`, { adviserId: ava.id, cadence: 'fortnightly', managementActions: 'yes' });
    expect(res.status).toBe(303);
    const page = await sia.get(`/pathways/${p.id}`);
    expect(page.body).toContain('Visit 13');
    expect(page.body).toContain('SIA accompanies');
    expect(page.body).toContain('Senior Improvement Adviser quarterly review visit');
    expect(page.body).toContain('Childcare Sufficiency Officer monthly monitoring');
    expect(page.body).toContain('7 December 2026'); // visit 1, a fortnight after allocation
    const mine = await avaClient.get('/my-work');
    expect(mine.body).toContain('IA contacts the setting to make an appointment to visit');
    expect(mine.body).toContain('30 November 2026'); // within five working days of allocation
    expect(mine.body).toContain('My caseload');
    expect(mine.body).toContain('Visit 1');
    expect((await otherAdviser.get('/my-work')).body).not.toContain(`/pathways/${p.id}`);
    expect((await sia.get('/team')).body).toMatch(/Ava Allocated<\/td><td class="govuk-table__cell">Improvement Adviser<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1</);
  });

  it('advisers cannot allocate, and cannot tick off another adviser’s task; the owner can', async () => {
    const p = await allocatedPathway(urns[6]!, people.adviser.id);
    expect((await adviser.get(`/pathways/${p.id}/allocate`)).status).toBe(403);
    expect((await adviser.post(`/pathways/${p.id}/close`, { outcome: 'other', details: 'x' })).status).toBe(403);
    const task = await t.database.db.selectFrom('tasks').select('id').where('pathway_id', '=', p.id).where('rule_key', '=', 'step:first_contact').executeTakeFirstOrThrow();
    expect((await otherAdviser.post(`/tasks/${task.id}/done`, {})).status).toBe(403);
    await moveClock('2026-12-01T09:00:00Z'); // a day late: it was due on 30 November
    const done = await adviser.post(`/tasks/${task.id}/done`, { returnTo: `/pathways/${p.id}` });
    expect(done.location).toBe(`/pathways/${p.id}`);
    expect((await adviser.get(`/pathways/${p.id}`)).body).toContain('Done late');
  });

  it('reallocation moves open work and keeps who had it in the history', async () => {
    const p = await allocatedPathway(urns[7]!, people.adviser.id);
    expect((await sia.post(`/pathways/${p.id}/allocate`, { adviserId: people.other.id })).status).toBe(303);
    const page = await sia.get(`/pathways/${p.id}`);
    expect(page.body).toContain('Reallocated from Ada Adviser to Otto Other');
    const visits = await t.database.db.selectFrom('visits').select('adviser_id').where('pathway_id', '=', p.id).where('visit_type', '=', 'improvement').where('status', '=', 'planned').execute();
    expect(visits.length).toBeGreaterThan(0);
    expect(new Set(visits.map((v) => v.adviser_id))).toEqual(new Set([people.other.id]));
  });

  it('a second cancellation by the setting within a term creates a task for the SIA to contact the setting', async () => {
    const p = await allocatedPathway(urns[8]!, people.other.id);
    await moveClock('2026-11-30T09:00:00Z'); // a cancellation is recorded on or after the day it happened
    const planned = await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', p.id).where('status', '=', 'planned').orderBy('planned_date').limit(2).execute();
    const cancel = (id: string, day: string) => otherAdviser.post(`/visits/${id}/cancel`, { by: 'setting', reason: 'Manager off sick', 'date-day': day, 'date-month': '11', 'date-year': '2026' });
    const bad = await otherAdviser.post(`/visits/${planned[0]!.id}/cancel`, { by: 'setting', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the reason');
    expect(bad.body).toContain('Enter the date it was cancelled');
    const contactTasks = () => t.database.db.selectFrom('tasks').select('id').where('urn', '=', urns[8]!).where('rule_key', 'like', 'rule:contact_after_cancellations%').execute();
    await cancel(planned[0]!.id, '20');
    expect(await contactTasks()).toHaveLength(0);
    const second = await cancel(planned[1]!.id, '27');
    expect(second.status).toBe(303);
    expect(await contactTasks()).toHaveLength(1);
    const siaWork = await sia.get('/my-work');
    expect(siaWork.body).toContain('two cancellations in the Autumn term 2026');
    expect((await sia.get(`/pathways/${p.id}`)).body).toContain('Cancelled by the setting on 27 November 2026');
  });

  it('closing with support declined records it and creates the “inform Ofsted” task', async () => {
    const p = await allocatedPathway(urns[9]!, people.adviser.id);
    const res = await sia.post(`/pathways/${p.id}/close`, { outcome: 'support_declined', details: 'Owner refused further visits' });
    expect(res.status).toBe(303);
    const closed = await t.database.db.selectFrom('pathways').select(['status', 'close_outcome']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(closed.status).toBe('closed');
    const inform = await t.database.db.selectFrom('tasks').select(['title', 'cancelled_at']).where('pathway_id', '=', p.id).where('rule_key', '=', 'rule:inform_ofsted_declined').executeTakeFirstOrThrow();
    expect(inform).toEqual({ title: 'Inform Ofsted that support was declined', cancelled_at: null });
    const open = await t.database.db.selectFrom('tasks').select('id').where('pathway_id', '=', p.id).where('rule_key', 'like', 'step:%').where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
    expect(open).toEqual([]);
    const providerPage = (await sia.get(`/providers/${urns[9]}`)).body;
    expect(providerPage).toContain('Closed pathways');
    // the provider's timeline carries the support history
    expect(providerPage).toContain('Pathway closed: Support declined by the setting. Owner refused further visits');
    expect(providerPage).toContain('Allocated to Ada Adviser');
  });

  it('an Inadequate outcome: same-day allocation of IA and CSO, pause with reason, insufficient improvement starts the funding task', async () => {
    await moveClock('2026-11-24T09:00:00Z');
    await recordOutcome(urns[1]!, 'inadequate');
    const p = await pathwayOf(urns[1]!);
    expect(p.kind).toBe('inadequate');
    const form = await sia.get(`/pathways/${p.id}/allocate`);
    expect(form.body).toContain('Childcare Sufficiency Officer');
    await sia.post(`/pathways/${p.id}/allocate`, { adviserId: people.adviser.id, officerId: people.officer.id, cadence: 'monthly' });
    const steps = await t.database.db.selectFrom('tasks').select(['rule_key', 'due_date', 'owner_user_id']).where('pathway_id', '=', p.id).orderBy('rule_key').execute();
    expect(steps).toEqual([
      { rule_key: 'step:allocate', due_date: '2026-11-24', owner_user_id: null },
      { rule_key: 'step:business_review', due_date: '2026-12-01', owner_user_id: people.officer.id },
      { rule_key: 'step:first_contact', due_date: '2026-11-26', owner_user_id: people.adviser.id },
      { rule_key: 'step:support_letter', due_date: '2026-12-01', owner_user_id: null },
    ]);
    expect((await sia.post(`/pathways/${p.id}/pause`, { reason: '' })).body).toContain('Enter the reason');
    await sia.post(`/pathways/${p.id}/pause`, { reason: 'Setting closed for refurbishment' });
    expect((await sia.get(`/pathways/${p.id}`)).body).toContain('Setting closed for refurbishment');
    await sia.post(`/pathways/${p.id}/resume`, {});
    await sia.post(`/pathways/${p.id}/insufficient-improvement`, { details: 'Actions from the monitoring visit not started' });
    const funding = await t.database.db.selectFrom('tasks').select(['owner_user_id', 'title']).where('pathway_id', '=', p.id).where('rule_key', 'like', 'rule:withdraw_funding%').executeTakeFirstOrThrow();
    expect(funding.owner_user_id).toBe(people.officer.id);
  });

  it('a welfare requirements notice creates a support-visit task and a planned support visit; a safety concern also a “share with Ofsted” task', async () => {
    await sia.post(`/providers/${urns[2]}/enforcement`, { eventType: 'welfare_requirements_notice', 'date-day': '23', 'date-month': '11', 'date-year': '2026' });
    await adviser.post(`/providers/${urns[3]}/concerns`, { details: 'Gate left open onto the road' });
    const tasks = await t.database.db.selectFrom('tasks').select(['urn', 'rule_key']).where('urn', 'in', [urns[2]!, urns[3]!]).orderBy('urn').orderBy('rule_key').execute();
    expect(tasks.map((x) => [x.urn, x.rule_key.split(':').slice(0, 2).join(':')])).toEqual([
      [urns[2], 'rule:wrn_support_visit'],
      [urns[3], 'rule:concern_support_visit'], [urns[3], 'rule:share_concern_ofsted'],
    ]);
    // the support visit is planned by the task's deadline
    const support = await t.database.db.selectFrom('visits').select(['visit_type', 'status', 'planned_date']).where('urn', '=', urns[2]!).where('visit_type', '=', 'support').executeTakeFirstOrThrow();
    const wrnTask = await t.database.db.selectFrom('tasks').select('due_date').where('urn', '=', urns[2]!).where('rule_key', 'like', 'rule:wrn_support_visit%').executeTakeFirstOrThrow();
    expect(support).toEqual({ visit_type: 'support', status: 'planned', planned_date: wrnTask.due_date });
    expect((await sia.get(`/providers/${urns[3]}`)).body).toContain('Share the concern about children’s safety with Ofsted');
  });

  it('a manual start refuses a second running pathway of the same kind', async () => {
    const first = await sia.post(`/providers/${urns[2]}/pathways`, { kind: 'new_registration', reason: 'Registered before our first import' });
    expect(first.status).toBe(303);
    const again = await sia.post(`/providers/${urns[2]}/pathways`, { kind: 'new_registration', reason: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('already has a running pathway of that kind');
  });

  it('admins edit a template as a new version; running pathways keep theirs, new ones use it', async () => {
    const list = await admin.get('/pathway-templates');
    expect(list.body).toContain('Requires improvement');
    const current = await t.database.db.selectFrom('pathway_templates').select(['id', 'definition']).where('la_code', '=', KENT).where('kind', '=', 'requires_improvement').orderBy('version', 'desc').executeTakeFirstOrThrow();
    const edit = await admin.get(`/pathway-templates/${current.id}/edit`);
    expect(edit.status).toBe(200);
    // the form as the browser would send it: inputs, textareas, ticked checkboxes, selected options
    const unescape = (v: string) => v.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
    const form: Record<string, string | string[]> = {};
    for (const [tag] of edit.body.matchAll(/<input [^>]+>/g)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      const value = unescape(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
      if (!name) continue;
      if (tag.includes('type="checkbox"')) {
        if (tag.includes(' checked')) form[name] = [...([] as string[]).concat(form[name] ?? []), value];
      } else form[name] = value;
    }
    for (const m of edit.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) form[m[1]!] = unescape(m[2]!);
    for (const m of edit.body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) form[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
    delete form._csrf;
    const bad = await admin.post(`/pathway-templates/${current.id}`, { ...form, step0_days: 'three' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the working days for step 1 as a whole number from 0 to 60');
    const saved = await admin.post(`/pathway-templates/${current.id}`, { ...form, step0_days: '2' });
    expect(saved.status).toBe(303);
    const page = await admin.get(saved.location!);
    expect(page.body).toContain('version 2');
    expect(page.body).toContain('Within 2 working days of the pathway starting');
    expect(page.body).toContain('Visit 1 &amp; 2');
    await moveClock('2026-11-23T10:00:00Z');
    await recordOutcome(urns[3]!, 'requires_improvement');
    const started = await pathwayOf(urns[3]!);
    const due = await t.database.db.selectFrom('tasks').select('due_date').where('pathway_id', '=', started.id).where('rule_key', '=', 'step:allocate').executeTakeFirstOrThrow();
    expect(due.due_date).toBe('2026-11-25');
    expect((await sia.get('/pathway-templates')).status).toBe(403);
  });

  it('at go-live the SIA starts pathways for settings already less than Good, once', async () => {
    const latest = (await latestInspections(t.database.db)).filter((i) => i.la_code === KENT && i.kind === 'full');
    const running = new Set((await t.database.db.selectFrom('pathways').select(['urn', 'kind']).where('status', '<>', 'closed').execute()).map((r) => `${r.urn}:${r.kind}`));
    const expected = latest.filter((i) => (i.overall === 'requires_improvement' || i.overall === 'inadequate') && !running.has(`${i.urn}:${i.overall}`)).length;
    expect(expected).toBeGreaterThan(10);
    const res = await sia.post('/team/start-from-latest-outcomes', {});
    expect(res.location).toBe('/team');
    expect((await sia.get('/team')).body).toContain(`${expected} pathways started for settings whose latest outcome is less than Good`);
    await sia.post('/team/start-from-latest-outcomes', {});
    expect((await sia.get('/team')).body).toContain('Every setting whose latest outcome is less than Good already has its pathway, every Good or Outstanding setting is in the Annual Conversation Programme');
    expect((await adviser.post('/team/start-from-latest-outcomes', {})).status).toBe(403);
  });

  it('admins keep the LA’s term dates: defaults first, then their own, with clear errors', async () => {
    const list = await admin.get('/term-dates');
    expect(list.body).toContain('Autumn term 2026');
    const bad = await admin.post('/term-dates', { name: '', 'starts-day': '5', 'starts-month': '9', 'starts-year': '2030', 'ends-day': '1', 'ends-month': '9', 'ends-year': '2030' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the term’s name');
    expect(bad.body).toContain('The last day must be the same as or after the first day');
    const ok = await admin.post('/term-dates', { name: 'Autumn term 2030', 'starts-day': '2', 'starts-month': '9', 'starts-year': '2030', 'ends-day': '20', 'ends-month': '12', 'ends-year': '2030' });
    expect(ok.location).toBe('/term-dates');
    const after = await admin.get('/term-dates');
    expect(after.body).toContain('Autumn term 2030');
    expect(after.body).toContain('20 December 2030');
    const id = /action="\/term-dates\/([0-9a-f-]{36})\/delete"><input[^>]*><button[^>]*>Remove<span class="govuk-visually-hidden"> Autumn term 2030/.exec(after.body)?.[1];
    expect(id).toBeTruthy();
    await admin.post(`/term-dates/${id}/delete`, {});
    expect((await admin.get('/term-dates')).body).not.toContain('20 December 2030');
    expect((await sia.get('/term-dates')).status).toBe(403);
  });
  it('an adviser asks the inclusion team for a visit: the request lands in the Equality and Inclusion Adviser’s queue with the setting and reason, and on the timeline', async () => {
    const p = await allocatedPathway(urns[0]!, people.adviser.id);
    const setting = await t.database.db.selectFrom('providers').select('name').where('urn', '=', urns[0]!).executeTakeFirstOrThrow();
    const { user: holder, client: inclusion } = await signedIn('adviser', 'Ezra Inclusion');
    const title = await t.database.db.selectFrom('org_job_titles').select('id').where('la_code', '=', KENT).where('key', '=', 'equality_inclusion_adviser').executeTakeFirstOrThrow();
    expect((await admin.post(`/organisation/staff/${holder.id}`, { jobTitles: title.id })).status).toBe(303);
    expect((await adviser.get(`/pathways/${p.id}`)).body).toContain(`href="/pathways/${p.id}/inclusion-visit"`);
    const empty = await adviser.post(`/pathways/${p.id}/inclusion-visit`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    expect(empty.body).toContain('href="#reason"');
    const reason = 'Two children with emerging speech needs; the SENCo asks for help with the graduated approach';
    const sent = await adviser.post(`/pathways/${p.id}/inclusion-visit`, { reason });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/pathways/${p.id}`);
    expect((await adviser.get(`/pathways/${p.id}`)).body).toContain('Inclusion visit requested from the Equality and Inclusion Adviser queue: Two children with emerging speech needs');
    const work = await inclusion.get('/my-work');
    expect(work.body).toContain(`Inclusion visit requested for ${setting.name}`);
    expect(work.body).toContain('the graduated approach');
    // not in an Improvement Adviser's own list: it waits for the inclusion team
    expect((await otherAdviser.get('/my-work')).body).not.toContain('Inclusion visit requested');
  });
});
