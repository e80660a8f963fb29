import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { sharedFile } from '../../../test/support/ofsted-files.js';
import { seedReportFixture, type ReportFixture } from '../../../test/support/report-fixture.js';
import { sendQuarterlyReports } from './mailing.js';
import { importReferenceFile } from './reference.js';

const LA = '886';
const Q = 'q-2026-07'; // Q2 2026-27, July to September 2026
const GOOD = ['outstanding', 'good'];

describe.each(testDatabases())('reports pages on $name', (testDb) => {
  let t: TestApp;
  let fx: ReportFixture;
  let manager: TestClient;
  let viewer: TestClient;
  let adviser: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    t.clock.set(new Date('2026-12-07T12:00:00Z'));
    const advisers = [await createTestUser(t.database, LA, 'adviser', { name: 'Ann Adviser' })];
    fx = await seedReportFixture(t.database.db, LA, 3, advisers);
    await importReferenceFile(t.database.db, { bytes: sharedFile('ofsted_providers_2021-08-31_sample.csv'), fileName: 'ofsted_providers_2021-08-31_sample.csv', asAt: null, at: new Date() });
    manager = new TestClient(t.app);
    await manager.signIn((await createTestUser(t.database, LA, 'manager', { name: 'Sally Senior' })).email);
    viewer = new TestClient(t.app);
    await viewer.signIn((await createTestUser(t.database, LA, 'viewer')).email);
    adviser = new TestClient(t.app);
    await adviser.signIn(advisers[0]!.email);
  });
  afterAll(() => t.close());

  it('the dashboard shows each figure with its definition, the change from the period before, a chart with its data table, and Kent against England with the file’s date', async () => {
    const page = await viewer.get(`/reports?period=${Q}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Q2 2026-27 (July to September 2026)');
    expect(page.body).toContain('compared with Q1 2026-27 (April to June 2026)');
    // figures may be up to 5 minutes old: the page says when they were worked out
    expect(page.body).toMatch(/Figures worked out on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m/);
    expect(page.body).toContain('How it is counted:</strong> Of the providers with an inspection judgement (above), the share whose most recent full inspection judged them Good or Outstanding');
    expect(page.body).toContain('RI settings supported that became Good');
    expect(page.body).toContain('<svg class="app-chart"');
    expect(page.body).toContain('Good or Outstanding: the data</caption>');
    expect(page.body).toContain('as at <strong>31 August 2021</strong>');
    expect(page.body).toMatch(/<th scope="row" class="govuk-table__header">England<\/th><td class="govuk-table__cell govuk-table__cell--numeric">\d+<\/td>/);
    expect(page.body).toContain('from the period before');
    expect(page.body).not.toContain('Write the narrative');
  });

  it('custom dates are checked and kept when wrong; a period key that is not one shows the last whole quarter', async () => {
    const wrong = await manager.get('/reports?period=custom&from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('The first day must be a real date');
    expect(wrong.body).toContain('value="31"');
    const ok = await manager.get('/reports?period=custom&from-day=1&from-month=9&from-year=2026&to-day=30&to-month=11&to-year=2026');
    expect(ok.body).toContain('1 September 2026 to 30 November 2026');
    expect((await manager.get('/reports?period=q-9999-02')).body).toContain('Q2 2026-27');
  });

  it('drill-down: staff see the providers behind a figure; the senior-leader role sees the count, and names only when the authority allows', async () => {
    const url = `/reports/providers?period=${Q}&figure=providers.good-or-better&part=${encodeURIComponent('type:Childminder')}`;
    const expected = fx.providers.filter((p) => p.type === 'Childminder' && p.status === 'Active' && p.registers.includes('EYR')).filter((p) => {
      const latest = fx.inspections.filter((i) => i.urn === p.urn && i.kind === 'full' && i.date < '2026-10-01').sort((a, b) => b.date.localeCompare(a.date))[0];
      return GOOD.includes(latest?.overall ?? '');
    });
    expect(expected.length).toBeGreaterThan(0);
    const staff = await adviser.get(url);
    expect(staff.body).toContain(`<strong>${expected.length}</strong> providers`);
    for (const p of expected) expect(staff.body).toContain(`href="/providers/${p.urn}"`);
    const counts = await viewer.get(url);
    expect(counts.body).toContain(`<strong>${expected.length}</strong> providers`);
    expect(counts.body).not.toContain(expected[0]!.urn);
    expect(counts.body).toContain('has chosen not to show their names');
    expect((await viewer.post('/reports/settings', { viewerSeesNames: 'yes' })).status).toBe(403);
    const saved = await manager.post('/reports/settings', { viewerSeesNames: 'yes', recipients: 'chief@kent.example\ncabinet@kent.example', neighbours: ['855', '857'] });
    expect(saved.status).toBe(303);
    const names = await viewer.get(url);
    expect(names.body).toContain(`Setting ${expected[0]!.urn}`);
    expect(names.body).not.toContain(`href="/providers/${expected[0]!.urn}"`);
    expect((await viewer.get(`/reports?period=${Q}`)).body).toContain('Statistical neighbours (2)');
    expect((await adviser.get('/reports/providers?period=q-2026-07&figure=nope')).status).toBe(404);
    const badEmail = await manager.post('/reports/settings', { recipients: 'chief@kent.example\nnot an address' });
    expect(badEmail.body).toContain('“not an address” is not an e-mail address');
    expect(badEmail.body).toContain('not an address</textarea>');
    expect((await manager.get('/reports/settings')).body).toContain('Chosen: Leicestershire (855), Rutland (857).');
  });

  it('a manager writes the narrative for the period; what they typed survives an error; it shows on the report', async () => {
    const empty = await manager.post(`/reports/narrative?period=${Q}`, { summary: ' ', nextSteps: 'Keep going' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Enter the summary for the period');
    expect(empty.body).toContain('Keep going</textarea>');
    expect((await adviser.post(`/reports/narrative?period=${Q}`, { summary: 'x' })).status).toBe(403);
    const saved = await manager.post(`/reports/narrative?period=${Q}`, { summary: 'More settings became Good this quarter.', nextSteps: 'Focus on childminders.' });
    expect(saved.location).toBe(`/reports?period=${Q}`);
    const page = await viewer.get(`/reports?period=${Q}`);
    expect(page.body).toContain('More settings became Good this quarter.');
    expect(page.body).toContain('Written by Sally Senior');
  });

  it('each table downloads as CSV; the whole report as XLSX with real numbers and dates, read back here', async () => {
    const csv = await viewer.get(`/reports/table.csv?period=${Q}&figure=pathways.visits`);
    const held = fx.visits.filter((v) => v.status === 'done' && v.doneOn! >= '2026-07-01' && v.doneOn! < '2026-10-01').length;
    expect(csv.body.split(/\r?\n/)[2]).toBe(`Held,${held}`);
    const england = await viewer.get(`/reports/table.csv?period=${Q}&figure=england`);
    expect(england.body).toContain('England,');

    const file = await viewer.download(`/reports/report.xlsx?period=${Q}`);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Summary')!;
    expect(summary.getCell('B2').value).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(summary.getCell('B3').value).toEqual(new Date('2026-09-30T00:00:00Z'));
    const visitsRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(2).value === 'Visits held')!;
    expect(visitsRow.getCell(3).value).toBe(held);
    expect(typeof visitsRow.getCell(3).value).toBe('number');
    const englandSheet = wb.getWorksheet('England')!;
    expect(englandSheet.getCell('B2').value).toEqual(new Date('2021-08-31T00:00:00Z'));
    const row = englandSheet.getRows(1, englandSheet.rowCount)!.find((r) => r.getCell(1).value === 'England')!;
    expect(typeof row.getCell(2).value).toBe('number');
  });

  it('the cabinet report is a tagged PDF with the cover, summary, narrative, England comparison and each section', async () => {
    const file = await viewer.download(`/reports/cabinet-report.pdf?period=${Q}`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.bytes.includes(Buffer.from('/StructTreeRoot'))).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-report-'));
    writeFileSync(path.join(dir, 'r.pdf'), file.bytes);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    for (const words of ['report to senior staff and cabinet', 'Q2 2026-27 (July to September 2026)', 'More settings became Good this quarter.', 'Ofsted data as at 31 August 2021', 'RI settings supported that became Good', 'Deadlines met (SLA compliance)', 'England']) {
      expect(text.replace(/\s+/g, ' ')).toContain(words);
    }
    // the first page renders (the PNG is left in the temporary folder to look at)
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '3', path.join(dir, 'r.pdf'), path.join(dir, 'page')]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(3);
  });

  it('once a quarter has ended its cabinet report is e-mailed to the senior staff list through the outbox, once', async () => {
    // the settings test above listed chief@ and cabinet@kent.example
    expect(await sendQuarterlyReports(t.database.db, new Date('2026-12-07T12:00:00Z'), 'https://eyhub.example')).toBe(1);
    const sent = await t.database.db.selectFrom('outbox').select(['to_addresses', 'subject', 'text_body', 'attachments']).where('la_code', '=', LA).where('record_type', '=', 'report').execute();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to_addresses).toEqual(['chief@kent.example', 'cabinet@kent.example']);
    expect(sent[0]!.subject).toBe('Early years and childcare report: Q2 2026-27 (July to September 2026)');
    expect(sent[0]!.text_body).toContain('https://eyhub.example/reports?period=q-2026-07');
    const [attachment] = sent[0]!.attachments as { filename: string; contentBase64: string }[];
    expect(attachment!.filename).toBe('cabinet-report-q-2026-07.pdf');
    expect(Buffer.from(attachment!.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await sendQuarterlyReports(t.database.db, new Date('2026-12-08T12:00:00Z'), 'https://eyhub.example')).toBe(0);
    expect(await sendQuarterlyReports(t.database.db, new Date('2027-01-04T09:00:00Z'), 'https://eyhub.example')).toBe(1);
  });
});
