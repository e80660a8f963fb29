import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { ensureOrganisation } from '../organisation/index.js';
import { deleteExpiredChildren, remindDropins } from './index.js';

const KENT = '886';
const ACORN = 'EY910001';
const BRAMBLE = 'EY910002';

/** The referral form as a setting fills it in (a 3-year-old with SEMH needs). */
const form = (extra: Record<string, string | string[]> = {}) => ({
  firstName: 'Poppy', lastName: 'Testchild', 'dob-day': '10', 'dob-month': '5', 'dob-year': '2023', 'started-day': '1', 'started-month': '9', 'started-year': '2026',
  parentName: 'Pat Parent', parentEmail: 'pat.parent@example.org', parentPhone: '', levelOfNeed: 'developing', areasOfNeed: ['semh', 'communication'],
  needs: 'Finds transitions very hard; has hurt other children twice this month.', graduatedApproach: 'Visual timetable, key person one to one at transitions, reviewed after 6 weeks.',
  ...extra,
});
const consent = { consent: 'yes', consentGivenBy: 'Pat Parent', consentRelationship: 'Mother', 'consentOn-day': '20', 'consentOn-month': '11', 'consentOn-year': '2026', consentPurposes: ['referral', 'home_visits'] };

describe.each(testDatabases())('SEND and inclusion on $name', (testDb) => {
  let t: TestApp;
  let acorn: TestClient;
  let bramble: TestClient;
  let manager: TestClient;
  let officer: TestClient;
  let adviser: TestClient;
  let adviserId: string;
  let referralId: string;
  let childId: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    for (const [urn, name] of [[ACORN, 'Acorn Inclusion Nursery'], [BRAMBLE, 'Bramble Inclusion Pre-school']] as const) {
      await t.database.db.insertInto('providers').values({ urn, la_code: KENT, name, registers: ['EYR'], provider_type: 'Childcare on non-domestic premises', status: 'Active', contact_email: `${urn.toLowerCase()}@example.org` }).execute();
    }
    const client = async (role: 'provider' | 'manager' | 'officer' | 'adviser', urn?: string) => {
      const user = await createTestUser(t.database, KENT, role, { name: `${role} ${urn ?? ''}`.trim() });
      if (urn) await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: user.id, urn, created_at: t.clock.now() }).execute();
      const c = new TestClient(t.app);
      await c.signIn(user.email);
      return { c, id: user.id };
    };
    acorn = (await client('provider', ACORN)).c;
    bramble = (await client('provider', BRAMBLE)).c;
    manager = (await client('manager')).c;
    officer = (await client('officer')).c;
    const a = await client('adviser');
    adviser = a.c;
    adviserId = a.id;
  });
  afterAll(() => t.close());

  it('panels are LA data: a manager adds them with their cut-off', async () => {
    const bad = await manager.post('/inclusion/panels', { 'meets-day': '9', 'meets-month': '12', 'meets-year': '2026', 'cutoff-day': '10', 'cutoff-month': '12', 'cutoff-year': '2026' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('The cut-off date must be before the date the panel meets');
    expect(bad.body).toContain('value="10"'); // what was typed survives
    for (const [meets, cutoff] of [[['25', '11'], ['20', '11']], [['9', '12'], ['24', '11']]] as const) {
      const res = await manager.post('/inclusion/panels', { 'meets-day': meets[0], 'meets-month': meets[1], 'meets-year': '2026', 'cutoff-day': cutoff[0], 'cutoff-month': cutoff[1], 'cutoff-year': '2026' });
      expect(res.status).toBe(303);
    }
    expect((await officer.post('/inclusion/panels', {})).status).toBe(403);
  });

  it('a setting keeps a draft, cannot send it without consent, and sends it to the panel whose cut-off it makes', async () => {
    const draft = await acorn.post(`/portal/${ACORN}/inclusion/referrals`, { ...form(), submit: 'draft' });
    expect(draft.status).toBe(303);
    referralId = draft.location!.split('/').pop()!;
    const page = await acorn.get(draft.location!);
    expect(page.body).toContain('value="Poppy"');
    expect(page.body).toContain('Finds transitions very hard');
    const noConsent = await acorn.post(draft.location!, { ...form(), submit: 'send' });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body).toContain('A referral cannot be sent without the parent or carer’s consent');
    expect(noConsent.body).toContain('Visual timetable, key person one to one');
    expect((await t.database.db.selectFrom('inclusion_referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).status).toBe('draft');

    const fake = await acorn.upload(`${draft.location!}/files`, 'file', 'report.pdf', 'not really a pdf');
    expect(fake.status).toBe(400);
    expect(fake.body).toContain('The file must be a PDF, a Word document or a photo');
    expect((await acorn.upload(`${draft.location!}/files`, 'file', 'sen-support-plan.pdf', '%PDF-1.7\n% plan\n')).status).toBe(303);

    // Monday 23 November 2026: too late for the panel of 25 November (cut-off 20 November), in time for 9 December's (cut-off 24 November)
    const sent = await acorn.post(draft.location!, { ...form(), ...consent, submit: 'send' });
    expect(sent.status).toBe(303);
    const view = await acorn.get(sent.location!);
    expect(view.body).toContain('It will go to the Early Years panel on 9 December 2026: it missed the cut-off for the panel before');
    expect(view.body).toContain('Panel on 9 December 2026');
    expect(view.body).toContain('sen-support-plan.pdf');
    const mail = await t.database.db.selectFrom('outbox').select(['to_addresses', 'text_body']).where('record_id', '=', referralId).executeTakeFirstOrThrow();
    expect(mail.to_addresses).toContain('ey910001@example.org');
    expect(mail.text_body).toContain('9 December 2026');
    childId = (await t.database.db.selectFrom('inclusion_referrals').select('child_id').where('id', '=', referralId).executeTakeFirstOrThrow()).child_id;
    const stored = await t.database.db.selectFrom('inclusion_consents').select(['given_by', 'given_on', 'purposes']).where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ given_by: 'Pat Parent', given_on: expect.stringMatching(/2026-11-20/) as unknown as string, purposes: ['referral', 'home_visits'] });
  });

  it('the child is visible only to the inclusion team and the setting the child attends, and each read is audited', async () => {
    expect((await bramble.get(`/portal/${BRAMBLE}/inclusion/referrals/${referralId}`)).status).toBe(404);
    expect((await bramble.get(`/portal/${ACORN}/inclusion/referrals/${referralId}`)).status).toBe(404);
    expect((await bramble.get(`/portal/${BRAMBLE}`)).body).not.toContain('Poppy');
    expect((await acorn.get(`/portal/${ACORN}`)).body).toContain('Poppy Testchild');
    expect((await adviser.get(`/inclusion/children/${childId}`)).status).toBe(404); // not allocated yet
    expect((await adviser.get('/inclusion')).body).not.toContain('Poppy');
    const seen = await officer.get(`/inclusion/children/${childId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toContain('Social, emotional and mental health');
    const reads = await t.database.db.selectFrom('audit_log').select('user_email').where('action', '=', 'inclusion_child.viewed').where('record_id', '=', childId).execute();
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });

  it('the panel allocates an Inclusion Practitioner with a contact deadline in working days; setting, parent and practitioner are told', async () => {
    const missing = await manager.post(`/inclusion/referrals/${referralId}/decision`, { decision: 'meets', reasons: '' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Choose who the child is allocated to');
    expect(missing.body).toContain('Enter the panel’s reasons');
    const portage = await manager.post(`/inclusion/referrals/${referralId}/decision`, { decision: 'meets', service: 'portage', practitionerId: adviserId, reasons: 'Meets criteria' });
    expect(portage.body).toContain('Portage works with children from birth to 2½ years');
    const ok = await manager.post(`/inclusion/referrals/${referralId}/decision`, { decision: 'meets', service: 'inclusion_practitioner', practitionerId: adviserId, reasons: 'At risk of exclusion; SEMH needs evidenced by the setting.' });
    expect(ok.status).toBe(303);
    // 10 working days after Monday 23 November 2026
    const child = await t.database.db.selectFrom('inclusion_children').select(['contact_due', 'practitioner_id']).where('id', '=', childId).executeTakeFirstOrThrow();
    expect(String(child.contact_due)).toMatch(/2026-12-07/);
    const task = await t.database.db.selectFrom('tasks').select(['owner_user_id', 'due_date', 'done_at']).where('rule_key', '=', `inclusion:contact:${childId}`).executeTakeFirstOrThrow();
    expect(task.owner_user_id).toBe(adviserId);
    const mails = await t.database.db.selectFrom('outbox').select(['to_addresses', 'subject', 'text_body']).where('record_id', '=', referralId).execute();
    expect(mails.flatMap((m) => m.to_addresses)).toEqual(expect.arrayContaining(['pat.parent@example.org', 'ey910001@example.org']));
    expect(mails.find((m) => m.subject.includes('allocated to you'))?.text_body).toContain('Contact the family by 7 December 2026');
    expect((await acorn.get(`/portal/${ACORN}/inclusion/referrals/${referralId}`)).body).toContain('An adviser will be in contact by 7 December 2026');
    expect((await adviser.get('/my-work')).body).toContain(`/inclusion/children/${childId}`);
  });

  it('the practitioner contacts the family, books a home visit and writes a note; the first contact ticks off the task', async () => {
    const page = await adviser.get(`/inclusion/children/${childId}`);
    expect(page.status).toBe(200);
    const bad = await adviser.post(`/inclusion/children/${childId}/entries`, { kind: 'visit', 'on-day': '30', 'on-month': '11', 'on-year': '2026', body: '12 Hill Road' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Choose whether the visit is at home or at the setting');
    expect(bad.body).toContain('12 Hill Road');
    expect((await adviser.post(`/inclusion/children/${childId}/entries`, { kind: 'contact', method: 'phone', 'on-day': '23', 'on-month': '11', 'on-year': '2026', body: 'Spoke to Pat; agreed a home visit.' })).status).toBe(303);
    expect((await adviser.post(`/inclusion/children/${childId}/entries`, { kind: 'visit', place: 'home', atTime: '10:00', 'on-day': '30', 'on-month': '11', 'on-year': '2026', body: '12 Hill Road' })).status).toBe(303);
    expect((await adviser.post(`/inclusion/children/${childId}/entries`, { kind: 'note', 'on-day': '23', 'on-month': '11', 'on-year': '2026', body: 'Working well: Poppy settles with her key person.' })).status).toBe(303);
    const after = await adviser.get(`/inclusion/children/${childId}`);
    expect(after.body).toContain('Visit (Home visit, 10:00): 30 November 2026');
    expect(after.body).toContain('Working well: Poppy settles');
    expect((await t.database.db.selectFrom('tasks').select('done_at').where('rule_key', '=', `inclusion:contact:${childId}`).executeTakeFirstOrThrow()).done_at).not.toBeNull();
    expect((await adviser.get('/inclusion')).body).toContain('Made 23 November 2026');
  });

  it('Disability Access Fund: one payment per child per financial year; a second claim is refused with the reason', async () => {
    const first = await officer.post('/inclusion/daf', { claim: `${childId}|${ACORN}`, dlaEvidence: 'DLA award letter 1 October 2026', amount: '910' });
    expect(first.status).toBe(303);
    await officer.post('/inclusion/daf', { claim: `${childId}|${ACORN}`, dlaEvidence: 'DLA award letter 1 October 2026' });
    const register = await officer.get('/inclusion/daf');
    expect(register.body).toContain('Claim refused: DAF has already been paid for this child in 2026-27, to Acorn Inclusion Nursery');
    expect(await t.database.db.selectFrom('inclusion_daf_claims').select('status').where('child_id', '=', childId).orderBy('recorded_at').execute()).toEqual([{ status: 'paid' }, { status: 'refused' }]);
  });

  it('inclusion fund: an application with the hours, support and evidence; a decision with a tier and amount; the term list as CSV', async () => {
    await t.database.db.insertInto('term_dates').values({ la_code: KENT, name: 'Autumn 2026', starts_on: '2026-09-01', ends_on: '2026-12-18' }).execute();
    const bad = await officer.post('/inclusion/fund', { child: `${childId}|${ACORN}`, term: 'Autumn 2026', hours: '90', support: 'One to one at transitions', evidence: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter the hours of support a week');
    expect(bad.body).toContain('One to one at transitions');
    const applied = await officer.post('/inclusion/fund', { child: `${childId}|${ACORN}`, term: 'Autumn 2026', hours: '7.5', support: 'One to one at transitions', evidence: 'SEN support plan; Area SENCo advice' });
    expect(applied.status).toBe(303);
    expect((await officer.post(`${applied.location!}/decision`, { decision: 'approved', tier: 'Tier 2', amount: '1200' })).status).toBe(403);
    const missing = await manager.post(`${applied.location!}/decision`, { decision: 'approved' });
    expect(missing.body).toContain('Choose the tier or enter the amount');
    expect((await manager.post(`${applied.location!}/decision`, { decision: 'approved', tier: 'Tier 2', amount: '1200', 'starts-day': '1', 'starts-month': '12', 'starts-year': '2026', 'review-day': '1', 'review-month': '3', 'review-year': '2027' })).status).toBe(303);
    const list = await officer.get('/inclusion/fund?term=Autumn%202026');
    expect(list.body).toContain('approved spend £1,200');
    const csv = await officer.get('/inclusion/fund/export?term=Autumn%202026');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split(/\r?\n/)[1]).toBe('Autumn 2026,Poppy Testchild,EY910001,Acorn Inclusion Nursery,7.5,One to one at transitions,Approved,Tier 2,1200.00,2026-12-01,2027-03-01,');
  });

  it('the inclusion report shows referrals per month, decisions, waiting times, caseloads and spend, and exports them', async () => {
    const page = await officer.get('/inclusion/report');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<svg class="app-chart"');
    expect(page.body).toMatch(/November 2026<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1</);
    expect(page.body).toContain('Median time from referral to panel: <strong>16 days</strong>');
    expect(page.body).toContain('Median time from the panel’s decision to first contact: <strong>0 days</strong>');
    const csv = (await officer.get('/inclusion/report/export')).body;
    expect(csv).toContain('Decisions by outcome,Inclusion Practitioner (children at risk of exclusion with SEMH needs),1');
    expect(csv).toContain('Disability Access Fund paid (£),2026-27,910.00');
    expect(csv).toContain('Inclusion fund approved (£),Autumn 2026,1200.00');
    expect((await adviser.get('/inclusion/report')).status).toBe(403);
  });

  it('a setting applies for the inclusion fund in the portal for its own child only; the team sees it waiting for a decision', async () => {
    const fundRows = () => t.database.db.selectFrom('inclusion_fund_applications').select(['urn', 'hours_per_week', 'status']).where('child_id', '=', childId).orderBy('created_at').execute();
    const before = (await fundRows()).length;
    expect((await acorn.get(`/portal/${ACORN}`)).body).toContain(`/portal/${ACORN}/inclusion/fund`);
    expect((await acorn.get(`/portal/${ACORN}/inclusion/fund`)).body).toContain('Poppy Testchild');
    // setting B: not in its list, cannot apply for setting A's child, cannot use A's page
    expect((await bramble.get(`/portal/${BRAMBLE}/inclusion/fund`)).body).not.toContain('Poppy');
    const stolen = await bramble.post(`/portal/${BRAMBLE}/inclusion/fund`, { child: childId, term: 'Autumn 2026', hours: '5', support: 'Anything', evidence: 'None' });
    expect(stolen.status).toBe(400);
    expect(stolen.body).toContain('Choose the child the application is for');
    expect(stolen.body).not.toContain('Poppy');
    expect([403, 404]).toContain((await bramble.post(`/portal/${ACORN}/inclusion/fund`, { child: childId, term: 'Autumn 2026', hours: '5', support: 'Anything', evidence: 'None' })).status);
    expect((await fundRows()).length).toBe(before);
    const bad = await acorn.post(`/portal/${ACORN}/inclusion/fund`, { child: childId, term: 'Autumn 2026', hours: '12.5', support: 'Adult support at lunch and tidy-up', evidence: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#evidence"');
    expect(bad.body).toContain('Adult support at lunch and tidy-up');
    const sent = await acorn.post(`/portal/${ACORN}/inclusion/fund`, { child: childId, term: 'Autumn 2026', hours: '12.5', support: 'Adult support at lunch and tidy-up', evidence: 'SEN support plan review, 2 November' });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/portal/${ACORN}/inclusion/fund`);
    expect((await fundRows()).slice(before)).toEqual([{ urn: ACORN, hours_per_week: '12.5', status: 'submitted' }]);
    expect((await acorn.get(`/portal/${ACORN}/inclusion/fund`)).body).toContain('Poppy Testchild, Autumn 2026, 12.5 hours a week: <strong>Waiting for a decision</strong>');
    expect((await officer.get('/inclusion/fund?term=Autumn%202026')).body).toMatch(/Poppy Testchild<\/a><\/td><td class="govuk-table__cell">Acorn Inclusion Nursery<\/td><td class="govuk-table__cell govuk-table__cell--numeric">12.5<\/td><td class="govuk-table__cell">Waiting for a decision/);
  });

  it('a member of the LA’s inclusion team by job title sees the team’s children; the same role without the title does not', async () => {
    const user = await createTestUser(t.database, KENT, 'adviser', { name: 'Ezra Equality' });
    const ezra = new TestClient(t.app);
    await ezra.signIn(user.email);
    expect((await ezra.get(`/inclusion/children/${childId}`)).status).toBe(404);
    await ensureOrganisation(t.database.db, [KENT]);
    const title = await t.database.db.selectFrom('org_job_titles').select('id').where('la_code', '=', KENT).where('key', '=', 'equality_inclusion_adviser').executeTakeFirstOrThrow();
    await t.database.db.insertInto('org_user_job_titles').values({ la_code: KENT, user_id: user.id, job_title_id: title.id }).execute();
    const page = await ezra.get(`/inclusion/children/${childId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Poppy Testchild');
    // a job title in another team (Improvement Adviser) admits nobody
    const ia = await t.database.db.selectFrom('org_job_titles').select('id').where('la_code', '=', KENT).where('key', '=', 'ia').executeTakeFirstOrThrow();
    const other = await createTestUser(t.database, KENT, 'adviser', { name: 'Ivy Improvement' });
    await t.database.db.insertInto('org_user_job_titles').values({ la_code: KENT, user_id: other.id, job_title_id: ia.id }).execute();
    const ivy = new TestClient(t.app);
    await ivy.signIn(other.email);
    expect((await ivy.get(`/inclusion/children/${childId}`)).status).toBe(404);
  });

  it('a child who moves setting is no longer visible to the old setting', async () => {
    const res = await officer.post(`/inclusion/children/${childId}/setting`, { urn: BRAMBLE, 'from-day': '23', 'from-month': '11', 'from-year': '2026' });
    expect(res.status).toBe(303);
    expect((await acorn.get(`/portal/${ACORN}/inclusion/referrals/${referralId}`)).status).toBe(404);
    expect((await acorn.get(`/portal/${ACORN}`)).body).not.toContain('Poppy');
    expect((await adviser.get(`/inclusion/children/${childId}`)).body).toContain('to 22 November 2026');
  });

  it('after the case closes, the record is deleted once the LA’s retention period has passed, and the deletion is audited', async () => {
    expect((await manager.post('/inclusion/settings', { retentionYears: '0', contactWorkingDays: '10', sencoContactsPerTerm: '1' })).body).toContain('from 1 to 30');
    expect((await manager.post('/inclusion/settings', { retentionYears: '2', contactWorkingDays: '10', sencoContactsPerTerm: '1', signposting: 'Local offer', fundTiers: 'Tier 1\nTier 2\nTier 3\nExceptional' })).status).toBe(303);
    expect((await manager.get('/inclusion/settings')).body).toContain('Tier 3\nExceptional</textarea>');
    expect((await adviser.post(`/inclusion/children/${childId}/close`, { outcome: 'Settled; targets met.' })).status).toBe(303);
    expect(await deleteExpiredChildren(t.database.db, new Date('2028-11-23T12:00:00Z'), t.config.uploadsDir)).toBe(0);
    expect(await deleteExpiredChildren(t.database.db, new Date('2028-11-24T12:00:00Z'), t.config.uploadsDir)).toBe(1);
    expect(await t.database.db.selectFrom('inclusion_children').select('id').where('id', '=', childId).execute()).toEqual([]);
    expect(await t.database.db.selectFrom('inclusion_referrals').select('id').where('child_id', '=', childId).execute()).toEqual([]);
    const audit = await t.database.db.selectFrom('audit_log').select(['details', 'user_email']).where('action', '=', 'inclusion_child.deleted').where('record_id', '=', childId).executeTakeFirstOrThrow();
    expect(audit.user_email).toBe('scheduled job');
    expect(await t.database.db.selectFrom('inclusion_daf_claims').select('status').where('urn', '=', ACORN).orderBy('recorded_at').execute()).toEqual([{ status: 'paid' }, { status: 'refused' }]);
  });

  it('Area SENCo: each setting has its SENCo; settings not contacted this term are listed until a contact is recorded', async () => {
    await t.database.db.insertInto('term_dates').values({ la_code: KENT, name: 'Autumn 2028', starts_on: '2028-09-01', ends_on: '2028-12-18' }).execute();
    t.clock.set('2028-11-24T09:00:00Z');
    const senco = new TestClient(t.app);
    const me = await createTestUser(t.database, KENT, 'adviser', { name: 'Esme EYIA' });
    await senco.signIn(me.email);
    expect((await senco.post('/inclusion/area-senco', { allocateUrn: ACORN, sencoId: me.id })).status).toBe(403);
    await manager.signIn((await createTestUser(t.database, KENT, 'manager')).email);
    const bad = await manager.post('/inclusion/area-senco', { allocateUrn: 'EY000000', sencoId: me.id });
    expect(bad.body).toContain('No setting of yours has the URN EY000000');
    for (const urn of [ACORN, BRAMBLE]) expect((await manager.post('/inclusion/area-senco', { allocateUrn: urn, sencoId: me.id })).status).toBe(303);
    const before = await senco.get('/inclusion/area-senco');
    expect(before.body).toContain('Not yet contacted in Autumn 2028 (2)');
    const missing = await senco.post('/inclusion/area-senco/contacts', { urn: ACORN, 'on-day': '20', 'on-month': '11', 'on-year': '2028', note: 'Called the SENCo' });
    expect(missing.body).toContain('Choose how you made contact');
    expect(missing.body).toContain('Called the SENCo');
    expect((await senco.post('/inclusion/area-senco/contacts', { urn: ACORN, method: 'phone', 'on-day': '20', 'on-month': '11', 'on-year': '2028', note: 'Called the SENCo' })).status).toBe(303);
    const after = await senco.get('/inclusion/area-senco');
    expect(after.body).toContain('Not yet contacted in Autumn 2028 (1)');
    expect(after.body).toMatch(/Bramble Inclusion Pre-school \(EY910002\)/);
    expect(after.body).not.toMatch(/Acorn Inclusion Nursery \(EY910001\)/);
  });

  it('SEND drop-ins: a series every 3 weeks skips bank holidays; a setting books with paperwork first or later; no paperwork is flagged and reminded two working days before; attendance', async () => {
    const signedIn = async (role: 'provider' | 'officer', urn = ACORN) => {
      const user = await createTestUser(t.database, KENT, role);
      if (role === 'provider') await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: user.id, urn, created_at: t.clock.now() }).execute();
      const c = new TestClient(t.app);
      await c.signIn(user.email);
      return c;
    };
    t.clock.set('2028-11-24T09:00:00Z');
    let staff = await signedIn('officer');
    const setting = await signedIn('provider');
    const series = { title: 'SEND drop-in', 'starts-day': '4', 'starts-month': '12', 'starts-year': '2028', 'until-day': '31', 'until-month': '1', 'until-year': '2029', everyWeeks: '3', firstSlot: '09:30', minutes: '30', slots: '2', meetingLink: 'meet.example/send' };
    const bad = await staff.post('/inclusion/drop-ins', series);
    expect(bad.body).toContain('Enter the online meeting link, starting https://');
    const made = await staff.post('/inclusion/drop-ins', { ...series, meetingLink: 'https://meet.example/send' });
    expect(made.status).toBe(303);
    expect((await staff.get('/inclusion/drop-ins')).body).toContain('2 drop-ins added (bank holidays skipped)');
    const slotRows = await t.database.db.selectFrom('inclusion_dropin_slots').select(['id', 'on_date', 'starts_at']).where('la_code', '=', KENT).orderBy('on_date').orderBy('starts_at').execute();
    expect(slotRows.map((r) => `${String(r.on_date).slice(0, 10)} ${r.starts_at}`)).toEqual(['2028-12-04 09:30', '2028-12-04 10:00', '2029-01-15 09:30', '2029-01-15 10:00']); // 25 December skipped
    const slot = slotRows[0]!.id;
    expect((await setting.get(`/portal/${ACORN}/inclusion/drop-ins`)).body).toContain('Book 4 December 2028 at 09:30');
    const noPaperwork = await setting.post(`/portal/${ACORN}/inclusion/drop-ins/${slot}`, { submit: 'book', paperwork: '' });
    expect(noPaperwork.status).toBe(400);
    expect(noPaperwork.body).toContain('Complete the paperwork');
    expect((await setting.post(`/portal/${ACORN}/inclusion/drop-ins/${slot}`, { submit: 'later' })).status).toBe(303);
    const booked = await t.database.db.selectFrom('outbox').select(['subject', 'attachments']).where('record_id', '=', slot).executeTakeFirstOrThrow();
    expect(booked.subject).toBe('SEND drop-in booked: 4 December 2028 at 09:30');
    const ics = Buffer.from((booked.attachments as unknown as { contentBase64: string }[])[0]!.contentBase64, 'base64').toString();
    expect(ics).toContain('DTSTART:20281204T093000Z');
    expect(ics).toContain('LOCATION:https://meet.example/send');
    expect((await staff.get('/inclusion/drop-ins')).body).not.toContain('No paperwork');
    expect(await remindDropins(t.database.db, new Date('2028-11-29T12:00:00Z'))).toBe(0);
    expect(await remindDropins(t.database.db, new Date('2028-11-30T07:00:00Z'))).toBe(1);
    expect(await remindDropins(t.database.db, new Date('2028-11-30T08:00:00Z'))).toBe(0);
    const reminder = await t.database.db.selectFrom('outbox').select('text_body').where('record_id', '=', slot).where('subject', 'like', 'Reminder%').executeTakeFirstOrThrow();
    expect(reminder.text_body).toContain('We have not received the paperwork yet');
    t.clock.set('2028-11-30T09:00:00Z');
    staff = await signedIn('officer');
    expect((await staff.get('/inclusion/drop-ins')).body).toContain('No paperwork');
    const late = await signedIn('provider');
    expect((await late.post(`/portal/${ACORN}/inclusion/drop-ins/${slot}`, { submit: 'paperwork', paperwork: 'A 3-year-old who finds transitions hard; visual timetable tried.' })).status).toBe(303);
    expect((await staff.get('/inclusion/drop-ins')).body).not.toContain('No paperwork');
    const neighbour = await signedIn('provider', BRAMBLE);
    expect((await neighbour.get(`/portal/${BRAMBLE}/inclusion/drop-ins/${slot}`)).status).toBe(404);
    expect((await neighbour.get(`/portal/${BRAMBLE}/inclusion/drop-ins`)).body).toContain('Book 4 December 2028 at 10:00');
    expect((await staff.post(`/inclusion/drop-ins/slots/${slot}`, { note: 'Advice on transitions' })).body).toContain('Choose whether the setting attended');
    expect((await staff.post(`/inclusion/drop-ins/slots/${slot}`, { attended: 'yes', note: 'Advice on transitions' })).status).toBe(303);
    expect(await t.database.db.selectFrom('inclusion_dropin_slots').select(['attended', 'note']).where('id', '=', slot).executeTakeFirstOrThrow()).toEqual({ attended: true, note: 'Advice on transitions' });
  });

  it('the retention job erases a drop-in’s paperwork and note once the LA’s period after the drop-in has passed, keeping the attendance, and audits it', async () => {
    // the LA keeps records 2 years (set above); the paperwork of the 4 December 2028 drop-in goes after 4 December 2030
    const slotOf = () => t.database.db.selectFrom('inclusion_dropin_slots').select(['id', 'urn', 'paperwork', 'note', 'attended']).where('la_code', '=', KENT).where('paperwork', 'like', 'A 3-year-old%').executeTakeFirst();
    const kept = await slotOf();
    expect(kept?.note).toBe('Advice on transitions');
    await deleteExpiredChildren(t.database.db, new Date('2030-12-04T12:00:00Z'), t.config.uploadsDir);
    expect((await slotOf())?.id).toBe(kept!.id);
    await deleteExpiredChildren(t.database.db, new Date('2030-12-05T12:00:00Z'), t.config.uploadsDir);
    expect(await slotOf()).toBeUndefined();
    expect(await t.database.db.selectFrom('inclusion_dropin_slots').select(['urn', 'paperwork', 'note', 'attended']).where('id', '=', kept!.id).executeTakeFirstOrThrow()).toEqual({ urn: ACORN, paperwork: null, note: null, attended: true });
    const audit = await t.database.db.selectFrom('audit_log').select(['details', 'user_email']).where('action', '=', 'inclusion_dropin.paperwork_deleted').where('record_id', '=', ACORN).execute();
    expect(audit.map((a) => a.user_email)).toEqual(['scheduled job']);
    expect(JSON.stringify(audit[0]!.details)).toContain(kept!.id);
  });
});
