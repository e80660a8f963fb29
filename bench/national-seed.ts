/**
 * National scale on PostgreSQL for the page-cost table (issue 24): a generated national Ofsted file
 * (~71,000 providers over every LA, bench/generate-ofsted.ts) imported, then set-based generators
 * for every LA: pathways (one provider in ten, with their steps), ~1,000,000 visits (past ones done,
 * some booked in the weeks around today), 200,000 past tasks, notes of visit for one visit in ten,
 * and (bench/lib/report-load.ts) completed audits, action-plan items and funding decisions.
 * Deterministic. BENCH_NATIONAL_SCALE=0.1 makes everything but the providers ten times smaller.
 *   DATABASE_URL=… tsx bench/national-seed.ts
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/db/client.js';
import { systemClock } from '../src/platform/clock.js';
import { runImport } from '../src/modules/ofsted-import/index.js';
import { currentTemplates } from '../src/modules/pathways/templates.js';
import { generateOfstedCsv } from './generate-ofsted.js';
import { seedReportLoad } from './lib/report-load.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('national-seed needs DATABASE_URL (PostgreSQL)');
const scale = Number(process.env.BENCH_NATIONAL_SCALE ?? 1);
const database = await openDatabase({ kind: 'postgres', url });
const db = database.db;
const step = async (label: string, fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  console.error(`national seed: ${label} ${Math.round(performance.now() - started)} ms`);
};

await step('import of the national file', () => runImport(db, systemClock, { bytes: Buffer.from(generateOfstedCsv()), fileName: 'national-bench.csv', laCode: null, startedBy: null, asAt: '2021-08-31' }));
const laCodes = (await db.selectFrom('providers').select('la_code').distinct().execute()).map((r) => r.la_code).sort();
await step('report load (audits, action plans, funding decisions)', () => seedReportLoad(db, laCodes, { auditsPerLa: Math.round(200 * scale), actionsPerLa: Math.round(1400 * scale), decisionsPerLa: Math.round(200 * scale) }));
await step('pathway templates', () => currentTemplates(db, laCodes));

const numbered = sql`
  p as materialized (select urn, la_code, row_number() over (order by urn) - 1 as n from providers),
  c as (select count(*) as c from providers),
  o as (select distinct on (la_code) la_code, id from users order by la_code, (email like 'bench-owner-%') desc, id)`;
await step('pathways and their steps', async () => {
  await sql`
    with ${numbered},
    t as (select distinct on (la_code) la_code, id from pathway_templates where kind = 'requires_improvement' order by la_code, version desc)
    insert into pathways (la_code, urn, kind, template_id, status, started_at, start_reason, adviser_id, allocated_at, cadence)
    select p.la_code, p.urn, 'requires_improvement', t.id, case when p.n % 3 = 0 then 'closed' else 'active' end, now() - make_interval(days => (p.n % 700)::int), 'Bench',
           o.id, now() - make_interval(days => (p.n % 700)::int), 'monthly'
      from p join t on t.la_code = p.la_code join o on o.la_code = p.la_code
     where p.n % 10 = 0 and not exists (select 1 from pathways x where x.urn = p.urn)`.execute(db);
  await sql`
    insert into tasks (la_code, urn, pathway_id, rule_key, title, owner_role, owner_user_id, created_at, due_date, due_at, done_at)
    select pw.la_code, pw.urn, pw.id, 'step:bench_' || s, 'Bench step ' || s, 'adviser', pw.adviser_id, pw.started_at,
           (pw.started_at + make_interval(days => s * 10))::date, pw.started_at + make_interval(days => s * 10),
           case when pw.status = 'closed' or s < 3 then pw.started_at + make_interval(days => s * 9) end
      from pathways pw cross join generate_series(1, 8) s
     where pw.start_reason = 'Bench'`.execute(db);
});
await step('visits', () => sql`
  with ${numbered}
  insert into visits (la_code, urn, visit_type, number, focus, adviser_id, planned_date, status, booked_for, done_on, created_at)
  select p.la_code, p.urn, 'improvement', 1 + g % 13, 'Past visit', o.id, current_date - (g % 2000) + 14,
         case when g % 2000 < 14 then 'booked' else 'done' end,
         (current_date - (g % 2000) + 14)::timestamp at time zone 'Europe/London' + interval '10 hours',
         case when g % 2000 < 14 then null else current_date - (g % 2000) + 14 end, now()
    from generate_series(1, ${Math.round(1_000_000 * scale)}) g cross join c
    join p on p.n = (g * 7) % c.c
    join o on o.la_code = p.la_code`.execute(db));
await step('past tasks', () => sql`
  with ${numbered}
  insert into tasks (la_code, urn, rule_key, title, owner_role, owner_user_id, created_at, due_date, due_at, done_at)
  select p.la_code, p.urn, 'rule:past', 'Past task', 'adviser', o.id, now() - make_interval(days => g % 2000 + 5), current_date - (g % 2000),
         now() - make_interval(days => g % 2000), now() - make_interval(days => g % 2000) + make_interval(hours => (g % 3) * 20)
    from generate_series(1, ${Math.round(200_000 * scale)}) g cross join c
    join p on p.n = (g * 11) % c.c
    join o on o.la_code = p.la_code`.execute(db));
await step('notes of visit', () => sql`
  insert into notes_of_visit (la_code, urn, visit_id, status, attendees, purpose, working_well, author_id, created_at, updated_at, sent_at)
  select v.la_code, v.urn, v.id, 'sent', 'Manager', 'Bench visit', '["Warm interactions"]'::jsonb, v.adviser_id, v.created_at, v.created_at, v.created_at
    from visits v where v.status = 'done' and v.focus = 'Past visit' and v.adviser_id is not null and (v.number % 10) = 0`.execute(db));
await step('analyze', () => sql`analyze`.execute(db));
await database.close();
