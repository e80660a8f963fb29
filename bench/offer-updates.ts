/**
 * A provider update to 5,000 addresses (5,500 settings, 500 sharing an address) (issue 22): how long writing the addresses and queuing every
 * e-mail in the outbox takes (set-based batches of 1,000, sendDueUpdates), and the memory it uses,
 * on PGlite and (with TEST_DATABASE_URL) PostgreSQL. Goal: queued in < 5 s, < 100 MB more heap.
 */
import { sql } from 'kysely';
import { migrateToLatest } from '../src/app/migrate.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { sendDueUpdates } from '../src/modules/bulletins/index.js';
import { withPostgresDatabase } from './lib/postgres.js';

const ADDRESSES = Number(process.env.BENCH_UPDATE_ADDRESSES ?? 5000);

async function run(label: string, database: Database): Promise<Record<string, string | number>> {
  const db = database.db;
  await migrateToLatest(db);
  // 5,500 active settings of Kent with 5,000 addresses: the last 500 share an address with another setting
  await sql`insert into providers (urn, la_code, name, registers, provider_type, status, contact_email)
    select 'EYB' || lpad(i::text, 6, '0'), '886', 'Bench setting ' || i, array['EYR'], 'Childcare on non-domestic premises', 'Active',
      'setting' || (case when i > ${ADDRESSES} then i - ${ADDRESSES} else i end) || '@example.org'
    from generate_series(1, ${Math.round(ADDRESSES * 1.1)}) i`.execute(db);
  await sql`insert into bulletins (la_code, title, body, audience, status, send_at, created_at)
    values ('886', 'Bench update', '# News' || chr(10) || 'A paragraph with [a link](https://example.org).', '{"providerTypes":[],"registers":[],"wards":[],"pathway":"","urns":[]}', 'scheduled', now(), now())`.execute(db);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const result = await sendDueUpdates(db, new Date(Date.now() + 1000), 'https://eyhub.example.gov.uk');
  const ms = performance.now() - started;
  const outbox = await sql<{ n: number; distinct: number }>`select count(*)::int as n, count(distinct to_addresses[1])::int as distinct from outbox where subject = 'Bench update'`.execute(db);
  return {
    database: label, settings: Math.round(ADDRESSES * 1.1), 'e-mails queued': result.queued, 'distinct addresses': outbox.rows[0]!.distinct, 'time to queue ms': Math.round(ms),
    'heap +MB': Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6), 'RSS +MB': Math.round((process.memoryUsage().rss - rssBefore) / 1e6),
  };
}

export async function benchProviderUpdates(pgUrl: string | undefined): Promise<Record<string, string | number>[]> {
  const rows = [];
  const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    rows.push(await run('PGlite', pglite));
  } finally {
    await pglite.close();
  }
  if (pgUrl) {
    rows.push(await withPostgresDatabase(pgUrl, async (url) => {
      const pg = await openDatabase({ kind: 'postgres', url });
      try {
        return await run('PostgreSQL', pg);
      } finally {
        await pg.close();
      }
    }));
  }
  return rows;
}
