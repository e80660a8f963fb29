import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { FixedClock } from '../../platform/clock.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { testDatabases } from '../../../test/support/databases.js';
import { createTestUser, startTestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { prepareOfstedFile } from './read.js';
import { runImport } from './service.js';

/*
 * Issue 16.6: the provider-level file's CCR and VCR requirements suitability judgements are kept on
 * their inspection and feed pathways and funding as the EYR Met / Not met outcomes do; Region, Ofsted
 * region and Deprivation band are kept for reports. Files: test/fixtures/ofsted/cases/README.md.
 */

const BEFORE = 'cases/requirements-before_2021-05-31.csv';
const AFTER = 'cases/requirements-and-regions_2021-08-31.csv';
const las = [{ la_code: '886', name: 'Kent', ofsted_names: [] }];

describe('what the provider-level file leaves unused (16.6)', () => {
  it('the 2021 file’s CCR / VCR requirements suitability, Region, Ofsted region and Deprivation band are read', () => {
    const prepared = prepareOfstedFile(sharedFile('ofsted_providers_2021-08-31_sample.csv'), 'p.csv', las);
    expect(prepared.kind === 'csv' && prepared.plan.unusedColumns).toEqual([]);
  });
});

describe.each(testDatabases())('CCR and VCR requirements and regions on $name', (testDb) => {
  let database: Database;
  const clock = new FixedClock('2026-11-23T10:00:00Z');
  const request = (name: string) => ({ bytes: sharedFile(name), fileName: name, laCode: null, startedBy: null });

  beforeAll(async () => {
    database = await testDb.open();
  });
  afterAll(() => database.close());

  it('keeps the judgements on the inspection, the regions on the provider, and rejects a judgement Ofsted does not use', async () => {
    expect((await runImport(database.db, clock, request(BEFORE))).status).toBe('succeeded');
    const summary = await runImport(database.db, clock, request(AFTER));
    expect(summary.status).toBe('succeeded');
    expect(summary.notices ?? []).not.toContainEqual(expect.stringContaining('not used by EY Hub'));
    const judged = await database.db
      .selectFrom('inspections')
      .select(['urn', 'inspection_date', 'overall', 'ccr_requirements', 'vcr_requirements'])
      .where('kind', '=', 'full')
      .where('inspection_date', '>=', '2018-01-01')
      .orderBy('urn')
      .execute();
    expect(judged).toEqual([
      { urn: '126803', inspection_date: '2019-07-04', overall: 'good', ccr_requirements: 'not_met_actions', vcr_requirements: 'not_met_actions' },
      { urn: 'EY414924', inspection_date: '2019-06-13', overall: 'good', ccr_requirements: 'met', vcr_requirements: 'not_met_enforcement' },
    ]);
    const places = await database.db.selectFrom('providers').select(['urn', 'region', 'ofsted_region', 'deprivation_band']).orderBy('urn').execute();
    expect(places).toEqual([
      { urn: '126803', region: 'South East', ofsted_region: 'South East', deprivation_band: 'Least deprived' },
      { urn: 'EY414924', region: 'South East', ofsted_region: 'South East', deprivation_band: 'Deprived' },
      { urn: 'EY485159', region: 'South East', ofsted_region: 'South East', deprivation_band: 'Less deprived' },
    ]);
    const rejected = await database.db.selectFrom('import_rejections').select(['row_number', 'column_name', 'reason', 'urn']).where('import_id', '=', summary.importId).execute();
    expect(rejected).toEqual([
      { row_number: 5, column_name: 'CCR requirements suitability', reason: '“Good” is not a requirements judgement (Met, Not Met (with actions), Not Met (enforcement))', urn: 'EY497596' },
    ]);
    // kept for reports: never a "details changed" row
    const details = await database.db.selectFrom('ofsted_changes').select('details').where('change_type', '=', 'details_changed').execute();
    expect(details).toEqual([]);
  });

  it('a VCR Not met (enforcement) at a Good inspection starts the Inadequate pathway and withdraws funding; a Not met (with actions) starts Requires improvement', async () => {
    const outcome = await database.db
      .selectFrom('ofsted_changes')
      .select(['urn', 'to_value'])
      .where('change_type', '=', 'new_inspection_outcome')
      .where('baseline', '=', false)
      .orderBy('urn')
      .execute();
    expect(outcome).toEqual([
      { urn: '126803', to_value: 'good' },
      { urn: 'EY414924', to_value: 'good' },
    ]);
    const pathways = await database.db.selectFrom('pathways').select(['urn', 'kind', 'start_reason as reason']).orderBy('urn').execute();
    expect(pathways).toEqual([
      { urn: '126803', kind: 'requires_improvement', reason: 'Ofsted outcome: Good; CCR requirements Not met (with actions); VCR requirements Not met (with actions)' },
      { urn: 'EY414924', kind: 'inadequate', reason: 'Ofsted outcome: Good; VCR requirements Not met (with enforcement)' },
    ]);
    const decisions = await database.db.selectFrom('funding_decisions').select(['urn', 'proposed']).where('kind', '=', 'change').orderBy('urn').execute();
    const enforced = decisions.find((d) => d.urn === 'EY414924');
    expect(enforced?.proposed).toMatchObject({ ff2: { status: 'not_eligible' }, universal: { status: 'not_eligible' } });
    expect(JSON.stringify(enforced?.proposed)).toContain('VCR requirements Not met (enforcement)');
    // Good with CCR / VCR Not met (with actions): the grade decides funding (no change from Good)
    expect(decisions.find((d) => d.urn === '126803')).toBeUndefined();
  });

  it('an inspection held without the judgements gets them from a later file, quietly', async () => {
    await database.db.updateTable('inspections').set({ ccr_requirements: null, vcr_requirements: null }).where('urn', '=', 'EY485159').execute();
    await database.db.updateTable('providers').set({ source_hash: null }).execute();
    const again = await runImport(database.db, clock, { ...request(AFTER), fileName: 'again_2021-09-01.csv' });
    expect(again.changes).toBe(0);
    const i = await database.db.selectFrom('inspections').select(['ccr_requirements', 'vcr_requirements']).where('urn', '=', 'EY485159').where('kind', '=', 'full').executeTakeFirstOrThrow();
    expect(i).toEqual({ ccr_requirements: 'met', vcr_requirements: 'met' });
  });
});

describe.each(testDatabases())('the provider page on $name', (testDb) => {
  it('shows the Childcare Register requirements with an Enforcement tag, the region and the deprivation band', async () => {
    const t = await startTestApp(testDb);
    try {
      await runImport(t.database.db, new FixedClock('2026-11-23T10:00:00Z'), { bytes: sharedFile(AFTER), fileName: AFTER, laCode: null, startedBy: null });
      const client = new TestClient(t.app);
      await client.signIn((await createTestUser(t.database, '886', 'manager')).email);
      const page = await client.get('/providers/EY414924');
      expect(page.status).toBe(200);
      const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).toContain('Voluntary Childcare Register requirements Not met (with enforcement) (inspection of 13 June 2019) Enforcement');
      expect(text).toContain('Compulsory Childcare Register requirements Met (inspection of 13 June 2019)');
      expect(text).toContain('Deprivation band Deprived');
      expect(text).toContain('Ofsted region South East');
    } finally {
      await t.close();
    }
  });
});
