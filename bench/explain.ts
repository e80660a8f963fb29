/**
 * Plan shapes of the heavy pages' queries (ADR 0020): EXPLAIN (ANALYZE, BUFFERS) of each, on a
 * database the page bench kept (BENCH_KEEP=1), as the pages run them for Kent (886).
 *   tsx bench/explain.ts <dataDir>            (PGlite)
 *   DATABASE_URL=… tsx bench/explain.ts -     (PostgreSQL)
 */
import path from 'node:path';
import { sql, type Compilable } from 'kysely';
import { openDatabase } from '../src/db/client.js';
import { TenantDb } from '../src/db/tenant.js';
import { londonDate } from '../src/platform/dates.js';
import { listProviders } from '../src/modules/providers/repository.js';
import { listChanges } from '../src/modules/ofsted-import/repository.js';
import { sectionSpreadQuery } from '../src/modules/audits/repository.js';
import { eligibilityPage } from '../src/modules/funding/repository.js';

const LA = '886';
const pgUrl = process.env.DATABASE_URL;
const database = await openDatabase(pgUrl ? { kind: 'postgres', url: pgUrl } : { kind: 'pglite', dataDir: path.join(process.argv[2]!, 'pglite') });
const db = database.db;
const manager = await db.selectFrom('users').select('id').where('la_code', '=', LA).where('role', '=', 'manager').executeTakeFirstOrThrow();

/*
 * Each page's queries are captured by running the repository function on a Kysely whose executor
 * records the compiled SQL instead of answering; each is then explained on the real database.
 */
const captured: { label: string; sql: string; parameters: readonly unknown[] }[] = [];
let current = '';
const recorder = db.withPlugin({
  transformQuery: (args) => args.node,
  transformResult: async (args) => args.result,
});
const original = recorder.getExecutor().executeQuery.bind(recorder.getExecutor());
Object.assign(recorder.getExecutor(), {
  executeQuery: async (compiled: { sql: string; parameters: readonly unknown[] }, queryId: unknown) => {
    captured.push({ label: current, sql: compiled.sql, parameters: compiled.parameters });
    return (original as (c: unknown, q: unknown) => Promise<unknown>)(compiled, queryId);
  },
});
const tenant = new TenantDb(recorder, { laCode: LA, userId: manager.id, role: 'manager' });
const pages: [string, () => Promise<unknown>][] = [
  ['/providers', () => listProviders(tenant, {}, 'name', false, 25, 0)],
  ['/providers?outcome=good', () => listProviders(tenant, { outcome: 'good' }, 'name', false, 25, 0)],
  ['/providers?sort=inspected&order=desc', () => listProviders(tenant, {}, 'inspected', true, 25, 0)],
  ['/changes', () => listChanges(tenant, {}, 25, 0)],
  ['/funding', () => eligibilityPage(tenant, { date: londonDate(new Date()), stream: 'ff2', status: '', search: '' }, 50, 0)],
];
for (const [label, run] of pages) {
  current = label;
  await run();
}
const visitsFrom = new Date(Date.now() - 7 * 86_400_000);
const extra: [string, Compilable][] = [
  ['/visits?who=team', db.selectFrom('visits').select(['id', 'booked_for']).where('la_code', '=', LA).where('status', 'in', ['booked', 'done']).where('booked_for', '>=', visitsFrom).where('booked_for', '<', new Date()).orderBy('booked_for').limit(1000)],
  ['/my-work (open action-plan items)', db.selectFrom('action_plan_items').select(['id', 'due_date']).where('la_code', '=', LA).where('status', 'in', ['not_started', 'in_progress']).where('due_date', '<', londonDate(new Date())).orderBy('due_date').limit(50)],
];
for (const [label, q] of extra) {
  const c = q.compile();
  captured.push({ label, sql: c.sql, parameters: c.parameters });
}
// audit reports run their query with JIT off (src/modules/audits/repository.ts)
const spread = sectionSpreadQuery(LA, 'sstew').compile(db);
captured.push({ label: '', sql: 'set local jit = off', parameters: [] }, { label: '/audit-reports', sql: spread.sql, parameters: spread.parameters });
for (const q of captured) {
  // a page that turns JIT off for its query (audit reports) is explained the same way
  if (/^set local jit = off/i.test(q.sql)) {
    await sql`set jit = off`.execute(db);
    continue;
  }
  const plan = await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${inline(q.sql, q.parameters)}`).execute(db);
  console.log(`\n### ${q.label} (${database.kind})\n${q.sql.slice(0, 300).replace(/\s+/g, ' ')}…`);
  for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
  await sql`reset jit`.execute(db);
}
await database.close();

/** The statement with its parameters written in (EXPLAIN of a parameterised statement needs values). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = parameters[Number(n) - 1];
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v instanceof Date) return `'${v.toISOString()}'`;
    if (Array.isArray(v)) return `array[${v.map((x) => `'${String(x).replace(/'/g, "''")}'`).join(',')}]::text[]`;
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}
