/**
 * Prepares a database for the page-cost table (bench/pages.ts), in its own process (PGlite lock):
 * the load (`--county`: Kent's county load on PGlite; `--national`: bench/national-seed.ts has
 * already run), the records every route parameter needs (test/support/records.ts, for the demo
 * provider's setting, so portal pages have them too) and the app's GET routes, printed as JSON.
 *   tsx bench/pages-seed.ts <dataDir> [--county] [--scale=0.2]
 *   DATABASE_URL=… tsx bench/pages-seed.ts <dataDir>
 */
import path from 'node:path';
import { sql } from 'kysely';
import { createApp, routesOf } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { openDatabase } from '../src/db/client.js';
import { TenantDb } from '../src/db/tenant.js';
import { systemClock } from '../src/platform/clock.js';
import { currentAuditTemplates } from '../src/modules/audits/templates.js';
import { seedSupportRecords, type SupportRecords } from '../test/support/records.js';
import { seedCountyLoad } from './lib/county.js';
import { seedReportLoad } from './lib/report-load.js';

const LA = '886';
const dataDir = process.argv[2]!;
const county = process.argv.includes('--county');
const scale = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? 1);
const pgUrl = process.env.DATABASE_URL;
const database = await openDatabase(pgUrl ? { kind: 'postgres', url: pgUrl } : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
const db = database.db;
const counts: Record<string, number> = {};
if (county) {
  Object.assign(counts, await seedCountyLoad(db, LA, scale));
  await seedReportLoad(db, [LA], { auditsPerLa: Math.round(600 * scale), actionsPerLa: Math.round(20_000 * scale), decisionsPerLa: Math.round(300 * scale) });
  await sql`analyze`.execute(db);
}

const people = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('la_code', '=', LA).where('email', 'like', '%@demo.%').execute();
const admin = people.find((p) => p.role === 'admin')!;
const adviser = people.find((p) => p.role === 'adviser')!;
const providerUser = people.find((p) => p.role === 'provider')!;
const urn = (await db.selectFrom('provider_users').select('urn').where('user_id', '=', providerUser.id).executeTakeFirstOrThrow()).urn;
// the records' own pathway replaces the demo one, so each route parameter has a record of the setting
await db.updateTable('pathways').set({ status: 'closed', closed_at: new Date(), close_outcome: 'Bench' }).where('urn', '=', urn).where('status', '<>', 'closed').execute();
await currentAuditTemplates(new TenantDb(db, { laCode: LA, userId: admin.id, role: 'admin' }));
const records: SupportRecords = await seedSupportRecords({ database, clock: systemClock } as Parameters<typeof seedSupportRecords>[0], { code: LA, name: 'Kent' }, admin, adviser.id, urn);
const importId = (await db.selectFrom('imports').select('id').orderBy('started_at', 'desc').limit(1).executeTakeFirstOrThrow()).id;
Object.assign(records.byParam, { id: admin.id, userId: admin.id, importId });

const app = await createApp(loadConfig(), { database });
const routes = routesOf(app)
  .filter((r) => r.method === 'GET' && !r.url.startsWith('/assets/') && !r.url.startsWith('/public/'))
  .map((r) => ({ url: r.url, permission: r.permission }));
await app.close();
const totals = await sql<Record<string, number>>`
  select (select count(*)::int from providers) as providers, (select count(*)::int from visits) as visits, (select count(*)::int from pathways) as pathways,
         (select count(*)::int from audits) as audits, (select count(*)::int from action_plan_items) as actions, (select count(*)::int from funding_decisions) as decisions`.execute(db);
await database.close();
console.log(JSON.stringify({ counts: { ...counts, ...totals.rows[0] }, routes, records, urn }));
