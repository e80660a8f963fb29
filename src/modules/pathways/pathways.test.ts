import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { editedCsv, kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

/*
 * "Done when: a real Ofsted file imported twice (older then a hand-edited newer copy) produces the
 * right pathways with the right due dates", and a re-import never duplicates them.
 */

const KENT = '886';
const RI = 'EY485159'; // Greenview Nursery (graded Good in the file)
const URNS = { ri: RI, inadequate: '', good: '', newcomer: 'EY999001' };

describe.each(testDatabases())('pathways from Ofsted imports on $name', (testDb) => {
  let t: TestApp;
  const original = kentFile();
  const importAs = (bytes: Buffer, name: string, asAt: string) => runImport(t.database.db, t.clock, { bytes, fileName: name, laCode: KENT, startedBy: null, asAt });
  const pathways = () => t.database.db.selectFrom('pathways').selectAll().where('la_code', '=', KENT).orderBy('urn').execute();

  // Newer copy: Greenview re-inspected RI, another nursery Inadequate, one new registration.
  const newer = () =>
    editedCsv(original, (row) => {
      if (row['Provider URN'] === URNS.ri) Object.assign(row, { 'Most recent full: Inspection date': '14/09/2021', 'Most recent full: Overall effectiveness': '3', 'Most recent full: Inspection number': '10209999' });
      if (row['Provider URN'] === URNS.inadequate) Object.assign(row, { 'Most recent full: Inspection date': '15/09/2021', 'Most recent full: Overall effectiveness': '4', 'Most recent full: Inspection number': '10208888' });
    }, [{ 'Provider URN': URNS.newcomer, 'Registration date': '01/11/2026', 'Provider type': 'Childcare on non-domestic premises', 'Provider status': 'Active', 'Provider name': 'Brand New Nursery', 'Local authority': 'Kent', 'Provider Early Years Register Flag': 'Y' }]);

  beforeAll(async () => {
    t = await startTestApp(testDb);
    const rows = original.split('\n').filter((l) => l.includes(',"Active",') && l.includes('Childcare on non-domestic premises'));
    URNS.inadequate = /"(EY\d+)"/.exec(rows[5] ?? '')?.[1] ?? '';
    expect(URNS.inadequate).not.toBe('');
  });
  afterAll(() => t.close());

  it('the first import of an LA is its baseline: no pathways from the past', async () => {
    const first = await importAs(Buffer.from(original), 'kent-2021-08-31.csv', '2021-08-31');
    expect(first.status).toBe('succeeded');
    expect(await pathways()).toEqual([]);
  });

  it('a newer file starts the Requires improvement, Inadequate and New registration pathways with working-day deadlines', async () => {
    t.clock.set('2026-12-23T15:00:00Z'); // Wednesday before Christmas
    const second = await importAs(newer(), 'kent-2021-09-30.csv', '2021-09-30');
    expect(second.status).toBe('succeeded');
    const started = await pathways();
    expect(started.map((p) => [p.urn, p.kind, p.status])).toEqual(
      [[URNS.ri, 'requires_improvement', 'active'], [URNS.inadequate, 'inadequate', 'active'], [URNS.newcomer, 'new_registration', 'active']].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const allocate = await t.database.db.selectFrom('tasks').innerJoin('pathways', 'pathways.id', 'tasks.pathway_id').select(['pathways.kind', 'tasks.due_date', 'tasks.owner_role']).where('tasks.rule_key', '=', 'step:allocate').execute();
    const due = Object.fromEntries(allocate.map((a) => [a.kind, a.due_date]));
    // "within three days": Thu 24, (Christmas, Boxing Day substitute Mon 28) Tue 29, Wed 30 December
    expect(due.requires_improvement).toBe('2026-12-30');
    expect(due.new_registration).toBe('2026-12-30');
    // "on the same day"
    expect(due.inadequate).toBe('2026-12-23');
    expect(allocate.every((a) => a.owner_role === 'manager')).toBe(true);
  });

  it('importing the same newer file again duplicates nothing', async () => {
    const before = await pathways();
    const count = async (table: 'tasks' | 'funding_decisions') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const [tasksBefore, decisionsBefore] = [await count('tasks'), await count('funding_decisions')];
    // three allocation steps, the Senior CSO's allocation of a CSO for the new registration, and a
    // funding decision to confirm for the RI and the Inadequate setting
    expect(tasksBefore).toBe(6);
    const officerAllocation = await t.database.db.selectFrom('tasks').innerJoin('org_job_titles', 'org_job_titles.id', 'tasks.owner_job_title_id').select(['org_job_titles.key', 'tasks.owner_user_id']).where('tasks.rule_key', '=', 'step:allocate_officer').executeTakeFirstOrThrow();
    expect(officerAllocation).toEqual({ key: 'senior_cso', owner_user_id: null });
    const again = await importAs(newer(), 'kent-2021-09-30-again.csv', '2021-09-30');
    expect(again.status).toBe('succeeded');
    expect(await pathways()).toEqual(before);
    expect([await count('tasks'), await count('funding_decisions')]).toEqual([tasksBefore, decisionsBefore]);
  });

  it('the next outcome Good closes the RI pathway with its exit step and adds the setting to the Annual Conversation Programme', async () => {
    t.clock.set('2027-03-01T09:00:00Z');
    const third = editedCsv(original, (row) => {
      if (row['Provider URN'] === URNS.ri) Object.assign(row, { 'Most recent full: Inspection date': '20/02/2022', 'Most recent full: Overall effectiveness': '2', 'Most recent full: Inspection number': '10207777' });
    });
    expect((await importAs(third, 'kent-2022-02-28.csv', '2022-02-28')).status).toBe('succeeded');
    const ri = (await pathways()).filter((p) => p.urn === URNS.ri);
    expect(ri.map((p) => [p.kind, p.status, p.close_outcome])).toEqual(
      expect.arrayContaining([['requires_improvement', 'closed', 'Next Ofsted outcome: Good'], ['good_or_better', 'active', null]]),
    );
    const exit = await t.database.db.selectFrom('tasks').select(['title', 'due_date']).where('rule_key', '=', 'step:exit').executeTakeFirstOrThrow();
    expect(exit).toEqual({ title: 'Add the setting to the Annual Conversation Programme', due_date: '2027-03-08' });
    const withdrawn = await t.database.db.selectFrom('tasks').select(['cancelled_at']).where('rule_key', '=', 'step:allocate').where('pathway_id', '=', ri.find((p) => p.kind === 'requires_improvement')!.id).executeTakeFirstOrThrow();
    expect(withdrawn.cancelled_at).not.toBeNull();
  });

  it('a file with many new outcomes starts every pathway in bulk, with its steps and history', async () => {
    t.clock.set('2027-04-05T09:00:00Z');
    const graded = new Set<string>();
    const bulk = editedCsv(original, (row) => {
      if (row['Most recent full: Overall effectiveness'] === '2' && graded.size < 150 && row['Provider URN'] !== URNS.ri) {
        graded.add(row['Provider URN']!);
        Object.assign(row, { 'Most recent full: Inspection date': '01/03/2022', 'Most recent full: Overall effectiveness': '3', 'Most recent full: Inspection number': `3${row['Provider URN']!.replace(/\D/g, '')}` });
      }
    });
    expect((await importAs(bulk, 'kent-2022-03-31.csv', '2022-03-31')).status).toBe('succeeded');
    const started = (await pathways()).filter((p) => graded.has(p.urn) && p.status === 'active');
    expect(started).toHaveLength(150);
    expect(new Set(started.map((p) => p.kind))).toEqual(new Set(['requires_improvement']));
    const ids = started.map((p) => p.id);
    const tasks = await t.database.db.selectFrom('tasks').select(['due_date', 'owner_role', 'cancelled_at']).where('pathway_id', 'in', ids).execute();
    expect(tasks).toHaveLength(150);
    // started on Monday 5 April 2027: three working days run to Thursday 8 April
    expect(new Set(tasks.map((x) => x.due_date))).toEqual(new Set(['2027-04-08']));
    const events = await t.database.db.selectFrom('pathway_events').select('summary').where('pathway_id', 'in', ids).execute();
    expect(events).toHaveLength(150);
    expect(events[0]?.summary).toContain('Senior Improvement Adviser notified');
  });
});
