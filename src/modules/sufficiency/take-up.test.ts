import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { recentTerms } from './returns.js';
import { parseHeadcount, takeUpBandOf, takeUpByWard, takeUpRate } from './take-up.js';

const KENT = '886';

describe('FEEE take-up: "monitor the uptake of FEEE … and identify where there is low uptake"', () => {
  it('funded children per 100 children of the age, by ward', () => {
    expect(takeUpRate(45, 60)).toBe(75);
    expect(takeUpRate(1, 0)).toBeNull();
    const wards = takeUpByWard([{ ward: 'Park Wood', band: 'two', children: 12 }, { ward: 'park wood', band: 'three_four', children: 150 }, { ward: null, band: 'two', children: 99 }],
      [{ ward: 'Park Wood', age: 2, children: 40 }, { ward: 'Park Wood', age: 3, children: 100 }, { ward: 'Park Wood', age: 4, children: 100 }, { ward: 'Park Wood', age: 5, children: 100 }]);
    expect(wards).toEqual([{ ward: 'Park Wood', funded: { two: 12, three_four: 150 }, population: { two: 40, three_four: 200 }, rate: { two: 30, three_four: 75 } }]);
  });
  it('reads the funding system\'s words for the age band, totals by setting, names every bad row', () => {
    expect(['FF2', '2', 'Two year olds'].map(takeUpBandOf)).toEqual(['two', 'two', 'two']);
    expect(['Universal', 'Extended', '3-4', '30 hours'].map(takeUpBandOf)).toEqual(['three_four', 'three_four', 'three_four', 'three_four']);
    const known = new Set(['EY1', 'EY2']);
    expect(parseHeadcount('Ofsted URN,Entitlement,Headcount\nEY1,Universal,10\nEY1,Extended,5\nEY2,FF2,3\n', known)).toEqual({ ok: true, rows: [{ urn: 'EY1', band: 'three_four', children: 15 }, { urn: 'EY2', band: 'two', children: 3 }] });
    expect(parseHeadcount('URN,Age band,Children\nEY9,2,1\nEY1,toddlers,x\n', known)).toEqual({ ok: false, errors: [
      'Row 2: “URN” is “EY9”, which is not one of your local authority\'s settings',
      'Row 3: “Age band” is “toddlers”: use 2 (or FF2) or 3 and 4 (or universal, extended)',
      'Row 3: “Children” is “x”: enter a whole number of children',
    ] });
    expect(recentTerms('2026-11-23', 4)).toEqual(['2026-autumn', '2026-summer', '2026-spring', '2025-autumn']);
  });
});

describe.each(testDatabases())('FEEE take-up on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let urn: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    officer = new TestClient(t.app);
    await officer.signIn((await createTestUser(t.database, KENT, 'officer')).email);
    const setting = await t.database.db.selectFrom('providers').select(['urn', 'postcode']).where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow();
    urn = setting.urn;
    await officer.upload('/sufficiency/ward-lookup', 'lookup', 'lookup.csv', `Postcode,Ward\n${setting.postcode},Park Wood\n`);
    await officer.upload('/sufficiency/population', 'population', 'population.csv', 'Ward,Age,Children\nPark Wood,2,40\nPark Wood,3,50\nPark Wood,4,50\n');
  });
  afterAll(() => t.close());

  const upload = async (term: string, csv: string) => {
    const client = officer as unknown as { csrfToken: string; cookieHeader(): string };
    const boundary = '----takeup';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="term"\r\n\r\n${term}\r\n--${boundary}\r\nContent-Disposition: form-data; name="headcount"; filename="headcount.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
    return t.app.inject({ method: 'POST', url: `/sufficiency/take-up?_csrf=${encodeURIComponent(client.csrfToken)}`, headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };

  it('a term\'s headcount is uploaded (all or nothing) and take-up shows by ward against the population', async () => {
    await officer.get('/sufficiency/take-up');
    const bad = await upload('2026-autumn', `URN,Age band,Children\n${urn},2,10\nEY0000000,2,1\n`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nothing was uploaded: 1 row needs correcting. Row 3: “URN” is “EY0000000”, which is not one of your local authority&#39;s settings');
    const ok = await upload('2026-autumn', `URN,Age band,Children\n${urn},FF2,10\n${urn},Universal,60\n${urn},Extended,15\n`);
    expect(ok.statusCode).toBe(303);
    const page = await officer.get(ok.headers.location as string);
    expect(page.body).toContain('Autumn 2026');
    expect(page.body).toMatch(/Park Wood<\/th><td[^>]*>10<\/td><td[^>]*>40<\/td><td[^>]*>25<\/td><td[^>]*>75<\/td><td[^>]*>100<\/td><td[^>]*>75<\/td>/);
  });
});
