import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { FixedClock } from '../../platform/clock.js';
import { countBy, latestInspections, naiveCsv, sharedFile } from '../../../test/support/ofsted-files.js';
import { testDatabases } from '../../../test/support/databases.js';
import { runImport, type ImportRequest } from './service.js';

const PROVIDERS_2021 = 'ofsted_providers_2021-08-31_sample.csv';
const LA_CODES: Record<string, string> = { Kent: '886', Leicestershire: '855', Leicester: '856', Rutland: '857' };
const GRADES: Record<string, string> = { '1': 'outstanding', '2': 'good', '3': 'requires_improvement', '4': 'inadequate' };

function request(bytes: Uint8Array, fileName: string, extra: Partial<ImportRequest> = {}): ImportRequest {
  return { bytes, fileName, laCode: null, startedBy: null, ...extra };
}

/** A hand-edited newer copy of the 2021 file: one nursery renamed, re-inspected (RI) and one childminder resigned. */
function newerCopy(): { bytes: Buffer; renamed: string; resigned: string } {
  const rows = naiveCsv(sharedFile(PROVIDERS_2021).toString('utf8'));
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const nursery = rows.find((r) => r[col('Provider URN')] === 'EY485159')!;
  nursery[col('Provider name')] = 'Greenview Nursery and Forest School';
  nursery[col('Most recent full: Inspection date')] = '14/03/2022';
  nursery[col('Most recent full: Overall effectiveness')] = '3';
  nursery[col('Most recent full: Inspection number')] = '10200001';
  const minder = rows.find((r) => r[col('Provider type')] === 'Childminder' && r[col('Local authority')] === 'Rutland')!;
  minder[col('Provider status')] = 'Resigned';
  const csv = rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
  return { bytes: Buffer.from(csv), renamed: 'EY485159', resigned: minder[col('Provider URN')]! };
}

