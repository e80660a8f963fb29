import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { FixedClock } from '../../platform/clock.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { testDatabases } from '../../../test/support/databases.js';
import type { Field } from './columns.js';
import { detailFields, fieldModes, providerFields, quietFields, reportFields, type ProviderField } from './fields.js';
import { prepareOfstedFile } from './read.js';
import { runImport, type ImportRequest } from './service.js';
import { summaryLines } from './summary.js';
import { coverageWarning } from './coverage.js';

/*
 * What an import changes (issue 16): a field the file does not carry is kept and is never a change;
 * every stored field that changes is recorded; an older file says it skipped its rows.
 */

const KINDS = [
  'ofsted_providers_2021-08-31_sample.csv',
  'ofsted_childminders_2025-03-31_sample.csv',
  'ofsted_providers_2025-03-31_header_sample.csv',
  'ofsted_childminder_agencies_2024-12-31.csv',
  'ofsted_la_extract_825_2021-02-22_sample.xml',
  'ofsted_la_extract_2024_format_SYNTHETIC.xml',
  'cases/apply-providers-derived_2021-06-30.csv',
  'cases/apply-childminders-derived_2021-06-30.csv',
];

const las = [
  { la_code: '886', name: 'Kent', ofsted_names: [] },
  { la_code: '825', name: 'Buckinghamshire', ofsted_names: [] },
];

function modesOf(name: string) {
  const prepared = prepareOfstedFile(sharedFile(name), name, las);
  if (prepared.kind === 'csv') return fieldModes(prepared.plan.format, Object.keys(prepared.plan.map.index) as Field[]);
  return fieldModes(prepared.read.format, null);
}

describe('which fields a file sets (fields.ts)', () => {
  it('the national childminders list carries no places: they are kept; the provider-level file replaces them', () => {
    expect(modesOf('ofsted_childminders_2025-03-31_sample.csv').places).toBe('keep');
    expect(modesOf('ofsted_providers_2021-08-31_sample.csv').places).toBe('replace');
    expect(modesOf('ofsted_childminder_agencies_2024-12-31.csv').registration_date).toBe('keep');
    // an agency's row in the childminders list has an empty registration date: "not held", not "none"
    expect(modesOf('ofsted_childminders_2025-03-31_sample.csv').registration_date).toBe('fill');
    expect(modesOf('ofsted_la_extract_825_2021-02-22_sample.xml').ward).toBe('keep');
    expect(modesOf('ofsted_la_extract_825_2021-02-22_sample.xml').name).toBe('replace');
  });

  it('every stored field that can change is recorded: a status change, a move, a details-changed entry, or a restatement of one', () => {
    const listed = new Set<ProviderField>(detailFields.flatMap((d) => d.fields));
    const unrecorded = providerFields.filter((f) => f !== 'status' && !listed.has(f) && !quietFields.has(f) && !reportFields.has(f));
    expect(unrecorded).toEqual([]);
  });
});

function request(name: string, asAt: string, extra: Partial<ImportRequest> = {}): ImportRequest {
  return { bytes: sharedFile(name), fileName: name, laCode: null, startedBy: null, asAt, ...extra };
}

describe('a file with far fewer rows than the register holds (16.8)', () => {
  it('warns below 80 % of the providers held, and says nothing is marked gone', () => {
    expect(coverageWarning({ laName: 'Kent', rows: 1_600, held: 2_000 })).toBeNull();
    expect(coverageWarning({ laName: 'Kent', rows: 12, held: 2_000 })).toBe(
      'The file has 12 rows for Kent, but EY Hub holds 2,000 providers of these kinds there (1 %). Check it is the whole file. No provider is marked as gone because a file leaves it out.',
    );
    expect(coverageWarning({ laName: 'Kent', rows: 12, held: 0 })).toBeNull();
  });
});

