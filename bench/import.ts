/**
 * Import benchmark: a generated national-scale file (~71k providers) imported
 * on PGlite and PostgreSQL, then re-imported unchanged; compared with a bare
 * csv-parse pass over the same file. Goals: ≤ 3 s PGlite, ≤ 2 s PostgreSQL,
 * ≤ 3× the bare parse, unchanged re-import ≤ 1 s, peak RSS < 500 MB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  const run = (label: string, url?: string) => {
    // BENCH_STEPS=1 shows how long each step of each import took.
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/import-worker.ts', file, newerFile, ...(url ? [url] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', process.env.BENCH_STEPS === '1' ? 'inherit' : 'ignore'],
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { first: number; second: number; rows: number; secondChanges: number; maxRssMb: number; firstStatus: string; newerMs: number; newerChanges: number; pathwaysMs: number; pathways: number; fundingMs: number; proposals: number };
    rows.push({
      database: label,
      rows: r.rows,
      'import ms': r.first,
      'status': r.firstStatus,
      'unchanged re-import ms': r.second,
      're-import changes': r.secondChanges,
      'bare csv-parse ms': Math.round(bareMs),
      'ratio to parse': Number((r.first / bareMs).toFixed(1)),
      'peak RSS MB': r.maxRssMb,
      'newer file ms': r.newerMs,
      'newer changes': r.newerChanges,
      'pathway engine ms': r.pathwaysMs,
      'pathways started': r.pathways,
      'funding engine ms': r.fundingMs,
      'funding proposals': r.proposals,
    });
  };
  run('PGlite');
  if (pgUrl) await withPostgresDatabase(pgUrl, async (url) => run('PostgreSQL', url));
  return rows;
}
