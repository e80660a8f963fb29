/**
 * The page-cost table (issue 24): every staff and portal GET page of the app, each measured the same
 * way in one run: server CPU per request (the Node process's user + system time from /proc, which on
 * PGlite includes the database; on PostgreSQL also the CPU of the service's backends, found through
 * pg_stat_activity), p50/p95/p99 at 1, 10 and 100 connections, and the ratio of the CPU per request
 * to the floor page's (/cookies, the layout only) measured in the same run.
 *
 * Pages come from the app's own route list (bench/pages-seed.ts), their ids from seeded records
 * (test/support/records.ts); each page is read as the first role that may see it (the portal as
 * the demo provider user), plus the heavy variants staff use (filters, sorts, the team's visits).
 * Budget: CPU ≤ 10× the floor on PGlite at county scale, ≤ 5× on PostgreSQL at national scale.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { recordFor, type SupportRecords } from '../test/support/records.js';
import { demoPassword, signInCookie, type RunningServer } from './lib/server.js';

export interface PagesSeed {
  counts: Record<string, number>;
  routes: { url: string; permission: string }[];
  records: SupportRecords;
  urn: string;
}

export interface PageLevels {
  /** requests at 1, 10 and 100 connections (0 skips a level) */
  amounts: [number, number, number];
}

export const fullLevels: PageLevels = { amounts: [100, 300, 1000] };
export const quickLevels: PageLevels = { amounts: [20, 60, 0] };

const FLOOR = '/cookies';
/** Heavy variants of list pages, measured as well as the plain page. */
const variants = ['/providers?outcome=good', '/providers?outcome=requires_improvement&sort=inspected&order=desc', '/visits?who=team', '/visits?view=month&who=team', '/funding?status=not_eligible', '/changes?type=new_inspection_outcome'];
/** Pages that are not pages to time: they sign out, redirect by design or stream a file of the whole LA. */
const skipped = new Set(['/sign-out', '/health']);
const staffRoles = ['manager', 'adviser', 'admin', 'officer', 'viewer'] as const;

const ticks = 100; // USER_HZ on Linux
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks; // utime, stime
  } catch {
    return 0; // a backend that ended
  }
}

async function loadAmount(url: string, cookie: string, connections: number, amount: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, amount, headers: { cookie }, timeout: 60 }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_c, _s, _b, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), non2xx: result.non2xx, requests: latencies.length };
}

/** Measures every page on a running server; `pgUrl` (PostgreSQL) adds the backends' CPU. */
export async function measurePages(label: string, server: RunningServer, dataDir: string, seed: PagesSeed, levels: PageLevels, pgUrl?: string): Promise<Record<string, string | number>[]> {
  const cookies = new Map<string, string>();
  for (const role of [...staffRoles, 'provider']) {
    const { email, password } = demoPassword(dataDir, role);
    cookies.set(role, await signInCookie(server.base, email, password));
  }
  const pgClient = pgUrl ? new pg.Client({ connectionString: pgUrl }) : null;
  await pgClient?.connect();
  /** CPU of each of the service's backends now (a backend the pool closes meanwhile is not counted) */
  const backendsCpu = async (): Promise<Map<number, number>> => {
    if (!pgClient) return new Map();
    const pids = (await pgClient.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((r) => r.pid);
    return new Map(pids.map((pid) => [pid, processCpuMs(pid)]));
  };
  const backendsDelta = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((sum, [pid, ms]) => sum + Math.max(0, ms - (before.get(pid) ?? 0)), 0);

  const urls: string[] = [FLOOR];
  for (const route of seed.routes) {
    if (route.url === FLOOR || skipped.has(route.url) || route.permission === 'public' && !route.url.startsWith('/accessibility')) continue;
    const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    let url = route.url;
    for (const p of params) url = url.replace(`:${p}`, (p === 'urn' ? seed.urn : recordFor(seed.records, route.url, p)) ?? `missing-${p}`);
    urls.push(url);
  }
  urls.push(...variants);
  // BENCH_PAGES=/funding,/audit-reports measures only pages starting with these (and the floor)
  const only = process.env.BENCH_PAGES?.split(',').filter(Boolean);
  if (only) urls.splice(0, urls.length, ...urls.filter((u) => u === FLOOR || only.some((o) => u.startsWith(o))));

  const rows: Record<string, string | number>[] = [];
  let floorCpu = NaN;
  for (const url of urls) {
    // the first role that may see the page (the portal: the setting's own user)
    const candidates = url.startsWith('/portal') ? ['provider'] : url === '/my-work' ? ['adviser', 'manager'] : [...staffRoles];
    let role: string | undefined;
    let status = 0;
    let type = '';
    for (const r of candidates) {
      const res = await fetch(`${server.base}${url}`, { headers: { cookie: cookies.get(r)! }, redirect: 'manual' });
      status = res.status;
      type = res.headers.get('content-type') ?? '';
      await res.arrayBuffer();
      if (status === 200) {
        role = r;
        break;
      }
    }
    if (!role) {
      rows.push({ database: label, page: url, role: '-', note: `not measured: HTTP ${status}` });
      continue;
    }
    const cookie = cookies.get(role)!;
    await loadAmount(`${server.base}${url}`, cookie, 1, 5); // warm-up
    const row: Record<string, string | number> = { database: label, page: url, role };
    let requests = 0;
    const nodeBefore = processCpuMs(server.process.pid!);
    const pgBefore = await backendsCpu();
    for (const [i, connections] of ([1, 10, 100] as const).entries()) {
      const amount = levels.amounts[i]!;
      if (!amount) continue;
      const r = await loadAmount(`${server.base}${url}`, cookie, connections, amount);
      requests += r.requests;
      Object.assign(row, { [`p50/p95/p99 ms @${connections}`]: `${r.p50}/${r.p95}/${r.p99}` });
      if (r.non2xx) row.note = `${r.non2xx} non-2xx`;
    }
    const nodeMs = (processCpuMs(server.process.pid!) - nodeBefore) / requests;
    const pgMs = pgClient ? backendsDelta(pgBefore, await backendsCpu()) / requests : 0;
    const cpu = nodeMs + pgMs;
    if (url === FLOOR) floorCpu = cpu;
    Object.assign(row, { 'Node CPU ms/req': nodeMs, ...(pgClient ? { 'PostgreSQL CPU ms/req': pgMs } : {}), '× floor': cpu / floorCpu });
    if (!type.includes('text/html')) row.note = `${row.note ? `${row.note}; ` : ''}${type.split(';')[0]}`;
    rows.push(row);
  }
  await pgClient?.end();
  // one shape for the table: every row has every column
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
}
