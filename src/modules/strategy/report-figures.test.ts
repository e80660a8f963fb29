import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { TenantDb } from '../../db/tenant.js';
import { reportFigures } from '../../platform/report-figures.js';

const RUTLAND = '857';

/** "A strategy report … with the RAG counts over time; it joins the quarterly report to senior staff once reports exist" (issue 23) */
describe.each(testDatabases())('the strategy register in the reports on $name', (testDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDb);
  });
  afterAll(() => t.close());

  it('counts recommendations by heading at their RAG status at the end of the period', async () => {
    const db = t.database.db;
    const heading = await db.insertInto('strategy_headings').values({ la_code: RUTLAND, name: 'Working in Partnership', position: 0, created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const rec = (title: string) => db.insertInto('strategy_recommendations').values({ la_code: RUTLAND, heading_id: heading.id, title, duties: ['sufficiency'], rag: 'red', created_by: null, created_at: new Date('2026-04-01T09:00:00Z'), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const a = await rec('Share the sufficiency assessment with providers');
    const b = await rec('Termly partnership meeting');
    await db.insertInto('strategy_rag_updates').values([
      { la_code: RUTLAND, recommendation_id: a.id, at: new Date('2026-04-01T09:00:00Z'), by_user: null, rag: 'red' },
      { la_code: RUTLAND, recommendation_id: a.id, at: new Date('2026-05-01T09:00:00Z'), by_user: null, rag: 'amber' },
      { la_code: RUTLAND, recommendation_id: a.id, at: new Date('2026-08-01T09:00:00Z'), by_user: null, rag: 'green' },
      { la_code: RUTLAND, recommendation_id: b.id, at: new Date('2026-04-01T09:00:00Z'), by_user: null, rag: 'red' },
    ]).execute();
    const figure = reportFigures.list().find((f) => f.key === 'strategy.rag');
    expect(figure).toBeDefined();
    const tenant = new TenantDb(db, { laCode: RUTLAND, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
    const q1 = await figure!.compute(tenant, { from: '2026-04-01', to: '2026-07-01', now: new Date('2026-12-01T09:00:00Z') });
    expect(q1.rows).toEqual([{ label: 'Working in Partnership', values: [1, 1, 0] }]);
    expect(q1.value).toBe(0);
    const q2 = await figure!.compute(tenant, { from: '2026-07-01', to: '2026-10-01', now: new Date('2026-12-01T09:00:00Z') });
    expect(q2.rows).toEqual([{ label: 'Working in Partnership', values: [1, 0, 1] }]);
    expect(q2.value).toBe(1);
    const other = new TenantDb(db, { laCode: '886', userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
    expect((await figure!.compute(other, { from: '2026-07-01', to: '2026-10-01', now: new Date() })).value).toBeNull();
  });
});
