import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { deleteExpiredChildRecords } from './retention.js';
import { fundedChildrenCsv } from '../../../test/support/funding.js';

const KENT = '886';

describe.each(testDatabases())('FEEE audits on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let urn: string;
  let auditId: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    officer = new TestClient(t.app);
    await officer.signIn((await createTestUser(t.database, KENT, 'officer', { name: 'Olive Officer' })).email);
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    await t.database.db.updateTable('providers').set({ contact_email: 'office@greenview.example' }).where('urn', '=', urn).execute();
  });
  afterAll(() => t.close());

  it('an audit is planned with its type, term, reason and auditor', async () => {
    const bad = await officer.post(`/providers/${urn}/feee-audits`, { term: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Choose the type of audit');
    expect(bad.body).toContain('Enter the term audited, like Autumn 2026');
    const page = await officer.get(`/providers/${urn}/feee-audits`);
    const auditorId = /<option value="([0-9a-f-]{36})" selected>Olive Officer/.exec(page.body)![1]!;
    const res = await officer.post(`/providers/${urn}/feee-audits`, { auditType: 'document_check', term: 'Autumn 2026', reason: 'sample', auditorId });
    auditId = res.location!.split('/').pop()!;
    expect((await officer.get(res.location!)).body).toContain('Document check: birth certificates against PSOUs: Autumn 2026');
  });

  it('the funded children import checks every row and changes nothing when one is wrong; unknown columns are matched by the auditor', async () => {
    const wrong = await officer.upload(`/feee-audits/${auditId}/children`, 'children', 'children.csv', 'Child reference,Date of birth,Entitlement type,Funded hours\nC1,31/02/2022,FF2,15\nC2,01/01/2022,FF2,15\n');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Nothing was imported: 1 row needs correcting. Row 2: “Date of birth” is not a date');
    expect(await t.database.db.selectFrom('feee_children').select('id').where('audit_id', '=', auditId).execute()).toEqual([]);
    const odd = await officer.upload(`/feee-audits/${auditId}/children`, 'children', 'children.csv', 'Ref,Birthday,Kind,Hours\nC1,01/02/2022,FF2,15\n');
    expect(odd.body).toContain('Match the columns');
    const csv = /name="csv" value="([^"]+)"/.exec(odd.body)![1]!;
    const unmatched = await officer.post(`/feee-audits/${auditId}/children`, { csv, 'map-childRef': '0', 'map-fundedHours': '3' });
    expect(unmatched.body).toContain('Choose the column that holds the date of birth');
    const matched = await officer.post(`/feee-audits/${auditId}/children`, { csv, 'map-childRef': '0', 'map-dateOfBirth': '1', 'map-entitlement': '2', 'map-fundedHours': '3' });
    expect(matched.status).toBe(303);
    expect(await t.database.db.selectFrom('feee_children').select('child_ref').where('audit_id', '=', auditId).execute()).toEqual([{ child_ref: 'C1' }]);
    const full = await officer.upload(`/feee-audits/${auditId}/children`, 'children', 'children.csv', fundedChildrenCsv());
    expect(full.status).toBe(303);
    expect((await officer.get(`/feee-audits/${auditId}`)).body).toContain('40 funded children.');
  });

  it('a random sample of 10 is reproducible from its seed', async () => {
    const sampled = async () => (await t.database.db.selectFrom('feee_children').select('child_ref').where('audit_id', '=', auditId).where('sampled', '=', true).orderBy('child_ref').execute()).map((c) => c.child_ref);
    await officer.post(`/feee-audits/${auditId}/sample`, { method: 'random', size: '10', seed: '2026' });
    const first = await sampled();
    expect(first).toHaveLength(10);
    await officer.post(`/feee-audits/${auditId}/sample`, { method: 'random', size: '10', seed: '99' });
    expect(await sampled()).not.toEqual(first);
    await officer.post(`/feee-audits/${auditId}/sample`, { method: 'random', size: '10', seed: '2026' });
    expect(await sampled()).toEqual(first);
  });

  it('two dates of birth that differ from the birth certificates become findings; the audit completes with a report e-mailed and actions on the plan', async () => {
    const children = await t.database.db.selectFrom('feee_children').select(['id', 'child_ref', 'date_of_birth']).where('audit_id', '=', auditId).where('sampled', '=', true).orderBy('child_ref').execute();
    const early = await officer.post(`/feee-audits/${auditId}/complete`, { outcome: 'recovery' });
    expect(early.body).toContain('Check every sampled child first: 10 still to check');
    const invalid = await officer.post(`/feee-audits/${auditId}/children/${children[0]!.id}`, { psouPresent: 'yes' });
    expect(invalid.body).toContain('Say whether the PSOU is signed');
    for (const [i, c] of children.entries()) {
      const [y, m, d] = (i < 2 ? `2020-${c.date_of_birth.slice(5)}` : c.date_of_birth).split('-');
      await officer.post(`/feee-audits/${auditId}/children/${c.id}`, { psouPresent: 'yes', psouSigned: 'yes', psouHours: '15', proof: 'birth_certificate', 'dob-day': d!, 'dob-month': m!, 'dob-year': y!, codeChecked: 'yes', amount: i === 0 ? '456.30' : '' });
    }
    const page = await officer.get(`/feee-audits/${auditId}`);
    expect(page.body.match(/Date of birth differs from the proof/g)).toHaveLength(2);
    const reads = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['feee_audit.children_viewed', 'feee_audit.child_viewed']).execute();
    expect(reads.length).toBeGreaterThan(0);
    expect(page.body).toContain('Total to recover: <strong>£456.30</strong>');
    await officer.post(`/feee-audits/${auditId}/complete`, { outcome: 'recovery', notes: 'Two birth certificates did not match', actions: 'Check proof of date of birth for every funded child\nKeep a record of the proof seen', support: ['one_to_one', 'email_phone'] });
    const done = await officer.get(`/feee-audits/${auditId}`);
    expect(done.body).toContain('Recovery of funding: Two birth certificates did not match');
    expect(done.body).toContain('Support offered: one to one support visits, email/telephone support.');
    const mail = await t.database.db.selectFrom('outbox').select(['to_addresses', 'attachments']).where('subject', '=', 'Early education funding audit: Greenview Nursery').executeTakeFirstOrThrow();
    expect(mail.to_addresses).toEqual(['office@greenview.example']);
    expect(JSON.stringify(mail.attachments)).toContain('application/pdf');
    expect((await officer.get(`/feee-audits/${auditId}/report.pdf`)).body.startsWith('%PDF-')).toBe(true);
    const actions = await t.database.db.selectFrom('action_plan_items').select('action').where('urn', '=', urn).where('action', 'like', 'FEEE audit%').execute();
    expect(actions).toHaveLength(2);
  });

  it('child records are deleted after the retention period, and the deletion is audited; findings stay', async () => {
    expect(await deleteExpiredChildRecords(t.database.db, new Date('2033-11-22T12:00:00Z'))).toEqual({ audits: 0, children: 0 });
    expect(await deleteExpiredChildRecords(t.database.db, new Date('2033-11-24T12:00:00Z'))).toEqual({ audits: 1, children: 40 });
    expect(await t.database.db.selectFrom('feee_children').select('id').where('audit_id', '=', auditId).execute()).toEqual([]);
    expect(await t.database.db.selectFrom('feee_findings').select('id').where('audit_id', '=', auditId).execute()).toHaveLength(2);
    const logged = await t.database.db.selectFrom('audit_log').select(['action', 'user_email']).where('action', '=', 'feee_audit.children_deleted').executeTakeFirstOrThrow();
    expect(logged.user_email).toBe('scheduled job');
    expect((await officer.get(`/feee-audits/${auditId}`)).body).toContain('The child records were deleted on 24 November 2033');
  });

  it('a self-evaluation audit gives the setting a self-evaluation to complete in its portal', async () => {
    const page = await officer.get(`/providers/${urn}/feee-audits`);
    const auditorId = /<option value="([0-9a-f-]{36})" selected>/.exec(page.body)![1]!;
    const res = await officer.post(`/providers/${urn}/feee-audits`, { auditType: 'self_evaluation', term: 'Spring 2027', reason: 'new_provider', auditorId });
    const audit = await t.database.db.selectFrom('feee_audits').select('self_assessment_id').where('id', '=', res.location!.split('/').pop()!).executeTakeFirstOrThrow();
    expect(audit.self_assessment_id).toBeTruthy();
    const provider = await createTestUser(t.database, KENT, 'provider');
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: provider.id, urn, created_at: t.clock.now() }).execute();
    const setting = new TestClient(t.app);
    await setting.signIn(provider.email);
    expect((await setting.get(`/portal/${urn}/audits`)).body).toContain('Early education funding (FEEE) self-evaluation');
    expect((await setting.get(`/portal/${urn}/audits/${audit.self_assessment_id}/sections/1`)).body).toContain('There is a signed PSOU for every funded child');
  });
});
