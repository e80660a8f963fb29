/**
 * Reports (issue 20) on PGlite, in one process: Kent's register (2,061 providers) with five years of
 * inspections, 50,000 visits with their notes, 300 pathways with their steps; the dashboard page
 * for a quarter (goal p95 < 100 ms), the comparison with England over a national file of 70,980
 * reference providers (goal < 300 ms) and the cabinet-report PDF (goal < 2 s).
 *   tsx bench/reports.ts            (or BENCH_ONLY=reports npm run bench)
 */
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { wireModules } from '../src/app/wiring.js';
import { migrateToLatest } from '../src/app/migrate.js';
import { openDatabase } from '../src/db/client.js';
import { TenantDb } from '../src/db/tenant.js';
import { runImport } from '../src/modules/ofsted-import/index.js';
import { importReferenceFile } from '../src/modules/reports/index.js';
import { FixedClock } from '../src/platform/clock.js';
import { kentFile } from '../test/support/ofsted-files.js';
import { createTestUser, testConfig } from '../test/support/app.js';
import { TestClient } from '../test/support/client.js';
import { generateOfstedCsv } from './generate-ofsted.js';

const LA = '886';

function p95(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!);
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

export async function benchReports(runs = 30): Promise<Record<string, string | number>[]> {
  wireModules();
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(database.db);
  const db = database.db;
  const clock = new FixedClock('2026-11-23T10:00:00Z');
  await runImport(db, clock, { bytes: Buffer.from(kentFile()), fileName: 'kent-2021-08-31.csv', laCode: LA, startedBy: null, asAt: '2021-08-31' });
  const manager = await createTestUser(database, LA, 'manager');
  const advisers = await Promise.all(Array.from({ length: 14 }, (_, i) => createTestUser(database, LA, 'adviser', { name: `Bench Adviser ${i}` })));
  const template = await db.insertInto('pathway_templates').values({ la_code: LA, kind: 'requires_improvement', version: 99, definition: '{}' }).returning('id').executeTakeFirstOrThrow();
  // five years of inspections: one full inspection a year for each provider, from 2022
  await sql`insert into inspections (la_code, urn, kind, inspection_date, framework, overall)
    select ${LA}, p.urn, 'full', (date '2022-01-01' + (y * 365 + (abs(hashtext(p.urn)) % 300)))::date, 'eif',
      (array['outstanding','good','good','good','requires_improvement','inadequate'])[1 + abs(hashtext(p.urn || y::text)) % 6]
    from providers p cross join generate_series(0, 4) y where p.la_code = ${LA} on conflict do nothing`.execute(db);
  await sql`insert into pathways (la_code, urn, kind, template_id, status, started_at, start_reason, adviser_id)
    select ${LA}, p.urn, case when n % 3 = 0 then 'inadequate' else 'requires_improvement' end, ${template.id}, 'active',
      timestamptz '2023-01-01' + (n * interval '5 days'), 'Bench', (${advisers.map((a) => a.id)}::uuid[])[1 + n % 14]
    from (select urn, row_number() over (order by urn) as n from providers where la_code = ${LA} limit 300) p`.execute(db);
  await sql`insert into tasks (la_code, urn, pathway_id, rule_key, title, owner_role, owner_user_id, created_at, due_date, due_at, done_at)
    select pw.la_code, pw.urn, pw.id, 'step:' || s, s, 'adviser', pw.adviser_id, pw.started_at, (pw.started_at + interval '5 days')::date,
      pw.started_at + interval '5 days', case when abs(hashtext(pw.urn || s)) % 4 = 0 then null else pw.started_at + (abs(hashtext(pw.urn || s)) % 8) * interval '1 day' end
    from pathways pw cross join unnest(array['allocate','first_contact','business_review']) s where pw.la_code = ${LA}`.execute(db);
  await sql`insert into visits (id, la_code, urn, visit_type, focus, planned_date, status, done_on, cancelled_by, cancelled_on, adviser_id, created_at)
    select gen_random_uuid(), ${LA}, p.urn, 'support', 'Support', d, case when n % 10 = 0 then 'cancelled' else 'done' end,
      case when n % 10 = 0 then null else d end, case when n % 10 = 0 then (case when n % 20 = 0 then 'la' else 'setting' end) end,
      case when n % 10 = 0 then d - 2 end, ${advisers[0]!.id}::uuid, now()
    from (select n, (date '2021-12-01' + (n % 1825))::date as d, n % 2061 as k from generate_series(1, 50000) n) v
    join (select urn, row_number() over (order by urn) - 1 as k from providers where la_code = ${LA}) p on p.k = v.k`.execute(db);
  await sql`insert into notes_of_visit (la_code, urn, visit_id, status, working_well, worried_about, needs_to_happen, actions, author_id, sent_at, created_at, updated_at)
    select v.la_code, v.urn, v.id, 'sent', '[]', '[]', '[]', '[]', ${manager.id}::uuid, v.done_on + (abs(hashtext(v.id::text)) % 20) * interval '1 day', now(), now()
    from visits v where v.status = 'done' and abs(hashtext(v.id::text)) % 5 <> 0`.execute(db);
  const app = await createApp(testConfig(), { database, clock });
  await app.ready();
  const client = new TestClient(app);
  await client.signIn(manager.email);
  const rows: Record<string, string | number>[] = [];
  if (process.argv.includes('--profile')) {
    const { reportFigures } = await import('../src/platform/report-figures.js');
    const t0 = new TenantDb(db, { laCode: LA, userId: manager.id, role: 'manager' });
    for (const f of reportFigures.list()) { const s0 = performance.now(); await f.compute(t0, { from: '2026-07-01', to: '2026-10-01', now: new Date() }); console.log(f.key, Math.round(performance.now() - s0)); }
  }
  const counts = await sql<{ providers: number; inspections: number; visits: number; pathways: number }>`select (select count(*) from providers)::int as providers,
    (select count(*) from inspections)::int as inspections, (select count(*) from visits)::int as visits, (select count(*) from pathways)::int as pathways`.execute(db);
  const scale = counts.rows[0]!;
  const [cold] = await timed(1, () => client.get('/reports?period=q-2026-07'));
  rows.push({ what: 'dashboard page, first computation of the quarter', scale: 'the county below', runs: 1, 'p50 ms': Math.round(cold!), 'p95 ms': Math.round(cold!), goal: '–' });
  const page = await timed(runs, async () => {
    const res = await client.get('/reports?period=q-2026-07');
    if (res.status !== 200) throw new Error(`dashboard: ${res.status}`);
  });
  rows.push({ what: 'dashboard page, one quarter (PGlite)', scale: `${scale.providers} providers, ${scale.inspections} inspections, ${scale.visits} visits, ${scale.pathways} pathways`, runs, 'p50 ms': p95(page.slice().sort((a, b) => a - b).slice(0, Math.ceil(runs / 2))), 'p95 ms': p95(page), goal: '< 100' });

  const national = generateOfstedCsv(70_980);
  const [imported] = await timed(1, () => importReferenceFile(db, { bytes: Buffer.from(national), fileName: 'national_2021-08-31.csv', asAt: null, at: new Date() }));
  rows.push({ what: 'import a national file as reference data', scale: '70,980 providers', runs: 1, 'p50 ms': Math.round(imported!), 'p95 ms': Math.round(imported!), goal: 'seconds' });
  const { englandComparison } = await import('../src/modules/reports/comparison.js');
  const { saveReportSettings } = await import('../src/modules/reports/repository.js');
  const tenant = new TenantDb(db, { laCode: LA, userId: manager.id, role: 'manager' });
  // each run a new statistical-neighbour list, so the counts are made again (they are kept per file, authority and list)
  const england = await timed(Math.min(runs, 10), async () => {
    await saveReportSettings(tenant, { neighbours: [String(800 + Math.floor(Math.random() * 90))], recipients: [], viewerSeesNames: false }, new Date());
    await englandComparison(tenant);
  });
  rows.push({ what: 'comparison with England (counted afresh)', scale: '70,980 reference providers', runs: england.length, 'p50 ms': p95(england.slice().sort((a, b) => a - b).slice(0, Math.ceil(england.length / 2))), 'p95 ms': p95(england), goal: '< 300' });

  const pdf = await timed(3, async () => {
    const res = await client.download('/reports/cabinet-report.pdf?period=q-2026-07');
    if (res.status !== 200) throw new Error(`pdf: ${res.status}`);
  });
  rows.push({ what: 'cabinet report PDF (report already computed)', scale: 'the same county', runs: 3, 'p50 ms': p95(pdf.slice().sort((a, b) => a - b).slice(0, 2)), 'p95 ms': Math.round(Math.max(...pdf)), goal: '< 2000' });
  await app.close();
  await database.close();
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./lib/table.js');
  printTable('Reports: dashboard, comparison with England, cabinet PDF (PGlite)', await benchReports());
}
