import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { deleteExpiredChildRecords, retentionCutoffs, withoutChildRefs } from './retention.js';

const KENT = '886';

describe('when child records are due for deletion', () => {
  it('completed audits after the retention years (London date); audits never completed after the months since they were planned', () => {
    const cut = retentionCutoffs(new Date('2027-03-31T23:30:00Z'), { childRecordRetentionYears: 7, unfinishedAuditChildMonths: 12 });
    expect(cut.completedBefore).toBe('2020-04-01'); // 00:30 on 1 April in London
    expect(cut.plannedBefore.toISOString()).toBe('2026-03-31T23:30:00.000Z');
    expect(retentionCutoffs(new Date('2027-03-31T12:00:00Z'), { childRecordRetentionYears: 7, unfinishedAuditChildMonths: 3 }).plannedBefore.toISOString()).toBe('2026-12-31T12:00:00.000Z');
  });

  it('a finding keeps its text with the child reference taken out', () => {
    expect(withoutChildRefs('Child C12: 15 hours claimed; the PSOU says 10', ['C1', 'C12'])).toBe('Child [child]: 15 hours claimed; the PSOU says 10');
    expect(withoutChildRefs('Child A.B (1): no proof', ['A.B (1)'])).toBe('Child [child]: no proof');
    expect(withoutChildRefs('No child named', [])).toBe('No child named');
  });
});

describe.each(testDatabases())('retention reaches every copy of children’s data in FEEE audits, on $name', (testDb) => {
  let t: TestApp;
  let urn: string;
  let admin: TestClient;

  const plan = async (status: 'planned' | 'in_progress' | 'completed', createdAt: string, completedAt: string | null) => {
    const audit = await t.database.db.insertInto('feee_audits').values({ la_code: KENT, urn, audit_type: 'document_check', term: 'Autumn 2026', reason: 'sample', status, created_at: new Date(createdAt), completed_at: completedAt ? new Date(completedAt) : null }).returning('id').executeTakeFirstOrThrow();
    const kids = await t.database.db.insertInto('feee_children').values(['K7', 'K77'].map((ref, i) => ({ la_code: KENT, audit_id: audit.id, row_number: i + 2, child_ref: ref, date_of_birth: '2023-05-01', entitlement: 'FF2', funded_hours: 15, sampled: true }))).returning(['id', 'child_ref']).execute();
    await t.database.db.insertInto('feee_findings').values({ la_code: KENT, audit_id: audit.id, child_id: kids[1]!.id, child_ref: 'K77', finding_type: 'hours_mismatch', details: 'Child K77: 15 hours claimed; the PSOU says 10', amount_pence: 12000, created_at: new Date(createdAt) }).execute();
    return audit.id;
  };
  const left = async (auditId: string) => ({
    children: (await t.database.db.selectFrom('feee_children').select('child_ref').where('audit_id', '=', auditId).execute()).length,
    findings: await t.database.db.selectFrom('feee_findings').select(['child_ref', 'child_id', 'details', 'amount_pence']).where('audit_id', '=', auditId).execute(),
  });

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, KENT, 'admin')).email);
  });
  afterAll(() => t?.close());

  it('the LA sets how long the children of an audit never completed are kept, with the other funding rules', async () => {
    const form = { reportCardLowestArea: 'expected_standard', reportCardSafeguardingMet: 'yes', withdrawOnSafeguardingNotMet: 'yes', newlyRegisteredFf2: 'yes', newlyRegisteredThreeFour: 'yes', newlyRegisteredUnderThrees: 'yes', childRecordRetentionYears: '7' };
    const wrong = await admin.post('/funding/rules', { ...form, unfinishedAuditChildMonths: '0' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('href="#unfinishedAuditChildMonths">Enter the number of months to keep the child records of an audit not completed, from 1 to 60');
    expect(wrong.body).not.toContain('#childRecordRetentionYears">');
    expect((await admin.post('/funding/rules', { ...form, unfinishedAuditChildMonths: '6' })).status).toBe(303);
    expect((await admin.get('/funding/rules')).body).toMatch(/name="unfinishedAuditChildMonths"[^>]*value="6"/);
  });

  it('children of an audit never completed go after the LA’s months, with the child references in its findings; each deletion is audited by id', async () => {
    const abandoned = await plan('in_progress', '2026-01-10T10:00:00Z', null);
    const recent = await plan('planned', '2026-10-01T10:00:00Z', null);
    const completed = await plan('completed', '2026-01-10T10:00:00Z', '2026-02-01T10:00:00Z');

    // 6 months after it was planned (the LA's setting above), not before
    expect(await deleteExpiredChildRecords(t.database.db, new Date('2026-07-09T10:00:00Z'))).toEqual({ audits: 0, children: 0 });
    expect(await deleteExpiredChildRecords(t.database.db, new Date('2026-07-11T10:00:00Z'))).toEqual({ audits: 1, children: 2 });
    expect(await left(abandoned)).toEqual({ children: 0, findings: [{ child_ref: null, child_id: null, details: 'Child [child]: 15 hours claimed; the PSOU says 10', amount_pence: 12000 }] });
    expect((await left(recent)).children).toBe(2);
    expect((await left(completed)).children).toBe(2); // completed: kept for the retention years
    expect((await left(completed)).findings[0]!.child_ref).toBe('K77');

    const logged = await t.database.db.selectFrom('audit_log').select(['record_id', 'details', 'user_email']).where('action', '=', 'feee_audit.children_deleted').execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.user_email).toBe('scheduled job');
    expect(logged[0]!.details).toMatchObject({ audit: abandoned, status: 'in_progress', children: 2, findings: 1, notCompletedMonths: 6 });
    expect(JSON.stringify(logged[0]!.details)).not.toContain('K7');

    // the completed audit's children and finding references go after 7 years from completion
    expect(await deleteExpiredChildRecords(t.database.db, new Date('2033-02-02T10:00:00Z'))).toEqual({ audits: 2, children: 4 });
    expect(await left(completed)).toEqual({ children: 0, findings: [{ child_ref: null, child_id: null, details: 'Child [child]: 15 hours claimed; the PSOU says 10', amount_pence: 12000 }] });
    expect(await deleteExpiredChildRecords(t.database.db, new Date('2034-01-01T10:00:00Z'))).toEqual({ audits: 0, children: 0 });
    const page = await admin.get(`/feee-audits/${abandoned}`);
    expect(page.body).toContain('The child records were deleted on 11 July 2026');
  });
});
