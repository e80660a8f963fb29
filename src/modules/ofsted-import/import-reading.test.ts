import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { FixedClock } from '../../platform/clock.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { csvBatches, type CsvDone } from './csv-batches.js';
import { describeOfstedFile, prepareOfstedFile, readingReportOf } from './read.js';
import { readingNotices, warningLines } from './reading-notices.js';
import { FileRejectedError } from './records.js';
import { parseRegisterCombination, parseRegisterFlag, registersOf } from './registers.js';
import { runImport } from './service.js';
import type { LocalAuthorityRow } from './types.js';
import { parseProviderType, parseStatus } from './values.js';

/*
 * Issue 16, the reading side: registers from the combination (a contradicting flag is a warning),
 * unknown values of a known vocabulary reject their row, short rows are read with empty trailing
 * cells and counted, extra cells still refuse the file, and the columns the import does not use are
 * listed. Files: test/fixtures/ofsted/cases/ (see its README).
 */

const REGISTERS = 'cases/registers-and-vocabularies_2021-08-31.csv';
const SHORT = 'cases/agencies-short-rows_2021-08-31.csv';
const EXTRA = 'cases/agencies-extra-cell_2021-08-31.csv';

const laFile = new URL('../local-authorities/data/local-authorities.json', import.meta.url);
const las: LocalAuthorityRow[] = (JSON.parse(readFileSync(laFile, 'utf8')) as { localAuthorities: { laCode: string; name: string; ofstedNames: string[] }[] }).localAuthorities.map((la) => ({
  la_code: la.laCode,
  name: la.name,
  ofsted_names: la.ofstedNames,
}));

/** Reads a CSV fixture as the import does, without a database: its COPY lines, as text, and what the reader reports. */
function readCsv(name: string) {
  const prepared = prepareOfstedFile(sharedFile(name), name, las);
  if (prepared.kind !== 'csv') throw new Error('not a CSV');
  const { plan } = prepared;
  const batches = csvBatches({ body: plan.body, firstLine: plan.headerLine + 1, header: plan.header, map: plan.map, las, known: '', laCode: null, ctx: { importId: '00000000-0000-7000-8000-000000000000', asAt: '2021-08-31' } });
  const text = { providers: '', rejections: '' };
  let next = batches.next();
  for (; !next.done; next = batches.next()) {
    text.providers += new TextDecoder().decode(next.value.providers);
    text.rejections += new TextDecoder().decode(next.value.s_rejections);
  }
  const done: CsvDone = next.value;
  const lines = (t: string) => t.split('\n').filter(Boolean).map((l) => l.split('\t'));
  return { prepared, done, providers: lines(text.providers), rejections: lines(text.rejections) };
}