describe.each(testDatabases())('what an import changes, on $name', (testDb) => {
  let database: Database;
  const clock = new FixedClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    database = await testDb.open();
  });
  afterAll(() => database.close());

  const snapshot = async () => new Map((await database.db.selectFrom('providers').selectAll().execute()).map((p) => [p.urn, p]));

  it('every file kind over a register filled by every other kind: what the file does not carry is kept and never a change', async () => {
    // fill the register with every kind, oldest first
    for (const [i, name] of KINDS.entries()) {
      const filled = await runImport(database.db, clock, request(name, `2020-01-${String(i + 10)}`));
      expect(filled.status, name).toBe('succeeded');
    }
    // then each kind again, newer than everything held: the others set the fields it meets
    for (const [i, name] of KINDS.entries()) {
      const modes = modesOf(name);
      const kept = providerFields.filter((f) => modes[f] === 'keep');
      const before = await snapshot();
      const summary = await runImport(database.db, clock, request(name, `2026-0${Math.floor(i / 3) + 1}-${String(10 + (i % 3))}`));
      expect(summary.status, name).toBe('succeeded');
      const after = await snapshot();
      for (const [urn, held] of before) {
        const now = after.get(urn)!;
        for (const f of kept) expect(now[f], `${name}: ${urn} ${f}`).toEqual(held[f]);
      }
      const changes = await database.db.selectFrom('ofsted_changes').select(['urn', 'details']).where('import_id', '=', summary.importId).where('change_type', '=', 'details_changed').execute();
      const keptKeys = detailFields.filter((d) => d.fields.every((f) => modes[f] === 'keep')).map((d) => d.key);
      for (const c of changes) for (const key of Object.keys(c.details as object)) expect(keptKeys, `${name}: ${c.urn} ${key}`).not.toContain(key);
    }
  }, 240_000);

  it('the national childminders list after the provider-level file keeps every childminder’s places and records no "places" change', async () => {
    const fresh = await testDb.open();
    try {
      await runImport(fresh.db, clock, request('ofsted_providers_2021-08-31_sample.csv', '2021-08-31'));
      const places = new Map((await fresh.db.selectFrom('providers').select(['urn', 'places']).execute()).map((p) => [p.urn, p.places]));
      const minders = await runImport(fresh.db, clock, request('ofsted_childminders_2025-03-31_sample.csv', '2025-03-31'));
      expect(minders.status).toBe('succeeded');
      const after = await fresh.db.selectFrom('providers').select(['urn', 'places']).where('urn', 'in', [...places.keys()]).execute();
      expect(after.filter((p) => p.places !== places.get(p.urn))).toEqual([]);
      expect([...places.values()].filter((p) => p !== null).length).toBeGreaterThan(900);
      const changes = await fresh.db.selectFrom('ofsted_changes').select('details').where('import_id', '=', minders.importId).where('change_type', '=', 'details_changed').execute();
      expect(changes.filter((c) => 'places' in (c.details as object))).toEqual([]);

      // D (16.9): the provider-level file of 2021 afterwards is older than what EY Hub holds for the 941 providers both list
      const older = await runImport(fresh.db, clock, request('ofsted_providers_2021-08-31_sample.csv', '2021-08-31'));
      expect(older.olderCount).toBe(941);
      expect(older.unchangedCount).toBe(3271 - 941);
      expect(older.changes).toBe(0);
      const counts = await fresh.db.selectFrom('import_la_counts').select(['la_code', 'older_count', 'unchanged_count']).where('import_id', '=', older.importId).execute();
      expect(counts.reduce((n, c) => n + c.older_count, 0)).toBe(941);
      expect(summaryLines(older.olderCount, [])).toEqual(['Skipped: older than what EY Hub holds (941 rows). EY Hub keeps the newer data for these providers.']);
    } finally {
      await fresh.close();
    }
  }, 240_000);

  it('C (16.2/16.5): a name change seen on an extract is a change row; so is every stored field that changed', async () => {
    const extract = (date: string, setting: string, provider: string) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><OfstedChildcareRegisterLocalAuthorityExtract xmlns="http://www.ofsted.gov.uk/Childcare/Registration/LocalAuthority">` +
          `<Extract><ExtractDateTime>${date}T05:30:00</ExtractDateTime><LocalAuthority><LocalAuthorityCode>825</LocalAuthorityCode></LocalAuthority></Extract>` +
          `<Registration><ReferenceNumber>EY779001</ReferenceNumber><ProvisionType>CCN</ProvisionType><RPReferenceNumber>RP779001</RPReferenceNumber>` +
          `<Provider><ProviderName>${provider}</ProviderName></Provider>` +
          `<Setting><SettingName>${setting}</SettingName><SettingAddress><AddressLine1>2 Open Lane</AddressLine1><Town>Aylesbury</Town><Postcode>HP2 2AA</Postcode></SettingAddress></Setting>` +
          `<RegistrationStatus>ACTV</RegistrationStatus><RegistrationDate>2019-01-07</RegistrationDate></Registration></OfstedChildcareRegisterLocalAuthorityExtract>`,
      );
    const first = await runImport(database.db, clock, { bytes: extract('2026-06-01', 'Acorn Nursery', 'Acorn Ltd'), fileName: 'a.xml', laCode: null, startedBy: null });
    expect(first.status).toBe('succeeded');
    const renamed = await runImport(database.db, clock, { bytes: extract('2026-07-01', 'Oak Nursery', 'Oak Childcare Ltd'), fileName: 'b.xml', laCode: null, startedBy: null });
    const changes = await database.db.selectFrom('ofsted_changes').select(['change_type', 'details']).where('import_id', '=', renamed.importId).execute();
    expect(changes).toEqual([{ change_type: 'details_changed', details: { name: ['Acorn Nursery', 'Oak Nursery'], rp_name: ['Acorn Ltd', 'Oak Childcare Ltd'] } }]);
    expect(renamed.changedCount).toBe(1);
  });

  it('E (16.11): only a recent registration without an inspection is a new registration and starts its pathway; the others are "first seen in EY Hub"', async () => {
    const csv = [
      'Provider URN,Provider type,Provider status,Provider name,Local authority,Registration date,Most recent full: Inspection date,Most recent full: Overall effectiveness',
      'EY880001,Childcare on non-domestic premises,Active,Brand New Nursery,Kent,01/10/2026,,',
      'EY880002,Childcare on non-domestic premises,Active,Old Nursery New To Us,Kent,26/02/2015,,',
      'EY880003,Childcare on non-domestic premises,Active,Inspected Nursery,Kent,01/07/2026,01/11/2026,2',
    ].join('\n');
    // Kent has providers already (its first import is a baseline, whose providers are history)
    const baseline = 'Provider URN,Provider type,Provider status,Provider name,Local authority\nEY880000,Childminder,Active,REDACTED,Kent\n';
    await runImport(database.db, clock, { bytes: Buffer.from(baseline), fileName: 'kent_2026-11-01.csv', laCode: null, startedBy: null });
    const summary = await runImport(database.db, clock, { bytes: Buffer.from(csv), fileName: 'kent_2026-11-20.csv', laCode: null, startedBy: null });
    expect(summary.status).toBe('succeeded');
    const changes = await database.db.selectFrom('ofsted_changes').select(['urn', 'change_type']).where('import_id', '=', summary.importId).where('change_type', 'in', ['new_registration', 'first_seen']).orderBy('urn').execute();
    expect(changes).toEqual([
      { urn: 'EY880001', change_type: 'new_registration' },
      { urn: 'EY880002', change_type: 'first_seen' },
      { urn: 'EY880003', change_type: 'first_seen' },
    ]);
    const pathways = await database.db.selectFrom('pathways').select(['urn', 'kind']).where('urn', 'in', ['EY880001', 'EY880002', 'EY880003']).orderBy('urn').execute();
    expect(pathways).toEqual([{ urn: 'EY880001', kind: 'new_registration' }]);
    expect(summary.newCount).toBe(3);
  });

  it('F (16.8): a Kent upload with a dozen rows warns; no provider is marked gone', async () => {
    const full = sharedFile('ofsted_providers_2021-08-31_sample.csv').toString('utf8');
    await runImport(database.db, clock, { bytes: Buffer.from(full), fileName: 'national_2026-11-21.csv', laCode: null, startedBy: null, asAt: '2026-11-21' });
    const statuses = async () => database.db.selectFrom('providers').select(['urn', 'status']).where('la_code', '=', '886').orderBy('urn').execute();
    const before = await statuses();
    const lines = full.split('\n');
    const cut = [lines[0]!, ...lines.filter((l) => l.includes('"Kent"')).slice(0, 12)].join('\n');
    const summary = await runImport(database.db, clock, { bytes: Buffer.from(cut), fileName: 'kent_2026-11-22.csv', laCode: '886', startedBy: null, asAt: '2026-11-22' });
    expect(summary.status).toBe('succeeded');
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/^The file has 12 rows for Kent, but EY Hub holds [\d,]+ providers of these kinds there \(1 %\)\./);
    expect(await statuses()).toEqual(before);
    // the whole file: no warning
    const whole = await runImport(database.db, clock, { bytes: Buffer.from(full), fileName: 'kent_2026-11-23.csv', laCode: '886', startedBy: null, asAt: '2026-11-23' });
    expect(whole.warnings).toEqual([]);
  }, 120_000);
});
