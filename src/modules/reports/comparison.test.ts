import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { naiveCsv, sharedFile } from '../../../test/support/ofsted-files.js';
import type { Database } from '../../db/client.js';
import { TenantDb } from '../../db/tenant.js';
import { englandComparison } from './comparison.js';
import { importReferenceFile, readReferenceFile, referenceOutcome } from './reference.js';
import { saveReportSettings } from './repository.js';

const FILE = 'ofsted_providers_2021-08-31_sample.csv';

/** Counted straight from the file's cells: active providers on the Early Years Register with a grade 1-4 at their most recent full inspection. */
function countFromFile(keep: (cells: Record<string, string>) => boolean) {
  const [header, ...rows] = naiveCsv(sharedFile(FILE).toString('utf8')).filter((r) => r.length > 1);
  let judged = 0;
  let good = 0;
  for (const row of rows) {
    const c = Object.fromEntries(header!.map((h, i) => [h, row[i] ?? '']));
    const eyr = c['Individual Register combinations'] === 'ALL' || c['Individual Register combinations']!.includes('EYR');
    if (c['Provider status'] !== 'Active' || !eyr || !keep(c)) continue;
    const grade = c['Most recent full: Overall effectiveness'];
    if (['1', '2', '3', '4'].includes(grade!)) judged++;
    if (['1', '2'].includes(grade!)) good++;
  }
  return { judged, good };
}

describe.each(testDatabases())('comparison with England on $name', (testDb) => {
  let database: Database;
  let userId = '';
  const kent = () => new TenantDb(database.db, { laCode: '886', userId, role: 'viewer' });

  beforeAll(async () => {
    database = await testDb.open();
    userId = (await createTestUser(database, '886', 'manager')).id;
  });
  afterAll(async () => database.close());

  it('without a reference file there is nothing to compare with', async () => {
    expect((await englandComparison(kent())).file).toBeNull();
  });

  it('the national file is kept as reference data, not the register; England, the region, Kent and its neighbours equal counts made from the file', async () => {
    const result = await importReferenceFile(database.db, { bytes: sharedFile(FILE), fileName: FILE, asAt: null, at: new Date('2026-12-07T10:00:00Z') });
    expect(result).toEqual({ rows: 3271, asAt: '2021-08-31' });
    expect(await database.db.selectFrom('providers').select('urn').execute()).toEqual([]);
    expect(await database.db.selectFrom('inspections').select('id').execute()).toEqual([]);
    await saveReportSettings(kent(), { neighbours: ['855', '857'], recipients: [], viewerSeesNames: false }, new Date());

    const comparison = await englandComparison(kent());
    expect(comparison.file).toEqual({ fileName: FILE, asAt: '2021-08-31', rows: 3271 });
    const row = (key: string) => comparison.rows.find((r) => r.key === key)!;
    const england = countFromFile(() => true);
    expect([row('england').judged, row('england').good]).toEqual([england.judged, england.good]);
    expect(row('england').percent).toBe(Math.round((england.good * 1000) / england.judged) / 10);
    expect(england.judged).toBeGreaterThan(1500);
    const kentCount = countFromFile((c) => c['Local authority'] === 'Kent');
    expect([row('la').judged, row('la').good]).toEqual([kentCount.judged, kentCount.good]);
    const southEast = countFromFile((c) => c.Region === 'South East');
    expect([row('region').judged, row('region').good, row('region').label]).toEqual([southEast.judged, southEast.good, 'South East']);
    const neighbours = countFromFile((c) => ['Leicestershire', 'Rutland'].includes(c['Local authority']!));
    expect([row('neighbours').judged, row('neighbours').good]).toEqual([neighbours.judged, neighbours.good]);
    const childminders = countFromFile((c) => c['Provider type'] === 'Childminder');
    expect(row('england').childminders).toBe(Math.round((childminders.good * 1000) / childminders.judged) / 10);
  });

  it('a second file replaces the first; outcomes in words and in numbers read the same', async () => {
    const csv = 'Title row\n"Provider URN","Local authority","Provider type","Provider status","Individual register combinations","Overall effectiveness","Inspection date"\nEY1,Kent,Childminder,Active,EYR-CCR,Good,01/02/2025\nEY2,Kent,Childminder,Active,EYR-CCR,Met,01/02/2025\nEY3,Kent,Childminder,Resigned,EYR-CCR,Good,01/02/2025\n';
    expect(readReferenceFile(Buffer.from(csv))).toHaveLength(2);
    await importReferenceFile(database.db, { bytes: Buffer.from(csv), fileName: 'later.csv', asAt: '2025-03-31', at: new Date() });
    const comparison = await englandComparison(kent());
    expect(comparison.file?.asAt).toBe('2025-03-31');
    expect(comparison.rows.find((r) => r.key === 'england')).toMatchObject({ judged: 1, good: 1, percent: 100 });
    expect(['1', 'Outstanding', 'Requires improvement', 'Not met with actions', 'REDACTED'].map(referenceOutcome)).toEqual(['outstanding', 'outstanding', 'requires_improvement', 'not_met', null]);
  });
});