describe('register combinations and flags', () => {
  it('reads every combination Ofsted writes; anything else is an error naming the value', () => {
    expect(parseRegisterCombination('ALL')).toEqual({ value: ['EYR', 'CCR', 'VCR'] });
    expect(parseRegisterCombination('CCR only')).toEqual({ value: ['CCR'] });
    expect(parseRegisterCombination('EYR-CCR')).toEqual({ value: ['EYR', 'CCR'] });
    expect(parseRegisterCombination('CCR-VCR')).toEqual({ value: ['CCR', 'VCR'] });
    expect(parseRegisterCombination('EYR, CCR, VCR')).toEqual({ value: ['EYR', 'CCR', 'VCR'] });
    expect(parseRegisterCombination(' ')).toEqual({ value: null });
    for (const bad of ['ABC only', 'EYR-CCR only', 'EYR-EYR', 'EYR-']) {
      expect(parseRegisterCombination(bad)).toEqual({ error: expect.stringMatching(new RegExp(`^“${bad}” is not a register combination`)) as unknown });
    }
    expect(parseRegisterFlag('Y')).toEqual({ value: true });
    expect(parseRegisterFlag('n')).toEqual({ value: false });
    expect(parseRegisterFlag('X')).toEqual({ error: '“X” is not a register flag (Y or N)' });
  });

  it('takes the registers from the combination; a flag that says otherwise is named, never added', () => {
    expect(registersOf(['CCR'], { EYR: true, CCR: true, VCR: false })).toEqual({ registers: ['CCR'], contradicting: ['EYR'] });
    expect(registersOf(['EYR', 'CCR', 'VCR'], { EYR: true, CCR: false, VCR: null })).toEqual({ registers: ['EYR', 'CCR', 'VCR'], contradicting: ['CCR'] });
    expect(registersOf(['EYR'], {})).toEqual({ registers: ['EYR'], contradicting: [] });
    // no combination (a file or row without one): the flags that say Y
    expect(registersOf(null, { EYR: true, CCR: false })).toEqual({ registers: ['EYR'], contradicting: [] });
  });

  it('an unknown provider type or status is an error naming the value, not stored as it comes', () => {
    expect(parseProviderType('Legend')).toEqual({ error: expect.stringMatching(/^“Legend” is not an Ofsted provider type \(Childminder, /) as unknown });
    expect(parseStatus('Refu')).toEqual({ error: expect.stringMatching(/^“Refu” is not a registration status \(Active, /) as unknown });
    expect(parseProviderType('CHILDMINDER WITHOUT DOMESTIC PREMISES')).toEqual({ value: 'Childminder without domestic premises' });
    expect(parseStatus('Active-suspended')).toEqual({ value: 'Active - Suspended' });
  });
});

describe('reading an Ofsted CSV', () => {
  it('"CCR only" with a contradicting flag: registers from the combination, a warning naming row, columns and values', () => {
    const { done, providers } = readCsv(REGISTERS);
    const ccr = providers.find((p) => p[0] === 'EY492443')!;
    expect(ccr[8]).toBe('{CCR}'); // registers (copy-lines.ts providerColumns)
    expect(done.reading?.warnings).toEqual([
      {
        rowNumber: 3,
        urn: 'EY492443',
        laCode: '855', // Leicestershire's row: only its staff see the warning (16.7)
        columns: ['Individual Register combinations', 'Provider Early Years Register Flag'],
        values: ['CCR only', 'Y'],
        message:
          'Individual Register combinations is “CCR only” but Provider Early Years Register Flag is “Y”: the registers were taken from Individual Register combinations (CCR)',
      },
    ]);
    expect(warningLines(done.reading!.warnings)[0]).toMatch(/^Row 3: Individual Register combinations is “CCR only”/);
  });

  it('an unknown combination, provider type or status rejects its row with row number, column and value; the rest go in', () => {
    const { providers, rejections } = readCsv(REGISTERS);
    expect(providers.map((p) => p[0]).sort()).toEqual(['EY485159', 'EY492443']);
    expect(rejections.map(([row, column, reason]) => ({ row, column, reason: reason!.replace(/ \(.*\)$/, '') }))).toEqual([
      { row: '4', column: 'Individual Register combinations', reason: '“ABC only” is not a register combination' },
      { row: '5', column: 'Provider type', reason: '“Legend” is not an Ofsted provider type' },
      { row: '6', column: 'Provider status', reason: '“Refu” is not a registration status' },
    ]);
  });

  it('an agency file with short rows: the missing trailing cells are read as empty, and the short rows are counted', () => {
    const { done, providers, rejections } = readCsv(SHORT);
    expect(rejections).toEqual([]);
    expect(providers).toHaveLength(9);
    expect(done.reading).toMatchObject({ shortRows: 6, firstShortRow: 2 });
    const notices = readingNotices(readingReportOf(readCsv(SHORT).prepared, done.reading));
    expect(notices).toContain('6 rows have fewer cells than the header (the first on line 2): the missing cells at the end of each were read as empty.');
  });

  it('a row with an extra cell still refuses the whole file, naming the line', () => {
    expect(() => readCsv(EXTRA)).toThrow(FileRejectedError);
    expect(() => readCsv(EXTRA)).toThrow('The file could not be read at line 4: the row has 13 cells but the header has 12. Check the file is exactly as Ofsted published it.');
  });

  it('lists the columns the import does not use, by their names in the file, and the encoding', () => {
    const report = describeOfstedFile(sharedFile('ofsted_providers_2021-08-31_sample.csv'))!;
    // Region, Ofsted region, Deprivation Band and the CCR / VCR requirements suitability are kept (16.6)
    expect(report.unusedColumns).toEqual([]);
    expect(readingNotices(report)).toEqual(['The file was read as UTF-8.']);
    expect(describeOfstedFile(sharedFile('ofsted_childminders_2025-03-31_sample.csv'))).toEqual({ encoding: 'windows-1252', unusedColumns: [] });
    const agencies = describeOfstedFile(sharedFile('ofsted_childminder_agencies_2024-12-31.csv'))!;
    expect(agencies.encoding).toBe('utf-8-bom');
    expect(agencies.unusedColumns).toEqual([
      'Number of childminders on roll',
      'Number of childcare on domestic premises providers on roll',
      'Number of childminders without domestic premises on roll',
    ]);
    expect(readingNotices(agencies)[1]).toBe(
      '3 columns in the file are not used by EY Hub: Number of childminders on roll, Number of childcare on domestic premises providers on roll, Number of childminders without domestic premises on roll.',
    );
    expect(describeOfstedFile(sharedFile('ofsted_la_extract_825_2021-02-22_sample.xml'))).toEqual({ encoding: 'utf-8', unusedColumns: [] });
    expect(describeOfstedFile(Buffer.from('name,town\nA,B\n'))).toBeNull();
  });
});

describe.each(testDatabases())('importing what the reader found on $name', (testDb) => {
  let database: Database;
  const clock = new FixedClock('2026-12-04T10:00:00Z');
  const request = (name: string, bytes = sharedFile(name)) => ({ bytes, fileName: name.replace('cases/', ''), laCode: null, startedBy: null });

  beforeAll(async () => {
    database = await testDb.open();
  });
  afterAll(() => database.close());

  it('stores the combination’s registers and the rejected rows with their column and value', async () => {
    const summary = await runImport(database.db, clock, request(REGISTERS));
    expect(summary).toMatchObject({ status: 'succeeded', rows: 5, rejected: 3 });
    const stored = await database.db.selectFrom('providers').select(['urn', 'registers', 'provider_type', 'status']).where('urn', 'in', ['EY492443', 'EY541365', '2504169', '2581146']).execute();
    expect(stored).toEqual([{ urn: 'EY492443', registers: ['CCR'], provider_type: 'Childminder', status: 'Active' }]);
    const rejections = await database.db.selectFrom('import_rejections').select(['row_number', 'column_name', 'urn']).where('import_id', '=', summary.importId).orderBy('row_number').execute();
    expect(rejections).toEqual([
      { row_number: 4, column_name: 'Individual Register combinations', urn: 'EY541365' },
      { row_number: 5, column_name: 'Provider type', urn: '2504169' },
      { row_number: 6, column_name: 'Provider status', urn: '2581146' },
    ]);
  });

  it('imports an agency file with short rows, and refuses one with an extra cell', async () => {
    const short = await runImport(database.db, clock, request(SHORT));
    expect(short).toMatchObject({ status: 'succeeded', rows: 9, rejected: 0, newCount: 9 });
    const daryel = await database.db.selectFrom('providers').select(['provider_type', 'registers']).where('urn', '=', 'CA000006').executeTakeFirstOrThrow();
    expect(daryel).toEqual({ provider_type: 'Childminder agency', registers: ['EYR', 'CCR', 'VCR'] });
    const extra = await runImport(database.db, clock, request(EXTRA));
    expect(extra.status).toBe('rejected');
    expect(extra.error).toContain('line 4: the row has 13 cells but the header has 12');
  });

  it('an XML registration with a status, provision type or register outside Ofsted’s codes is rejected, naming the element and value', async () => {
    const reg = (urn: string, type: string, status: string, register = 'EYR') =>
      `<Registration><ReferenceNumber>${urn}</ReferenceNumber><ProvisionType>${type}</ProvisionType><RegistrationStatus>${status}</RegistrationStatus><RegistrationDate>2020-01-01</RegistrationDate>` +
      `<ChildServicesRegisterList><ChildServicesRegister><Register>${register}</Register><Status>REGD</Status><StartDate>2020-01-01</StartDate></ChildServicesRegister></ChildServicesRegisterList></Registration>`;
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><OfstedChildcareRegisterLocalAuthorityExtract xmlns="http://www.ofsted.gov.uk/Childcare/Registration/LocalAuthority">` +
      `<Extract><ExtractDateTime>2024-01-30T05:00:00</ExtractDateTime><LocalAuthority><LocalAuthorityCode>857</LocalAuthorityCode></LocalAuthority></Extract>` +
      reg('EY600001', 'CMR', 'ACTV') + reg('EY600002', 'CMR', 'REFU') + reg('EY600003', 'XYZ', 'ACTV') + reg('EY600004', 'CCN', 'ACTV', 'GCR') +
      `</OfstedChildcareRegisterLocalAuthorityExtract>`;
    const summary = await runImport(database.db, clock, request('extract.xml', Buffer.from(xml)));
    expect(summary).toMatchObject({ status: 'succeeded', rows: 4, rejected: 3 });
    const rejections = await database.db.selectFrom('import_rejections').select(['row_number', 'column_name', 'reason']).where('import_id', '=', summary.importId).orderBy('row_number').execute();
    expect(rejections).toEqual([
      { row_number: 2, column_name: 'RegistrationStatus', reason: '“REFU” is not a registration status (ACTV, SUSP, RESG, CANC, PROP, INAC)' },
      { row_number: 3, column_name: 'ProvisionType', reason: '“XYZ” is not an Ofsted provision type (CMR, CCN, CCD, HCR, CMA, or RPP for a registered person)' },
      { row_number: 4, column_name: 'Register', reason: '“GCR” is not an Ofsted register (EYR, CCR, VCR)' },
    ]);
    const stored = await database.db.selectFrom('providers').select(['urn', 'provider_type', 'status', 'registers']).where('urn', 'like', 'EY6000%').execute();
    expect(stored).toEqual([{ urn: 'EY600001', provider_type: 'Childminder', status: 'Active', registers: ['EYR'] }]);
  });
});

describe.each(testDatabases())('the import page on $name', (testDb) => {
  let t: TestApp;
  let manager: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    manager = new TestClient(t.app);
    await manager.signIn((await createTestUser(t.database, '857', 'manager')).email);
  });
  afterAll(() => t.close());

  it('shows the encoding the import recorded, and says when it was not recorded', async () => {
    const add = (encoding: string | null) =>
      t.database.db
        .insertInto('imports')
        .values({ la_code: '857', file_name: 'childminders.csv', sha256: 'cd'.repeat(32), status: 'succeeded', encoding, started_at: new Date(), finished_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
    const recorded = await manager.get(`/imports/${(await add('windows-1252')).id}`);
    expect(recorded.body).toMatch(/Encoding\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Windows-1252/);
    const older = await manager.get(`/imports/${(await add(null)).id}`);
    expect(older.body).toMatch(/Encoding\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not recorded/);
  });

  it('keeps how the file was read with the import, and says what else it did (skipped as older)', async () => {
    const file = sharedFile('ofsted_providers_2021-08-31_sample.csv');
    const first = await runImport(t.database.db, t.clock, { bytes: file, fileName: 'providers.csv', laCode: '857', startedBy: null });
    expect(first.notices).toEqual(['The file was read as UTF-8.']);
    const page = (await manager.get(`/imports/${first.importId}`)).body;
    expect(page).toContain('How the file was read');
    expect(page).toContain('The file was read as UTF-8.');
    expect(page).not.toMatch(/Encoding\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not recorded/);
    // an earlier file in which Oakham's settings had other addresses: EY Hub keeps the newer data and says so
    const earlier = Buffer.from(file.toString('utf8').replaceAll('Oakham', 'Oakham Old Town'));
    const older = await runImport(t.database.db, t.clock, { bytes: earlier, fileName: 'providers-earlier.csv', laCode: '857', startedBy: null, asAt: '2021-01-01' });
    expect(older.olderCount).toBeGreaterThan(0);
    const olderPage = (await manager.get(`/imports/${older.importId}`)).body;
    expect(olderPage).toContain(`Skipped: older than what EY Hub holds (${older.olderCount} rows)`);
    expect(await t.database.db.selectFrom('providers').select('urn').where('town', 'like', '%Old Town%').execute()).toEqual([]);
  });
});
