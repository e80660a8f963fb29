import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../platform/clock.js';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { runImport } from './service.js';

/*
 * Issue 16.7: each local authority sees only its own rows' rejections; administrators also see the
 * rows that belong to no local authority; an LA's upload never counts another LA's or no LA's rows as
 * its own. The file (cases/la-rows-mixed_2021-08-31.csv): two good Kent rows, a Kent row with an
 * impossible date (line 4), a Leicestershire one (line 5), a row whose local authority is "Not
 * Recorded" (line 6) and a Rutland row without a URN (line 7).
 */

const FILE = 'cases/la-rows-mixed_2021-08-31.csv';
const clock = new FixedClock('2026-11-23T10:00:00Z');

const rowsOf = (csv: string) => csv.trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));

describe.each(testDatabases())('whose rejected rows an import shows, on $name', (testDb) => {
  let t: TestApp;
  const clients: Record<'kentManager' | 'kentAdmin' | 'leicsManager' | 'rutlandManager', TestClient> = {} as never;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    const users = { kentManager: ['886', 'manager'], kentAdmin: ['886', 'admin'], leicsManager: ['855', 'manager'], rutlandManager: ['857', 'manager'] } as const;
    for (const [key, [la, role]] of Object.entries(users)) {
      clients[key as keyof typeof clients] = new TestClient(t.app);
      await clients[key as keyof typeof clients].signIn((await createTestUser(t.database, la, role)).email);
    }
  });
  afterAll(() => t.close());

  it('a national import: each LA sees its own rows’ rejections; an administrator also the row of no LA', async () => {
    const summary = await runImport(t.database.db, clock, { bytes: sharedFile(FILE), fileName: FILE, laCode: null, startedBy: null });
    expect(summary.rejected).toBe(4);
    const csv = async (who: keyof typeof clients) => rowsOf((await clients[who].get(`/imports/${summary.importId}/rejections.csv`)).body);
    expect(await csv('kentManager')).toEqual([4]);
    expect(await csv('leicsManager')).toEqual([5]);
    expect(await csv('rutlandManager')).toEqual([7]);
    expect(await csv('kentAdmin')).toEqual([4, 6]);
    const adminCsv = (await clients.kentAdmin.get(`/imports/${summary.importId}/rejections.csv`)).body;
    expect(adminCsv).toContain('6,Local authority,“Not Recorded” is not an English local authority,EY348931,None');
    const managerPage = await clients.kentManager.get(`/imports/${summary.importId}`);
    expect(managerPage.body).toContain('2 new, 0 changed, 1 rejected');
    expect(managerPage.body).not.toContain('belongs to no local authority');
    const adminPage = await clients.kentAdmin.get(`/imports/${summary.importId}`);
    expect(adminPage.body).toContain('1 row belongs to no local authority');
  });

  it('a row imported with a warning is shown only to its own LA', async () => {
    const csv = [
      'Provider URN,Provider type,Provider status,Local authority,Individual Register combinations,Provider Early Years Register Flag',
      'EY770001,Childminder,Active,Kent,CCR only,Y',
      'EY770002,Childminder,Active,Rutland,CCR only,Y',
    ].join('\n');
    const summary = await runImport(t.database.db, clock, { bytes: Buffer.from(csv), fileName: 'flags_2021-09-15.csv', laCode: null, startedBy: null });
    expect(summary.status).toBe('succeeded');
    const kent = (await clients.kentManager.get(`/imports/${summary.importId}`)).body;
    expect(kent).toContain('Rows imported with a warning (1)');
    expect(kent).toContain('Row 2: Individual Register combinations is “CCR only”');
    expect(kent).not.toContain('Row 3:');
    const rutland = (await clients.rutlandManager.get(`/imports/${summary.importId}`)).body;
    expect(rutland).toContain('Row 3: Individual Register combinations is “CCR only”');
    expect(rutland).not.toContain('Row 2:');
  });

  it('an LA’s upload counts only its own rows as its rejections; the row of no LA is kept for administrators', async () => {
    const upload = await runImport(t.database.db, clock, { bytes: sharedFile(FILE), fileName: 'kent_2021-09-30.csv', laCode: '886', startedBy: null, asAt: '2021-09-30' });
    expect(upload.status).toBe('succeeded');
    const counts = await t.database.db.selectFrom('import_la_counts').select(['la_code', 'rejected_count']).where('import_id', '=', upload.importId).execute();
    expect(counts).toEqual([{ la_code: '886', rejected_count: 1 }]);
    const kept = await t.database.db.selectFrom('import_rejections').select(['row_number', 'la_code']).where('import_id', '=', upload.importId).orderBy('row_number').execute();
    expect(kept).toEqual([
      { row_number: 4, la_code: '886' },
      { row_number: 6, la_code: null },
    ]);
    expect(rowsOf((await clients.kentManager.get(`/imports/${upload.importId}/rejections.csv`)).body)).toEqual([4]);
    expect(rowsOf((await clients.kentAdmin.get(`/imports/${upload.importId}/rejections.csv`)).body)).toEqual([4, 6]);
  });
});