describe.each(testDatabases())('Ofsted import on $name', (testDb) => {
  let database: Database;
  const clock = new FixedClock('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    database = await testDb.open();
  });
  afterAll(() => database.close());

  const providers = () => database.db.selectFrom('providers').selectAll().execute();

  it('imports the 2021 provider file: counts per local authority, type and grade match the file', async () => {
    const bytes = sharedFile(PROVIDERS_2021);
    const summary = await runImport(database.db, clock, request(bytes, PROVIDERS_2021));
    expect(summary.status).toBe('succeeded');
    expect(summary.format).toBe('ofsted-provider-csv');
    expect(summary.asAt).toBe('2021-08-31');

    const rows = naiveCsv(bytes.toString('utf8'));
    const header = rows[0]!;
    const data = rows.slice(1);
    const la = header.indexOf('Local authority');
    const type = header.indexOf('Provider type');
    const grade = header.indexOf('Most recent full: Overall effectiveness');
    const expectedByLa = countBy(data, (r) => LA_CODES[r[la]!]!);
    const expectedByType = countBy(data, (r) => r[type]!);
    const expectedByGrade = countBy(data.filter((r) => GRADES[r[grade]!]), (r) => GRADES[r[grade]!]!);

    const stored = await providers();
    expect(stored).toHaveLength(data.length);
    expect(countBy(stored, (p) => p.la_code)).toEqual(expectedByLa);
    expect(countBy(stored, (p) => p.provider_type ?? '')).toEqual(expectedByType);
    const latest = (await latestInspections(database.db)).filter((r) => r.kind === 'full');
    expect(countBy(latest, (r) => r.overall ?? '')).toEqual(expectedByGrade);
    expect(summary.newCount).toBe(data.length);
    expect(summary.changes).toBe(0); // the first import of each local authority is its baseline: history, not changes
  });

  it('never stores "REDACTED": childminders’ hidden details are not known', async () => {
    const minders = await database.db.selectFrom('providers').selectAll().where('provider_type', '=', 'Childminder').execute();
    expect(minders.length).toBeGreaterThan(100);
    for (const m of minders) {
      expect(m.name).toBeNull();
      expect(m.redacted).toBe(true);
    }
    const anyRedacted = await database.db.selectFrom('providers').select('urn').where('name', '=', 'REDACTED').execute();
    expect(anyRedacted).toHaveLength(0);
  });

  it('importing the same file again changes nothing and reports 0 changes (read in a worker thread, as the national file is)', async () => {
    const summary = await runImport(database.db, clock, request(sharedFile(PROVIDERS_2021), PROVIDERS_2021, { csvWorker: true }));
    expect(summary.status).toBe('succeeded');
    expect(summary.changes).toBe(0);
    expect(summary.newCount).toBe(0);
    expect(summary.unchangedCount).toBe(3271);
  });

  it('a newer file records typed changes; an older file afterwards never overwrites newer facts', async () => {
    const newer = newerCopy();
    const summary = await runImport(database.db, clock, request(newer.bytes, 'ofsted_providers_2022-03-31_edited.csv', { csvWorker: true }));
    expect(summary.status).toBe('succeeded');
    const changes = await database.db.selectFrom('ofsted_changes').selectAll().where('import_id', '=', summary.importId).execute();
    const types = changes.map((c) => `${c.urn} ${c.change_type}`).sort();
    expect(types).toEqual([`EY485159 details_changed`, `EY485159 new_inspection_outcome`, `${newer.resigned} status_change`].sort());
    const outcome = changes.find((c) => c.change_type === 'new_inspection_outcome')!;
    expect(outcome.from_value).toBe('good');
    expect(outcome.to_value).toBe('requires_improvement');
    expect(outcome.event_date).toBe('2022-03-14');
    expect(outcome.framework).toBe('Education inspection framework (EIF)');
    const status = changes.find((c) => c.change_type === 'status_change')!;
    expect([status.from_value, status.to_value]).toEqual(['Active', 'Resigned']);
    expect(changes.find((c) => c.change_type === 'details_changed')!.details).toEqual({
      name: ['Greenview Nursery', 'Greenview Nursery and Forest School'],
    });

    const older = await runImport(database.db, clock, request(sharedFile(PROVIDERS_2021), PROVIDERS_2021));
    expect(older.changes).toBe(0);
    const nursery = await database.db.selectFrom('providers').selectAll().where('urn', '=', 'EY485159').executeTakeFirstOrThrow();
    expect(nursery.name).toBe('Greenview Nursery and Forest School');
    const latest = (await latestInspections(database.db)).find((r) => r.urn === 'EY485159')!;
    expect(latest.overall).toBe('requires_improvement');
    const minder = await database.db.selectFrom('providers').select('status').where('urn', '=', newer.resigned).executeTakeFirstOrThrow();
    expect(minder.status).toBe('Resigned');
  });

  it('a crash part-way through leaves the previous data intact', async () => {
    const before = await providers();
    const changesBefore = await database.db.selectFrom('ofsted_changes').select('id').execute();
    const edited = Buffer.from(sharedFile(PROVIDERS_2021).toString('utf8').replace('"Greenview Nursery"', '"Crashed Nursery"'));
    const summary = await runImport(database.db, clock, {
      ...request(edited, 'crash_2023-01-01.csv'),
      beforeApply: () => {
        throw new Error('simulated crash');
      },
    });
    expect(summary.status).toBe('failed');
    expect(summary.error).toContain('nothing was changed');
    expect(await providers()).toEqual(before);
    expect(await database.db.selectFrom('ofsted_changes').select('id').execute()).toHaveLength(changesBefore.length);
    const row = await database.db.selectFrom('imports').selectAll().where('id', '=', summary.importId).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
  });

  it('rejects a file that is not an Ofsted file, and changes nothing', async () => {
    const before = await providers();
    const noHeader = await runImport(database.db, clock, request(Buffer.from('name,town\nA,B\n'), 'people.csv'));
    expect(noHeader.status).toBe('rejected');
    expect(noHeader.error).toContain('no recognisable header');
    const binary = await runImport(database.db, clock, request(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]), 'book.xlsx'));
    expect(binary.status).toBe('rejected');
    expect(binary.error).toContain('not a CSV or XML file');
    const empty = await runImport(database.db, clock, request(Buffer.alloc(0), 'empty.csv'));
    expect(empty.error).toBe('The file is empty.');
    // a row with an extra cell far down the file: found by the worker thread after rows were loaded, still nothing stays
    // (a row with cells missing at the end is read with them empty: see import-reading.test.ts)
    const ragged = ['Provider URN,Provider type,Local authority', ...Array.from({ length: 6000 }, (_, i) => `EY9${String(i).padStart(5, '0')},Childminder,Kent`), 'EY999999,Childminder,Kent,Kent'];
    const short = await runImport(database.db, clock, request(Buffer.from(ragged.join('\n')), 'cut-short.csv', { csvWorker: true }));
    expect(short.status).toBe('rejected');
    expect(short.error).toBe('The file could not be read at line 6002: the row has 4 cells but the header has 3. Check the file is exactly as Ofsted published it.');
    const quote = await runImport(database.db, clock, request(Buffer.from('Provider URN,Provider name,Local authority\nEY900001,"Little Acorns,Kent\n'), 'quote.csv'));
    expect(quote.error).toBe('The file could not be read: a quote opened on line 2 is not closed. Check the file is exactly as Ofsted published it.');
    expect(await providers()).toEqual(before);
  });

  it('rejects unusable rows with their row number, column and reason; the rest go in', async () => {
    const csv = [
      'Childcare provider level data as at 31 December 2026',
      '',
      'Provider URN,Provider type,Provider status,Provider name,Local authority,Registration date',
      'EY777001,Childminder,Active,REDACTED,Kent,01/02/2026',
      ',Childminder,Active,REDACTED,Kent,01/02/2026',
      'EY777002,Childminder,Active,REDACTED,Atlantis,01/02/2026',
      'EY777003,Childminder,Active,REDACTED,Not Recorded,01/02/2026',
      'EY777004,Childminder,Active,REDACTED,Kent,31/02/2026',
      'EY777005,Childminder,Active,REDACTED,Rutland,28/02/2026',
    ].join('\r\n');
    const summary = await runImport(database.db, clock, request(Buffer.from(csv), 'hand-made.csv'));
    expect(summary.error).toBeNull();
    expect(summary.status).toBe('succeeded');
    expect(summary.asAt).toBe('2026-12-31');
    const rejections = await database.db
      .selectFrom('import_rejections')
      .select(['row_number', 'column_name', 'reason'])
      .where('import_id', '=', summary.importId)
      .orderBy('row_number')
      .execute();
    expect(rejections).toEqual([
      { row_number: 5, column_name: 'Provider URN', reason: 'URN is empty' },
      { row_number: 6, column_name: 'Local authority', reason: '“Atlantis” is not an English local authority' },
      { row_number: 7, column_name: 'Local authority', reason: '“Not Recorded” is not an English local authority' },
      { row_number: 8, column_name: 'Registration date', reason: '“31/02/2026” is not a real date' },
    ]);
    const added = await database.db.selectFrom('providers').select(['urn', 'la_code']).where('urn', 'in', ['EY777001', 'EY777005']).orderBy('urn').execute();
    expect(added).toEqual([
      { urn: 'EY777001', la_code: '886' },
      { urn: 'EY777005', la_code: '857' },
    ]);
  });

  it('a newer file with identical rows does no work on them but keeps the providers current as at its date', async () => {
    const body = 'Provider URN,Provider type,Provider status,Provider name,Local authority\nEY888001,Childminder,Active,REDACTED,Rutland\n';
    await runImport(database.db, clock, request(Buffer.from(`Data as at 31 December 2026\n${body}`), 'a.csv'));
    const again = await runImport(database.db, clock, request(Buffer.from(`Data as at 31 January 2027\n${body}`), 'b.csv'));
    expect(again.changes).toBe(0);
    expect(again.unchangedCount).toBe(1);
    const p = await database.db.selectFrom('providers').select('source_date').where('urn', '=', 'EY888001').executeTakeFirstOrThrow();
    expect(p.source_date).toBe('2027-01-31');
  });

  it('a cell moving to the next column is a change, not an identical row', async () => {
    const header = 'Provider URN,Provider name,Provider address line 1,Provider address line 2,Local authority';
    await runImport(database.db, clock, request(Buffer.from(`Data as at 1 February 2027\n${header}\nEY999001,Moved Nursery,,High Street,Rutland\n`), 'm1.csv'));
    const moved = await runImport(database.db, clock, request(Buffer.from(`Data as at 2 February 2027\n${header}\nEY999001,Moved Nursery,High Street,,Rutland\n`), 'm2.csv'));
    expect(moved.changedCount).toBe(1);
    const p = await database.db.selectFrom('providers').select(['address_line1', 'address_line2']).where('urn', '=', 'EY999001').executeTakeFirstOrThrow();
    expect(p).toEqual({ address_line1: 'High Street', address_line2: null });
  });

  it('reads Windows-1252 with NBSP (the 2025 childminders file) and maps "Islington\u00a0" to its code', async () => {
    const summary = await runImport(database.db, clock, request(sharedFile('ofsted_childminders_2025-03-31_sample.csv'), 'ofsted_childminders_2025-03-31_sample.csv'));
    expect(summary.status).toBe('succeeded');
    expect(summary.format).toBe('ofsted-childminders-csv');
    expect(summary.rejected).toBe(0);
    const islington = await database.db.selectFrom('providers').select('urn').where('la_code', '=', '206').execute();
    expect(islington.length).toBe(115);
    const header = await runImport(database.db, clock, request(sharedFile('ofsted_providers_2025-03-31_header_sample.csv'), 'ofsted_providers_2025-03-31_header_sample.csv'));
    expect(header.status).toBe('succeeded');
    const tots = await database.db.selectFrom('providers').select(['name', 'registration_date', 'la_code']).where('urn', '=', 'EY492013').executeTakeFirstOrThrow();
    expect(tots).toEqual({ name: 'Little Tots – Peterborough Mother & Baby Nursery', registration_date: '2015-09-03', la_code: '874' });
  });

  it('reads the agencies files (BOM, "EFFECTIVE" and "Effective") and the LA XML extract with its notices', async () => {
    const agencies = await runImport(database.db, clock, request(sharedFile('ofsted_childminder_agencies_2024-12-31.csv'), 'ofsted_childminder_agencies_2024-12-31.csv'));
    expect(agencies.status).toBe('succeeded');
    expect(agencies.format).toBe('ofsted-agencies-csv');
    const xml = await runImport(database.db, clock, request(sharedFile('ofsted_la_extract_825_2021-02-22_sample.xml'), 'extract.xml'));
    expect(xml.status).toBe('succeeded');
    expect(xml.format).toBe('ofsted-la-xml');
    expect(xml.rows).toBe(161);
    expect(xml.skipped).toBe(26); // registered persons (RPP), not settings
    const bucks = await database.db.selectFrom('providers').select('urn').where('la_code', '=', '825').execute();
    expect(bucks).toHaveLength(135);
    const notices = await database.db.selectFrom('enforcement_events').select(['urn', 'event_type', 'event_date']).where('urn', '=', 'EY900001').orderBy('event_date').execute();
    expect(notices).toEqual([
      { urn: 'EY900001', event_type: 'notice_of_intention', event_date: '2020-03-02' },
      { urn: 'EY900001', event_type: 'notice_of_decision', event_date: '2020-03-19' },
    ]);
  });

  it('reads the 2024 shape of the LA extract; a registration repeated in the file is rejected, not the whole file', async () => {
    const result = await runImport(database.db, clock, request(sharedFile('ofsted_la_extract_2024_format_SYNTHETIC.xml'), 'extract-2024.xml'));
    expect(result).toMatchObject({ status: 'succeeded', format: 'ofsted-la-xml', asAt: '2024-01-30', rows: 2, rejected: 1 });
    const provider = await database.db.selectFrom('providers').select(['la_code', 'name', 'postcode', 'status']).where('urn', '=', 'EY12345').executeTakeFirstOrThrow();
    expect(provider).toEqual({ la_code: '825', name: 'Not a real name', postcode: 'AB12 3CD', status: 'Active' });
    const rejections = await database.db.selectFrom('import_rejections').select(['row_number', 'column_name', 'reason']).where('import_id', '=', result.importId).execute();
    expect(rejections).toEqual([{ row_number: 2, column_name: 'ReferenceNumber', reason: 'URN EY12345 appears more than once in the file (first in registration 1)' }]);
  });

  it('an address Ofsted says must not be shown (women’s refuge, anonymity, military base) is not kept, whatever a CSV says', async () => {
    const extract = (date: string, special: string) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><OfstedChildcareRegisterLocalAuthorityExtract xmlns="http://www.ofsted.gov.uk/Childcare/Registration/LocalAuthority">` +
          `<Extract><ExtractDateTime>${date}T05:30:00</ExtractDateTime><LocalAuthority><LocalAuthorityCode>825</LocalAuthorityCode></LocalAuthority></Extract>` +
          `<Registration><ReferenceNumber>EY778001</ReferenceNumber><ProvisionType>CCN</ProvisionType>` +
          `<Setting><SettingName>Safe Harbour Creche</SettingName><SettingAddress><AddressLine1>1 Hidden Lane</AddressLine1><Town>Aylesbury</Town><Postcode>HP1 1AA</Postcode></SettingAddress>` +
          `<SettingContact><TelephoneNumber>01296 000000</TelephoneNumber></SettingContact></Setting>` +
          `<RegistrationStatus>ACTV</RegistrationStatus><RegistrationDate>2020-01-06</RegistrationDate>${special}</Registration></OfstedChildcareRegisterLocalAuthorityExtract>`,
      );
    const held = () =>
      database.db.selectFrom('providers').select(['name', 'address_line1', 'town', 'postcode', 'telephone', 'address_withheld']).where('urn', '=', 'EY778001').executeTakeFirstOrThrow();
    const withheld = { name: 'Safe Harbour Creche', address_line1: null, town: null, postcode: null, telephone: null, address_withheld: 'women’s refuge' };

    expect((await runImport(database.db, clock, request(extract('2026-01-05', '<SpecialConsiderations>WREF</SpecialConsiderations>'), 'a.xml'))).status).toBe('succeeded');
    expect(await held()).toEqual(withheld);
    // a later CSV (which has no such flag) with the address: still not kept, and no change lists it
    const csv = 'Provider URN,Provider type,Provider status,Provider name,Local authority,Registration date,Provider address line 1,Provider town,Postcode\n' +
      'EY778001,Childcare on non-domestic premises,Active,Safe Harbour Creche,Buckinghamshire,06/01/2020,1 Hidden Lane,Aylesbury,HP1 1AA\n';
    const fromCsv = await runImport(database.db, clock, request(Buffer.from(csv), 'providers_2026-02-01.csv'));
    expect(fromCsv.status).toBe('succeeded');
    expect(await held()).toEqual(withheld);
    const changes = await database.db.selectFrom('ofsted_changes').select('details').where('urn', '=', 'EY778001').execute();
    expect(JSON.stringify(changes)).not.toMatch(/Hidden Lane|HP1 1AA/);
    // the extract no longer asks: the address is kept again
    expect((await runImport(database.db, clock, request(extract('2026-03-02', ''), 'b.xml'))).status).toBe('succeeded');
    expect(await held()).toEqual({ ...withheld, address_line1: '1 Hidden Lane', town: 'Aylesbury', postcode: 'HP1 1AA', telephone: '01296 000000', address_withheld: null });
  });

  it('an upload for one local authority imports only that authority’s rows', async () => {
    const fresh = await testDb.open();
    try {
      const summary = await runImport(fresh.db, clock, request(sharedFile(PROVIDERS_2021), PROVIDERS_2021, { laCode: '857' }));
      expect(summary.status).toBe('succeeded');
      expect(summary.skipped).toBe(3271 - 40);
      const las = await fresh.db.selectFrom('providers').select('la_code').distinct().execute();
      expect(las).toEqual([{ la_code: '857' }]);
    } finally {
      await fresh.close();
    }
  });
});
