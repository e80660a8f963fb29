/**
 * Import benchmark: a generated national-scale file (~71k providers) imported
 * on PGlite and PostgreSQL, then re-imported unchanged; compared with a bare
 * csv-parse pass over the same file. Goals: ≤ 3 s PGlite, ≤ 2 s PostgreSQL,
 * ≤ 3× the bare parse, unchanged re-import ≤ 1 s, peak RSS < 300 MB (issue 16.12). The peak is
 * the importing process's, per database; "RSS MB with the database open" is that process before any
 * import (PGlite's WebAssembly database is inside it; PostgreSQL's server is not).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { withPostgresDatabase } from './lib/postgres.js';
import { generateOfstedCsv } from './generate-ofsted.js';

export async function benchImport(pgUrl: string | undefined): Promise<Record<string, string | number>[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-import-bench-'));
  const file = path.join(dir, 'national.csv');
  writeFileSync(file, generateOfstedCsv());
  const newerFile = path.join(dir, 'national-newer.csv');
  writeFileSync(newerFile, generateOfstedCsv(undefined, undefined, true));
  const started = performance.now();
  parse(readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];
  const bareMs = performance.now() - started;
  const rows: Record<string, string | number>[] = [];
  const worker = (args: string[]) =>
    execFileSync(process.execPath, ['bench/import-worker.mjs', ...args], {
      encoding: 'utf8',
      // BENCH_STEPS=1 shows how long each step of each import took.
      stdio: ['ignore', 'pipe', process.env.BENCH_STEPS === '1' ? 'inherit' : 'ignore'],
    });
  type Run = { first: number; second: number; rows: number; secondChanges: number; openRssMb: number; maxRssMb: number; maxRssAllMb: number; firstStatus: string; newerMs: number; newerChanges: number; pathwaysMs: number; pathways: number; fundingMs: number; proposals: number };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  // This machine is shared: each import is run RUNS times on a fresh database and the median shown.
  const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
  const run = async (label: string, withFreshDatabase: (fn: (target: string) => Promise<void>) => Promise<void>) => {
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      await withFreshDatabase(async (target) => {
        worker(['init', target]);
        results.push(JSON.parse(worker(['run', file, newerFile, target]).trim().split('\n').pop()!) as Run);
      });
    }
    const r = results[0]!;
    const first = median(results.map((x) => x.first));
    rows.push({
      database: label,
      rows: r.rows,
      'import ms': first,
      'runs (ms)': results.map((x) => x.first).join(' / '),
      status: [...new Set(results.map((x) => x.firstStatus))].join(', '),
      'unchanged re-import ms': median(results.map((x) => x.second)),
      're-import changes': Math.max(...results.map((x) => x.secondChanges)),
      'bare csv-parse ms': Math.round(bareMs),
      'ratio to parse': Number((first / bareMs).toFixed(1)),
      'RSS MB with the database open': Math.max(...results.map((x) => x.openRssMb)),
      'peak RSS MB (first import)': Math.max(...results.map((x) => x.maxRssMb)),
      'peak RSS MB (all three)': Math.max(...results.map((x) => x.maxRssAllMb)),
      'newer file ms': median(results.map((x) => x.newerMs)),
      'newer changes': r.newerChanges,
      'pathway engine ms': median(results.map((x) => x.pathwaysMs)),
      'pathways started': r.pathways,
      'funding engine ms': median(results.map((x) => x.fundingMs)),
      'funding proposals': r.proposals,
    });
  };
  await run('PGlite', async (fn) => {
    const target = mkdtempSync(path.join(tmpdir(), 'eyhub-import-bench-db-'));
    try {
      await fn(target);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
  if (pgUrl) await run('PostgreSQL', (fn) => withPostgresDatabase(pgUrl, fn));
  return rows;
}
