import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateToLatest } from '../../src/app/migrate.js';
import { wireModules } from '../../src/app/wiring.js';
import { systemClock } from '../../src/platform/clock.js';
import { ofstedFixturePath } from '../support/ofsted-files.js';
import { inboxDir, processInbox } from '../../src/modules/ofsted-import/index.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `npm run import`'s command (from source, with tsx) and collects what it prints. */
function runImportCommand(dataDir: string, args: string[]): { done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(projectRoot, 'src', 'cli', 'import.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' },
    cwd: projectRoot,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, output }))) };
}

describe('npm run import while EY Hub holds the PGlite data directory', () => {
  let dataDir: string;
  let database: Database;
  beforeAll(async () => {
    wireModules();
    dataDir = mkdtempSync(path.join(tmpdir(), 'eyhub-inbox-'));
    // this test plays the running service: it holds DATA_DIR/pglite (and its lock)
    database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hands the file to the service, which imports it, and prints the result — no stack trace', async () => {
    const command = runImportCommand(dataDir, [ofstedFixturePath('ofsted_providers_2021-08-31_sample.csv'), '--la', '857']);
    let finished = false;
    const result = command.done.then((r) => {
      finished = true;
      return r;
    });
    // the service's inbox job, as server.ts runs it every few seconds
    while (!finished) {
      await processInbox(database.db, systemClock, dataDir);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { code, output } = await result;
    expect(output).toContain('EY Hub is running on');
    expect(output).toContain('so the file was handed to it');
    expect(output).toMatch(/Import succeeded: ofsted_providers_2021-08-31_sample\.csv/);
    expect(output).not.toMatch(/DataDirLockedError|\n\s+at /);
    expect(code).toBe(0);
    const imported = await database.db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).where('la_code', '=', '857').executeTakeFirstOrThrow();
    expect(Number(imported.n)).toBeGreaterThan(0);
    expect(readdirSync(inboxDir(dataDir))).toEqual([]); // the request, its file and its result are gone
  }, 120_000);
});
