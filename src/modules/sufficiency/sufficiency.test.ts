import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

const KENT = '886';

describe.each(testDatabases())('childcare sufficiency on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let adviser: TestClient;
  /** two active nurseries on the Early Years Register and their postcodes */
  let settings: { urn: string; postcode: string; places: number }[];
  let lookupCsv: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    officer = new TestClient(t.app);
    await officer.signIn((await createTestUser(t.database, KENT, 'officer', { name: 'Cis Officer' })).email);
    adviser = new TestClient(t.app);
    await adviser.signIn((await createTestUser(t.database, KENT, 'adviser')).email);
    // two nurseries on the Early Years Register, each the only active setting at its postcode
    const active = await t.database.db.selectFrom('providers').select(['urn', 'postcode', 'places', 'provider_type', 'registers']).where('la_code', '=', KENT).where('status', '=', 'Active').execute();
    const atPostcode = new Map<string, number>();
    for (const p of active) if (p.postcode) atPostcode.set(p.postcode.replace(/\s/g, ''), (atPostcode.get(p.postcode.replace(/\s/g, '')) ?? 0) + 1);
    settings = active
      .filter((p) => p.provider_type === 'Childcare on non-domestic premises' && p.registers.includes('EYR') && (p.places ?? 0) > 20 && p.postcode && atPostcode.get(p.postcode.replace(/\s/g, '')) === 1)
      .sort((a, b) => a.urn.localeCompare(b.urn)).slice(0, 2).map((p) => ({ urn: p.urn, postcode: p.postcode!, places: p.places! }));
    lookupCsv = `pcds,wd23cd,wd23nm\n${settings[0]!.postcode.toLowerCase().replace(' ', '')},E05000001,Bearsted\n${settings[1]!.postcode},E05000002,Park Wood\n`;
  });
  afterAll(() => t.close());

  it('a ward lookup with a bad row is refused naming the row, column and value; a good one gives settings their wards and lists the postcodes not found', async () => {
    const bad = await officer.upload('/sufficiency/ward-lookup', 'lookup', 'lookup.csv', `${lookupCsv}ME99,E05000003,Nowhere\n`);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Nothing was uploaded: 1 row needs correcting. Row 4: “Postcode” is “ME99”, which is not a postcode');
    expect(await t.database.db.selectFrom('sufficiency_ward_lookup').select('postcode').execute()).toEqual([]);
    const ok = await officer.upload('/sufficiency/ward-lookup', 'lookup', 'lookup.csv', lookupCsv);
    expect(ok.status).toBe(303);
    const page = await officer.get('/sufficiency/data');
    expect(page.body).toMatch(/Ward lookup uploaded: 2 postcodes\. \d+ settings have postcodes not found in it/);
    expect(page.body).not.toContain(`>${settings[0]!.urn}<`);
  });

  it('the population upload is all or nothing with each bad row named; wards under the threshold are flagged', async () => {
    const bad = await officer.upload('/sufficiency/population', 'population', 'population.csv', 'Ward,Age,Children\nBearsted,0,20\nBearsted,4,lots\nPark Wood,19,5\n');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Nothing was uploaded: 2 rows need correcting. Row 3: “Children” is “lots”: enter a whole number of children. Row 4: “Age” is “19”: enter a whole number of years from 0 to 17');
    expect(await t.database.db.selectFrom('sufficiency_population').select('ward').execute()).toEqual([]);
    // Bearsted: places for 10 children under 5 (far above any threshold); Park Wood: 1,000 children a year
    const rows = [0, 1, 2, 3, 4].flatMap((age) => [`Bearsted,${age},2`, `Park Wood,${age},1000`]);
    const ok = await officer.upload('/sufficiency/population', 'population', 'population.csv', `Ward,Age,Population\n${rows.join('\n')}\n`);
    expect(ok.status).toBe(303);
    const page = await officer.get('/sufficiency');
    const flagged = page.body.match(/<ul[^>]*id="flagged">[\s\S]*?<\/ul>/)![0];
    const parkWood = Math.round((settings[1]!.places / 5000) * 1000) / 10;
    expect(flagged).toContain(`<strong>Park Wood</strong>: ${parkWood} places per 100 children aged 0 to 4 (early years)`);
    expect(flagged).not.toContain('Bearsted');
    expect(page.body).toContain('<svg class="app-chart" id="chart-early_years"');
    // the LA raises nothing, lowers the threshold below Park Wood's rate: nothing is flagged
    expect((await officer.post('/sufficiency/threshold', { threshold: 'twenty' })).body).toContain('Enter the threshold as a number of places per 100 children');
    await officer.post('/sufficiency/threshold', { threshold: String(Math.max(0.1, Math.floor(parkWood * 10 - 1) / 10)) });
    expect((await officer.get('/sufficiency')).body).toMatch(/Wards under the threshold<\/h2>\s*<p class="govuk-body">None\.<\/p>/);
    await officer.post('/sufficiency/threshold', { threshold: '20' });
  });

  it('the assessment exports as a workbook of real cells and a tagged PDF; an adviser reads but cannot upload', async () => {
    const raw = await t.app.inject({ method: 'GET', url: '/sufficiency/assessment.xlsx', headers: { cookie: (officer as unknown as { cookieHeader(): string }).cookieHeader() } });
    expect(raw.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    const wards = wb.getWorksheet('Wards')!;
    const park = wards.getRows(2, wards.rowCount - 1)!.find((r) => r.getCell(1).value === 'Park Wood')!;
    expect(park.getCell(3).value).toBe(settings[1]!.places);
    expect(park.getCell(4).value).toBe(5000);
    expect(park.getCell(wards.getRow(1).cellCount).value).toBe('Yes');
    expect(wb.getWorksheet('Summary')!.getCell('B8').value).toBe(1);
    const pdf = await officer.get('/sufficiency/assessment.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body).toContain('/StructTreeRoot');
    expect((await adviser.get('/sufficiency')).status).toBe(200);
    expect((await adviser.get('/sufficiency/data')).status).toBe(403);
  });
});
