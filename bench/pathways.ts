/**
 * Support-pathway pages under a county's load (2,000 providers, 300 running pathways, 50,000 past
 * visits) on PGlite: My work (an adviser) and Team (the SIA). Goal: p95 < 50 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from './lib/load.js';
import { demoPassword, signInCookie, startServer } from './lib/server.js';

export async function benchPathwayPages(seconds: number): Promise<Record<string, string | number>[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'eyhub-pathways-bench-'));
  const rows: Record<string, string | number>[] = [];
  try {
    const first = await startServer({ DATA_DIR: dataDir });
    await first.stop();
    const seeded = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/pathways-seed.ts', dataDir], { encoding: 'utf8' }).trim().split('\n').pop()!) as Record<string, number>;
    const server = await startServer({ DATA_DIR: dataDir });
    for (const [page, role] of [['/my-work', 'adviser'], ['/team', 'manager'], ['/my-work', 'manager']] as const) {
      const { email, password } = demoPassword(dataDir, role);
      const cookie = await signInCookie(server.base, email, password);
      await load(`${server.base}${page}`, cookie, 5, 1);
      // one person at a time, and a busy office (PGlite answers one query at a time)
      for (const connections of [1, 10]) {
        const r = await load(`${server.base}${page}`, cookie, connections, seconds);
        rows.push({ database: 'PGlite', page: `${page} (${role})`, ...seeded, connections, 'req/s': Math.round(r.requestsPerSecond), 'p50 ms': r.p50, 'p95 ms': r.p95, 'p99 ms': r.p99, non2xx: r.non2xx });
      }
    }
    await server.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
