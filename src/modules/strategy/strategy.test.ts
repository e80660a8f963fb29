import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';

const RUTLAND = '857';
const OTHER = '886';

describe.each(testDatabases())('strategy register on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let viewer: TestClient;
  let other: TestClient;
  let recId: string;
  const emails: string[] = [];
  /** moves the clock (months later: sessions have ended, so everyone signs in again) */
  const later = async (to: string) => {
    t.clock.set(to);
    await officer.signIn(emails[0]!);
    await viewer.signIn(emails[1]!);
    await other.signIn(emails[2]!);
  };

  beforeAll(async () => {
    t = await startTestApp(testDb);
    officer = new TestClient(t.app);
    viewer = new TestClient(t.app);
    other = new TestClient(t.app);
    emails.push((await createTestUser(t.database, RUTLAND, 'officer', { name: 'Karen Lead' })).email);
    emails.push((await createTestUser(t.database, RUTLAND, 'viewer', { name: 'Sam Senior' })).email);
    emails.push((await createTestUser(t.database, OTHER, 'admin', { name: 'Other Admin' })).email);
    await later('2026-11-23T10:00:00Z');
  });
  afterAll(() => t.close());

  const headingId = async (name: string) => (await t.database.db.selectFrom('strategy_headings').select('id').where('la_code', '=', RUTLAND).where('name', '=', name).executeTakeFirstOrThrow()).id;

  it('the register starts with Rutland\'s four headings; a recommendation needs a heading, a duty, an owner and a status, and what was typed survives', async () => {
    const page = await officer.get('/strategy');
    for (const h of ['Working in Partnership', 'Economic Development', 'Inclusion', 'The Education Experience']) expect(page.body).toContain(h);
    const bad = await officer.post('/strategy/recommendations', { title: 'Publish a termly sufficiency bulletin', owner: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Select the heading');
    expect(bad.body).toContain('Select at least one statutory duty');
    expect(bad.body).toContain('Enter who owns the recommendation');
    expect(bad.body).toContain('Select the RAG status');
    expect(bad.body).toContain('Publish a termly sufficiency bulletin');
    const ok = await officer.post('/strategy/recommendations', {
      headingId: await headingId('Working in Partnership'), title: 'Publish a termly sufficiency bulletin', duties: ['sufficiency', 'information'], owner: 'Karen Lead',
      'target-day': '31', 'target-month': '3', 'target-year': '2027', rag: 'red', comment: 'Not agreed across the partnership',
    });
    expect(ok.status).toBe(303);
    recId = ok.location!.split('/').pop()!;
    const rec = await officer.get(ok.location!);
    expect(rec.body).toContain('Sufficiency duty, Information duty');
    expect(rec.body).toContain('31 March 2027');
    expect(rec.body).toContain('Uncertainty as to whether the recommendations were fully established');
  });

  it('Red → Amber → Green keeps every status with its date, and the report shows the trail and the counts at each month end', async () => {
    await later('2026-12-02T10:00:00Z');
    const noComment = await officer.post(`/strategy/recommendations/${recId}`, { rag: 'amber', owner: 'Karen Lead' });
    expect(noComment.body).toContain('Enter what has changed');
    await officer.post(`/strategy/recommendations/${recId}`, { rag: 'amber', comment: 'Bulletin drafted with the partnership', owner: 'Karen Lead' });
    await later('2027-01-12T10:00:00Z');
    await officer.post(`/strategy/recommendations/${recId}`, { rag: 'green', comment: 'First bulletin sent', owner: 'Karen Lead', 'target-day': '31', 'target-month': '3', 'target-year': '2027' });
    const page = await officer.get(`/strategy/recommendations/${recId}`);
    expect(page.body.match(/app-rag-history[\s\S]*?<\/ol>/)![0].match(/govuk-tag /g)).toHaveLength(3);
    const report = await viewer.get('/strategy/report');
    expect(report.status).toBe(200);
    expect(report.body).toContain('Red → Amber → Green');
    const overTime = report.body.match(/id="over-time"[\s\S]*?<\/table>/)![0];
    // 30 November: red; 31 December: amber; today (12 January): green
    expect(overTime).toMatch(/30 November 2026<\/th><td[^>]*>1<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td>/);
    expect(overTime).toMatch(/31 December 2026<\/th><td[^>]*>0<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td>/);
    expect(overTime).toMatch(/12 January 2027<\/th><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td>/);
  });

  it('engagement records link to recommendations; headings are renamed by the LA', async () => {
    const res = await officer.post('/strategy/engagements', { kind: 'mystery_shopper', title: 'Mystery shopper: finding a funded place', 'held-day': '5', 'held-month': '1', 'held-year': '2027', summary: 'The web page was out of date', recommendationIds: [recId] });
    expect(res.location).toBe(`/strategy/recommendations/${recId}`);
    expect((await officer.get(res.location!)).body).toContain('Mystery shopper: finding a funded place');
    const future = await officer.post('/strategy/engagements', { kind: 'partnership', title: 'Later', 'held-day': '5', 'held-month': '1', 'held-year': '2030' });
    expect(future.body).toContain('The date it took place must be today or in the past');
    const id = await headingId('Working in Partnership');
    expect((await officer.post(`/strategy/headings/${id}`, { name: 'Inclusion' })).body).toContain('There is already a heading called Inclusion');
    await officer.post(`/strategy/headings/${id}`, { name: 'Partnership and Family Hubs' });
    expect((await officer.get('/strategy/report')).body).toContain('Partnership and Family Hubs');
  });

  it('the workbook has real cells and the PDF is tagged', async () => {
    const xlsx = await viewer.get('/strategy/report.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const raw = await t.app.inject({ method: 'GET', url: '/strategy/report.xlsx', headers: { cookie: (viewer as unknown as { cookieHeader(): string }).cookieHeader() } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('By heading and duty')!;
    const sufficiency = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'Sufficiency duty')!;
    expect(sufficiency.getCell(4).value).toBe(1); // green
    const recs = wb.getWorksheet('Recommendations')!;
    expect(recs.getRow(2).getCell(5).value).toEqual(new Date('2027-03-31T00:00:00Z'));
    expect(recs.getRow(2).getCell(9).value).toBeInstanceOf(Date);
    expect(recs.getRow(2).getCell(8).value).toBe('Red → Amber → Green');
    const pdf = await viewer.get('/strategy/report.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body).toContain('/StructTreeRoot');
  });

  it('a senior leader reads but cannot change; another LA sees none of it', async () => {
    expect((await viewer.get('/strategy/recommendations/new')).status).toBe(403);
    expect((await viewer.post(`/strategy/recommendations/${recId}`, { rag: 'red', comment: 'x', owner: 'x' })).status).toBe(403);
    expect((await other.get(`/strategy/recommendations/${recId}`)).status).toBe(404);
    expect((await other.get('/strategy/report')).body).not.toContain('termly sufficiency bulletin');
  });
});
