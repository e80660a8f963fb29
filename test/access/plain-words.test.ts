import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../src/app.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { seedKentSetting } from '../support/kent-setting.js';
import { TestClient } from '../support/client.js';
import { testDatabases } from '../support/databases.js';
import { recordFor, type SupportRecords } from '../support/records.js';
import { unexplained } from '../../src/platform/plain-words.js';

const KENT = '886';

/** The words a page shows (no markup, scripts or attribute values). */
const visibleText = (html: string) =>
  html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

/*
 * Issue 17.17: jargon in provider-facing text and e-mails (SAWR, FF2, EYR/CCR/VCR, FEEE, PPT …) is
 * explained where a setting first meets it on each page: "Early Years Register (EYR)".
 */
describe.each(testDatabases().slice(0, 1))('what settings read explains the abbreviations it uses, on $name', (testDb) => {
  let t: TestApp;
  let records: SupportRecords;
  let setting: TestClient;
  let urn: string;
  let adviserClient: TestClient;
  let feeeVisitId = '';

  beforeAll(async () => {
    t = await startTestApp(testDb);
    const seeded = await seedKentSetting(t);
    ({ urn, records } = seeded);
    const { adviser, provider: p } = seeded;
    // visits a setting may have booked, whose names carry abbreviations
    for (const [i, visitType] of ['feee_audit', 'sia_review'].entries()) {
      const v = await t.database.db.insertInto('visits').values({ la_code: KENT, urn, pathway_id: null, visit_type: visitType, number: null, status: 'booked', focus: 'Review the SAWR', planned_date: `2026-12-0${i + 2}`, booked_for: new Date(`2026-12-0${i + 2}T10:00:00Z`), location: 'At the setting', adviser_id: adviser.id, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
      if (i === 0) feeeVisitId = v.id;
    }
    adviserClient = new TestClient(t.app);
    await adviserClient.signIn(adviser.email);
    setting = new TestClient(t.app);
    await setting.signIn(p.email);
  }, 120_000);
  afterAll(() => t?.close());

  it('every portal page', async () => {
    const problems: string[] = [];
    const pages = routesOf(t.app).filter((r) => r.method === 'GET' && r.url.startsWith('/portal/') && !/\.(pdf|csv|ics)$|\/file\//.test(r.url));
    let read = 0;
    for (const route of pages) {
      const url = route.url.replace(/:(\w+)/g, (_, p: string) => recordFor(records, route.url, p) ?? 'none');
      const page = await setting.get(url);
      if (page.status !== 200 || !String(page.headers['content-type']).startsWith('text/html')) continue;
      read++;
      for (const word of unexplained(visibleText(page.body))) problems.push(`${url}: ${word}`);
    }
    expect(read).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  }, 120_000);

  it('a note of visit (it goes to the setting) starts from the visit plan’s focus with its abbreviations explained', async () => {
    const form = await adviserClient.get(`/visits/${feeeVisitId}/note`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Review the safeguarding and welfare requirements (SAWR)');
  });
});
