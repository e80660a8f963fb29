import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  process: ChildProcess;
  base: string;
  /** ms from spawn to the first page served */
  coldStartMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the built server (dist/server.js) and waits for its sign-in page. With `asNpmStart` it runs
 * what `npm start` runs: the build check (scripts/build.mjs, which builds only what changed) first.
 */
export async function startServer(env: Record<string, string>, options: { asNpmStart?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const [command, args] = options.asNpmStart
    ? ['sh', ['-c', `"${process.execPath}" scripts/build.mjs >/dev/null && exec "${process.execPath}" dist/server.js`]]
    : [process.execPath, ['dist/server.js']];
  const child = spawn(command, args as string[], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/sign-in`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - started;
  return {
    process: child,
    base,
    coldStartMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function demoPassword(dataDir: string, role: string): { email: string; password: string } {
  const line = readFileSync(path.join(dataDir, 'demo-credentials.txt'), 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith(`${role}@`));
  const [email, password] = (line ?? '').trim().split(/\s+/);
  if (!email || !password) throw new Error(`no demo ${role} in ${dataDir}`);
  return { email, password };
}

/** Signs in like a browser and returns the Cookie header to send. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) jar.set(k, v.join('='));
    }
  };
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  keep(res);
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  if (res.headers.get('location') === '/account/password') {
    // a demo user's one-time password must be changed at first sign-in
    const form = await fetch(`${base}/account/password`, { headers: { cookie: cookie() } });
    keep(form);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const changed = await fetch(`${base}/account/password`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
      body: new URLSearchParams({ _csrf: csrf, currentPassword: password, newPassword: benchPassword(password), confirmPassword: benchPassword(password) }).toString(),
    });
    keep(changed);
    if (changed.status !== 303) throw new Error(`changing the one-time password failed with ${changed.status}`);
  }
  return cookie();
}

/** The password the bench chooses when a demo user must change their one-time one (each data directory signs in once). */
const benchPassword = (oneTime: string) => `${oneTime} bench password`;
