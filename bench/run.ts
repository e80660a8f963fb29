/**
 * npm run bench — figures, not pass/fail. Platform: cold start, memory, and the
 * signed-in home page under load, on PGlite and (when DATABASE_URL or
 * TEST_DATABASE_URL is set) PostgreSQL. Goals: cold start < 1 s, a warm `npm start` restart < 3 s, p95 < 50 ms at 50 connections.
 * (The build is already up to date here: `npm run bench` builds first; the first-start figure is seeding.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from './lib/load.js';
import { demoPassword, rssMb, signInCookie, startServer } from './lib/server.js';
import { printTable } from './lib/table.js';
import { withPostgresDatabase } from './lib/postgres.js';
import { benchImport } from './import.js';
import { benchPathwayPages } from './pathways.js';
import { fullLevels, measurePages, quickLevels, type PagesSeed } from './pages.js';
import { execFileSync } from 'node:child_process';

// `DATABASE_URL=` (empty) means PGlite, as unset does: the servers the bench starts must not see ''
if (process.env.DATABASE_URL === '') delete process.env.DATABASE_URL;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const quick = process.env.BENCH_QUICK === '1' || process.env.SMALL === '1';

async function benchPlatform(label: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'eyhub-bench-'));
  const rows: Record<string, string | number>[] = [];
  try {
    const first = await startServer({ ...env, DATA_DIR: dataDir }, { asNpmStart: true });
    await first.stop();
    const restart = await startServer({ ...env, DATA_DIR: dataDir }, { asNpmStart: true });
    await restart.stop();
    const server = await startServer({ ...env, DATA_DIR: dataDir });
    const { email, password } = demoPassword(dataDir, 'admin');
    const cookie = await signInCookie(server.base, email, password);
    await load(`${server.base}/`, cookie, 10, 2); // warm-up
    const rss = rssMb(server.process.pid!);
    for (const connections of [10, 50]) {
      const r = await load(`${server.base}/`, cookie, connections, SECONDS);
      rows.push({
        database: label,
        'first npm start ms': Math.round(first.coldStartMs),
        'npm start restart ms': Math.round(restart.coldStartMs),
        'cold start ms (built)': Math.round(server.coldStartMs),
        'RSS MB': Math.round(rss),
        connections,
        'req/s': Math.round(r.requestsPerSecond),
        'p50 ms': r.p50,
        'p95 ms': r.p95,
        'p99 ms': r.p99,
        non2xx: r.non2xx,
      });
    }
    await server.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

async function benchPagesOn(label: string, env: Record<string, string>, seedArgs: string[], pgUrl?: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'eyhub-pages-bench-'));
  try {
    const first = await startServer({ ...env, DATA_DIR: dataDir });
    await first.stop();
    if (env.DATABASE_URL && process.env.BENCH_NATIONAL === '1') runScript('bench/national-seed.ts', [], env);
    const seed = JSON.parse(runScript('bench/pages-seed.ts', [dataDir, ...seedArgs], { ...env, DATA_DIR: dataDir }).trim().split('\n').pop()!) as PagesSeed;
    console.log(`\n${label}: ${Object.entries(seed.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    const server = await startServer({ ...env, DATA_DIR: dataDir });
    try {
      return await measurePages(label, server, dataDir, seed, quick ? quickLevels : fullLevels, pgUrl);
    } finally {
      await server.stop();
    }
  } finally {
    // BENCH_KEEP=1 keeps the database for bench/explain.ts
    if (process.env.BENCH_KEEP === '1') console.log(`kept ${label} data in ${dataDir}${env.DATABASE_URL ? ` and ${env.DATABASE_URL}` : ''}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

function runScript(script: string, args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
}

// BENCH_ONLY=platform|import|pathways|pages|offer|reports runs one table; BENCH_QUICK=1 (or SMALL=1) makes the page table quick.
const only = process.env.BENCH_ONLY;
const pgUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!only || only === 'platform') {
  const rows = await benchPlatform('PGlite', {});
  if (pgUrl) rows.push(...(await withPostgresDatabase(pgUrl, (url) => benchPlatform('PostgreSQL', { DATABASE_URL: url, SESSION_SECRET: 'b'.repeat(40) }))));
  printTable('Platform: signed-in home page (goals: cold start < 1000 ms, npm start restart < 3000 ms, p95 < 50 ms at 50 connections)', rows);
}
if (!only || only === 'import') {
  printTable(
    'Ofsted import, national-scale generated file, median of 3 runs (goals: PGlite ≤ 3000 ms, PostgreSQL ≤ 2000 ms, ≤ 3× bare parse, unchanged re-import ≤ 1000 ms, peak RSS < 300 MB on each database)',
    await benchImport(pgUrl),
  );
}
if (!only || only === 'pages') {
  const budget = 'goals: CPU per request ≤ 10× the floor page on PGlite at county scale, ≤ 5× on PostgreSQL at national scale; p95 < 50 ms at 10 connections';
  // BENCH_PGLITE=0 measures PostgreSQL only
  if (process.env.BENCH_PGLITE !== '0') printTable(`Page costs: every staff and portal page, Kent's county load on PGlite (${budget})`, await benchPagesOn('PGlite county', {}, ['--county']));
  if (pgUrl) {
    const national = process.env.BENCH_NATIONAL === '1';
    printTable(
      `Page costs on PostgreSQL, ${national ? 'national scale (bench/national-seed.ts)' : "Kent's county load (BENCH_NATIONAL=1 for national scale)"} (${budget})`,
      await withPostgresDatabase(pgUrl, (url) => benchPagesOn(national ? 'PostgreSQL national' : 'PostgreSQL county', { DATABASE_URL: url, SESSION_SECRET: 'b'.repeat(40) }, national ? [] : ['--county'], url)),
    );
  }
}
if (!only || only === 'pathways') {
  printTable('Support pathways: My work and Team with a county’s load on PGlite (goal: p95 < 50 ms)', await benchPathwayPages(SECONDS));
}
if (!only || only === 'offer') printTable('Provider update to 5,000 addresses (5,500 settings): addresses written and every e-mail queued in the outbox (goal: < 5000 ms)', await (await import('./offer-updates.js')).benchProviderUpdates(pgUrl));
if (!only || only === 'reports') {
  const { benchReports } = await import('./reports.js');
  printTable('Reports: dashboard p95 (goal < 100 ms), comparison with England over 70,980 reference providers (goal < 300 ms), cabinet PDF (goal < 2 s), PGlite', await benchReports());
}
