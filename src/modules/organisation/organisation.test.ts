import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { TenantDb } from '../../db/tenant.js';
import { runImport } from '../ofsted-import/index.js';
import { enqueueTask } from '../tasks/index.js';
import { defaultStructure, jobTitleByKey, jobTitlesOf, listTeams, managersOf, membersOf } from './index.js';

const KENT = '886';
const LEICS = '855';

describe('the shipped structures', () => {
  it('Kent names the jobs of its strategy, and the Senior CSO and the Improvement and Standards Manager are job titles', () => {
    const titles = defaultStructure(KENT).teams.flatMap((t) => t.jobTitles.map((j) => j.name));
    expect(titles).toEqual(expect.arrayContaining(['Senior Early Years and Childcare Improvement Adviser', 'Early Years and Childcare Improvement Adviser', 'Senior Childcare Sufficiency Officer', 'Childcare Sufficiency Officer', 'Early Years and Childcare Manager Improvement and Standards', 'Early Years and Childcare Sustainability Manager', 'Equality and Inclusion Adviser']));
  });
  it('Leicestershire has its three teams; "The Early Years Improvement Advisor is also your allocated Area SENCo"', () => {
    const s = defaultStructure(LEICS);
    expect(s.teams.map((t) => t.name)).toEqual(['Childcare sufficiency and organisational development', 'Early Years Improvement', 'Early Years SEND Inclusion']);
    const all = s.teams.flatMap((t) => t.jobTitles);
    expect(all.find((j) => j.key === 'area_senco')?.samePersonAs).toBe('eyia');
    // CISOs take the officer's part of Leicestershire's pathways
    expect(all.find((j) => j.slots.includes('officer'))?.short).toBe('CISO');
    expect(all.map((j) => j.short)).toEqual(expect.arrayContaining(['BDA', 'PLIO', 'FEEE Co-ordinator', 'Portage', 'SEND Entitlement Assistant']));
  });
  it('any other LA starts from a neutral default with one queue for each part of a pathway', () => {
    const titles = defaultStructure('202').teams.flatMap((t) => t.jobTitles);
    expect(titles.flatMap((j) => j.slots).sort()).toEqual(['adviser', 'manager', 'officer']);
  });
});

