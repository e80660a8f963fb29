import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../src/app.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { seedKentSetting } from '../support/kent-setting.js';
import { TestClient } from '../support/client.js';
import { testDatabases } from '../support/databases.js';
import { recordFor, type SupportRecords } from '../support/records.js';


/** The fields a form asks for, in page order (hidden fields and buttons left out). */
function fieldsOf(form: string): string[] {
  const names: string[] = [];
  for (const m of form.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (/type="(hidden|submit|button)"/.test(attrs)) continue;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The error summary's links, and whether the fields they point at come in the same order on the page. */
export function summaryOutOfOrder(html: string): { hrefs: string[]; order: number[] } | null {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html);
  if (!summary) return null;
  const hrefs = [...summary[0].matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]!);
  const after = html.slice(summary.index + summary[0].length);
  const order = hrefs.map((id) => after.search(new RegExp(`id="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`)));
  const placed = order.filter((p) => p >= 0);
  return placed.every((p, i) => i === 0 || p > placed[i - 1]!) ? null : { hrefs, order };
}

/*
 * Issue 17.17: "error summaries out of field order on three forms". Every page a member of staff or
 * a setting can open is read; each form on it with two or more fields is sent empty; where the
 * answer has a GOV.UK error summary, its links must follow the order of the fields on the page.
 */
describe.each(testDatabases().slice(0, 1))('error summaries follow the order of the fields, on $name', (testDb) => {
  let t: TestApp;
  let records: SupportRecords;
  let admin: TestClient;
  let setting: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    const seeded = await seedKentSetting(t);
    records = seeded.records;
    const { admin: a, provider: p } = seeded;
    admin = new TestClient(t.app);
    await admin.signIn(a.email);
    setting = new TestClient(t.app);
    await setting.signIn(p.email);
  }, 120_000);
  afterAll(() => t?.close());

  it('on every form with several fields', async () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    let checked = 0;
    const pages = routesOf(t.app).filter((r) => r.method === 'GET' && !r.url.startsWith('/assets/') && !r.url.startsWith('/public/') && !/\.(pdf|csv|ics|json|xlsx)$|export|download|\/file\/|sign-out/.test(r.url));
    for (const route of pages) {
      const url = route.url.replace(/:(\w+)/g, (_, p: string) => recordFor(records, route.url, p) ?? 'none');
      const client = url.startsWith('/portal/') ? setting : admin;
      const page = await client.get(url);
      if (page.status !== 200 || !String(page.headers['content-type']).startsWith('text/html')) continue;
      for (const m of page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
        const attrs = m[1]!;
        if (!/method="post"/i.test(attrs) || /multipart/.test(attrs)) continue;
        const action = (/action="([^"]*)"/.exec(attrs)?.[1] ?? url).replace(/&amp;/g, '&');
        if (fieldsOf(m[2]!).length < 2 || seen.has(action.split('?')[0]!)) continue;
        seen.add(action.split('?')[0]!);
        const answer = await client.post(action, {});
        const wrong = summaryOutOfOrder(answer.body);
        if (answer.body.includes('govuk-error-summary')) checked++;
        if (wrong) problems.push(`${action} (from ${url}): summary ${wrong.hrefs.join(', ')} at ${wrong.order.join(', ')}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  }, 240_000);
});
