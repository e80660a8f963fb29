import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

const KENT = '886';

/** "the Inadequate pathway's business review is one of these" (issue 23, sustainability cases) */
describe.each(testDatabases())('the Inadequate pathway’s business review as a sustainability case on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviserId: string;
  let officerId: string;
  let urns: string[];

  beforeAll(async () => {
    t = await startTestApp(testDb);
    t.clock.set('2026-11-23T10:00:00Z');
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const manager = await createTestUser(t.database, KENT, 'manager', { name: 'Sally Senior' });
    sia = new TestClient(t.app);
    await sia.signIn(manager.email);
    adviserId = (await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' })).id;
    officerId = (await createTestUser(t.database, KENT, 'officer', { name: 'Cora Sufficiency' })).id;
    const rows = await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('name', 'is not', null).orderBy('urn').limit(2).execute();
    urns = rows.map((r) => r.urn);
  });
  afterAll(() => t.close());

  const inadequatePathway = async (urn: string) => {
    expect((await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'inadequate', 'date-day': '20', 'date-month': '11', 'date-year': '2026' })).status).toBe(303);
    return t.database.db.selectFrom('pathways').select(['id', 'kind']).where('urn', '=', urn).where('status', '<>', 'closed').executeTakeFirstOrThrow();
  };
  const allocate = (pathwayId: string) => sia.post(`/pathways/${pathwayId}/allocate`, { adviserId, officerId, cadence: 'monthly' });
  const casesOf = (urn: string) => t.database.db.selectFrom('sustainability_cases').selectAll().where('urn', '=', urn).execute();

  it('opens a case for the setting when the pathway reaches its business review, and the pathway page links to it', async () => {
    const urn = urns[0]!;
    const p = await inadequatePathway(urn);
    expect(p.kind).toBe('inadequate');
    expect(await casesOf(urn)).toEqual([]);
    expect((await allocate(p.id)).status).toBe(303);
    const step = await t.database.db.selectFrom('tasks').select('due_date').where('pathway_id', '=', p.id).where('rule_key', '=', 'step:business_review').executeTakeFirstOrThrow();
    const [c, ...more] = await casesOf(urn);
    expect(more).toEqual([]);
    expect(c).toMatchObject({ la_code: KENT, pathway_id: p.id, closed_on: null });
    expect(String(c!.business_review_due)).toContain(String(step.due_date).slice(0, 10));
    expect(c!.concern).toContain('business review');
    const page = await sia.get(`/pathways/${p.id}`);
    expect(page.body).toContain(`href="/sustainability/${c!.id}"`);
    const casePage = await sia.get(`/sustainability/${c!.id}`);
    expect(casePage.body).toContain(`href="/pathways/${p.id}"`);
    expect(casePage.body).toMatch(/Due by \d+ \w+ 2026/);
  });

  it('links the setting’s open case instead of opening a second one', async () => {
    const urn = urns[1]!;
    const raised = await sia.post('/sustainability', { urn, concern: 'Falling numbers since the summer', 'raised-day': '2', 'raised-month': '11', 'raised-year': '2026' });
    expect(raised.status).toBe(303);
    const p = await inadequatePathway(urn);
    expect((await allocate(p.id)).status).toBe(303);
    const list = await casesOf(urn);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ concern: 'Falling numbers since the summer', pathway_id: p.id });
    expect((await sia.get(`/pathways/${p.id}`)).body).toContain(`href="/sustainability/${list[0]!.id}"`);
  });
});