describe.each(testDatabases())('teams, job titles and queues on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;
  const signIn = async (la: string, role: 'manager' | 'adviser' | 'officer' | 'admin', name: string) => {
    const user = await createTestUser(t.database, la, role, { name });
    const client = new TestClient(t.app);
    await client.signIn(user.email);
    return { user, client };
  };
  const tenant = (la: string) => new TenantDb(t.database.db, { laCode: la, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });

  beforeAll(async () => {
    t = await startTestApp(testDb);
    t.clock.set('2026-11-23T10:00:00Z');
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    admin = (await signIn(KENT, 'admin', 'Alan Admin')).client;
  });
  afterAll(() => t.close());

  it('an administrator sees Kent’s teams, adds a job title and gives a member of staff two job titles', async () => {
    const page = await admin.get('/organisation');
    expect(page.status).toBe(200);
    for (const text of ['Improvement and Standards', 'Sufficiency and Sustainability', 'Equality and Inclusion', 'Senior Childcare Sufficiency Officer']) expect(page.body).toContain(text);
    const team = (await listTeams(tenant(KENT))).find((x) => x.key === 'equality_inclusion')!;
    const blank = await admin.post(`/organisation/teams/${team.id}/job-titles/new`, { name: '', shortName: 'X' });
    expect(blank.status).toBe(400);
    expect(blank.body).toContain('Enter the job title');
    expect(blank.body).toContain('value="X"');
    expect((await admin.post(`/organisation/teams/${team.id}/job-titles/new`, { name: 'Inclusion Practitioner', shortName: 'IP' })).status).toBe(303);
    const added = await jobTitleByKey(tenant(KENT), 'inclusion_practitioner');
    expect(added?.name).toBe('Inclusion Practitioner');

    const { user: cora } = await signIn(KENT, 'officer', 'Cora Both');
    const [senior, cso] = await Promise.all([jobTitleByKey(tenant(KENT), 'senior_cso'), jobTitleByKey(tenant(KENT), 'cso')]);
    expect((await admin.post(`/organisation/staff/${cora.id}`, { jobTitles: [senior!.id, cso!.id] })).status).toBe(303);
    expect((await jobTitlesOf(tenant(KENT), cora.id)).map((j) => j.key)).toEqual(['senior_cso', 'cso']);
    expect((await membersOf(tenant(KENT), 'senior_cso')).map((m) => m.name)).toEqual(['Cora Both']);
    // the Sustainability Manager manages the team Cora is in
    const { user: manager } = await signIn(KENT, 'manager', 'Debbie Sustain');
    const sustainability = await jobTitleByKey(tenant(KENT), 'sustainability_manager');
    await admin.post(`/organisation/staff/${manager.id}`, { jobTitles: sustainability!.id });
    expect((await managersOf(tenant(KENT), cora.id)).map((m) => m.name)).toEqual(['Debbie Sustain']);
  });

  it('the Senior CSO’s queue gets the allocation of a CSO for a new registration; they allocate one and the CSO gets the contact step', async () => {
    const { user: senior, client: seniorClient } = await signIn(KENT, 'officer', 'Sam Senior-CSO');
    const { user: cso, client: csoClient } = await signIn(KENT, 'officer', 'Chris CSO');
    const { client: ia } = await signIn(KENT, 'adviser', 'Ivy Adviser');
    const { client: sia } = await signIn(KENT, 'manager', 'Sal SIA');
    const titles = { senior: (await jobTitleByKey(tenant(KENT), 'senior_cso'))!, cso: (await jobTitleByKey(tenant(KENT), 'cso'))! };
    await admin.post(`/organisation/staff/${senior.id}`, { jobTitles: titles.senior.id });
    await admin.post(`/organisation/staff/${cso.id}`, { jobTitles: titles.cso.id });
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('name', 'is not', null).orderBy('urn').offset(3).limit(1).executeTakeFirstOrThrow()).urn;
    expect((await sia.post(`/providers/${urn}/pathways`, { kind: 'new_registration', reason: 'Registered this month' })).status).toBe(303);
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).where('kind', '=', 'new_registration').executeTakeFirstOrThrow();

    const seniorWork = await seniorClient.get('/my-work');
    expect(seniorWork.body).toContain('The Senior Childcare Sufficiency Officer allocates a Childcare Sufficiency Officer (CSO)');
    expect(seniorWork.body).toContain('Senior CSO queue');
    // a CSO does not see the Senior CSO's queue, nor may an adviser allocate the officer
    expect((await csoClient.get('/my-work')).body).not.toContain('allocates a Childcare Sufficiency Officer');
    expect((await ia.get(`/pathways/${pathway.id}/allocate-officer`)).status).toBe(403);
    // Team shows every queue; the team's queue page lists the task
    const team = await sia.get('/team');
    expect(team.body).toMatch(/Senior Childcare Sufficiency Officer<\/td>\s*<td class="govuk-table__cell">[^<]*Sam Senior-CSO[^<]*<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/);
    const sufficiency = (await listTeams(tenant(KENT))).find((x) => x.key === 'sufficiency')!;
    expect((await seniorClient.get(`/teams/${sufficiency.id}`)).body).toContain('allocates a Childcare Sufficiency Officer');

    const page = await seniorClient.get(`/pathways/${pathway.id}`);
    expect(page.body).toContain('Allocate a Childcare Sufficiency Officer');
    expect(page.body).toContain('allocated by the Senior CSO');
    expect((await seniorClient.post(`/pathways/${pathway.id}/allocate-officer`, { officerId: '' })).status).toBe(400);
    expect((await seniorClient.post(`/pathways/${pathway.id}/allocate-officer`, { officerId: cso.id })).status).toBe(303);
    expect((await seniorClient.get('/my-work')).body).not.toContain('allocates a Childcare Sufficiency Officer');
    // the SIA then allocates the IA: the CSO's "makes contact" step counts from the CSO's allocation
    const ivy = await t.database.db.selectFrom('users').select('id').where('name', '=', 'Ivy Adviser').executeTakeFirstOrThrow();
    expect((await sia.post(`/pathways/${pathway.id}/allocate`, { adviserId: ivy.id })).status).toBe(303);
    const csoWork = await csoClient.get('/my-work');
    expect(csoWork.body).toContain('makes contact offering business and general support');
  });

  it('"SIA accompanies IA": the SIA who allocated the setting is on the invitation of the visits they accompany and in their calendar', async () => {
    const { user: siaUser, client: sia } = await signIn(KENT, 'manager', 'Stella SIA');
    const { user: ia, client: iaClient } = await signIn(KENT, 'adviser', 'Ian IA');
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('name', 'is not', null).orderBy('urn').offset(5).limit(1).executeTakeFirstOrThrow()).urn;
    expect((await sia.post(`/providers/${urn}/pathways`, { kind: 'requires_improvement', reason: 'Requires improvement' })).status).toBe(303);
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).where('kind', '=', 'requires_improvement').executeTakeFirstOrThrow();
    expect((await sia.post(`/pathways/${pathway.id}/allocate`, { adviserId: ia.id, cadence: 'monthly' })).status).toBe(303);
    const visit3 = await t.database.db.selectFrom('visits').select(['id', 'with_sia']).where('pathway_id', '=', pathway.id).where('number', '=', 3).executeTakeFirstOrThrow();
    expect(visit3.with_sia).toBe(true);
    expect((await iaClient.post(`/visits/${visit3.id}/book`, { 'date-day': '10', 'date-month': '2', 'date-year': '2027', time: '10:00', duration: '60', location: 'At the setting', inviteEmail: 'office@setting.example' })).status).toBe(303);
    const invitation = await t.database.db.selectFrom('outbox').select(['to_addresses', 'cc_addresses']).where('subject', 'like', 'Visit to %10 February 2027%').executeTakeFirstOrThrow();
    expect(invitation.to_addresses).toEqual(['office@setting.example']);
    expect(invitation.cc_addresses).toContain(siaUser.email);
    const booked = await t.database.db.selectFrom('visits').select('accompanying').where('id', '=', visit3.id).executeTakeFirstOrThrow();
    expect(booked.accompanying).toEqual([siaUser.id]);
    // visit 1 is not accompanied: the SIA is not on it
    const visit1 = await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathway.id).where('number', '=', 1).executeTakeFirstOrThrow();
    await iaClient.post(`/visits/${visit1.id}/book`, { 'date-day': '9', 'date-month': '12', 'date-year': '2026', time: '10:00', duration: '60', location: 'At the setting' });
    expect((await t.database.db.selectFrom('visits').select('accompanying').where('id', '=', visit1.id).executeTakeFirstOrThrow()).accompanying).toEqual([]);
  });

  it('closing as "did not engage" leaves a task to inform Ofsted in the SIA queue; a safety concern’s tasks outlive the pathway', async () => {
    const { client: sia } = await signIn(KENT, 'manager', 'Sid SIA');
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('name', 'is not', null).orderBy('urn').offset(7).limit(1).executeTakeFirstOrThrow()).urn;
    await sia.post(`/providers/${urn}/pathways`, { kind: 'requires_improvement', reason: 'Requires improvement' });
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
    await sia.post(`/providers/${urn}/concerns`, { details: 'Gate left open' });
    expect((await sia.post(`/pathways/${pathway.id}/close`, { outcome: 'not_engaging', details: 'No reply to five calls' })).status).toBe(303);
    const open = await t.database.db.selectFrom('tasks').leftJoin('org_job_titles', 'org_job_titles.id', 'tasks.owner_job_title_id')
      .select(['tasks.rule_key', 'org_job_titles.key']).where('tasks.urn', '=', urn).where('tasks.done_at', 'is', null).where('tasks.cancelled_at', 'is', null).orderBy('tasks.rule_key').execute();
    expect(open.map((o) => [o.rule_key.split(':').slice(0, 2).join(':'), o.key])).toEqual([
      ['rule:concern_support_visit', 'ia'], ['rule:inform_ofsted_not_engaging', 'sia'], ['rule:share_concern_ofsted', 'sia'],
    ]);
  });

  it('a task put in a named queue reaches its holders, who take it', async () => {
    const { user: holder, client } = await signIn(KENT, 'adviser', 'Ezra Inclusion');
    const title = (await jobTitleByKey(tenant(KENT), 'equality_inclusion_adviser'))!;
    await admin.post(`/organisation/staff/${holder.id}`, { jobTitles: title.id });
    const at = t.clock.now();
    const id = await enqueueTask(tenant(KENT), { jobTitleKey: 'equality_inclusion_adviser', title: 'Equality and inclusion visit requested by the SIA', ruleKey: 'rule:test:inclusion', at, deadline: { dueDate: '2026-11-30', dueAt: new Date('2026-11-30T17:00:00Z') } });
    const work = await client.get('/my-work');
    expect(work.body).toContain('Equality and inclusion visit requested by the SIA');
    expect((await client.post(`/tasks/${id}/take`, { returnTo: '/my-work' })).status).toBe(303);
    const task = await t.database.db.selectFrom('tasks').select('owner_user_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(task.owner_user_id).toBe(holder.id);
    // someone outside the queue cannot take a queued task
    const other = await enqueueTask(tenant(KENT), { jobTitleKey: 'equality_inclusion_adviser', title: 'Another', ruleKey: 'rule:test:inclusion2', at, deadline: { dueDate: '2026-11-30', dueAt: new Date('2026-11-30T17:00:00Z') } });
    const { client: outsider } = await signIn(KENT, 'officer', 'Olive Outside');
    expect((await outsider.post(`/tasks/${other}/take`, {})).status).toBe(403);
  });

  it('Leicestershire routes the officer’s work to CISOs, and its Area SENCo is the EYIA', async () => {
    const { user: ciso } = await signIn(LEICS, 'officer', 'Cass CISO');
    const { user: eyia } = await signIn(LEICS, 'adviser', 'Eve EYIA');
    const l = tenant(LEICS);
    await l.insertInto('org_user_job_titles', [{ user_id: ciso.id, job_title_id: (await jobTitleByKey(l, 'ciso'))!.id }, { user_id: eyia.id, job_title_id: (await jobTitleByKey(l, 'eyia'))!.id }]).execute();
    expect((await membersOf(l, 'area_senco')).map((m) => m.name)).toEqual(['Eve EYIA']);
    const id = await enqueueTask(l, { jobTitleKey: 'ciso', title: 'Support a proposed provider through registration', ruleKey: 'rule:test:ciso', at: t.clock.now(), deadline: { dueDate: '2026-11-30', dueAt: new Date('2026-11-30T17:00:00Z') } });
    const task = await t.database.db.selectFrom('tasks').select(['owner_role', 'la_code']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(task).toEqual({ owner_role: 'officer', la_code: LEICS });
    // Kent's admin cannot see or change Leicestershire's job titles
    const leicsTitle = (await jobTitleByKey(l, 'ciso'))!;
    expect((await admin.get(`/organisation/job-titles/${leicsTitle.id}/edit`)).status).toBe(404);
  });
});
