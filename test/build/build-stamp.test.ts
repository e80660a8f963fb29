import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');

/** Runs scripts/build.mjs on a tiny project of the same shape and returns what it printed. */
function build(root: string, ...args: string[]): string {
  return execFileSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs'), ...args], { env: { ...process.env, BUILD_ROOT: root }, encoding: 'utf8' });
}

describe('npm start builds only what changed (scripts/build.mjs)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'eyhub-build-'));
    symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true } }));
    writeFileSync(path.join(root, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { rootDir: 'src', outDir: 'dist', noEmit: false }, include: ['src'] }));
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
    writeFileSync(path.join(root, 'src', 'server.ts'), 'export const greeting: string = "hello";\n');
    writeFileSync(path.join(root, 'src', 'old.ts'), 'export const old = 1;\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds the first time, then starts without compiling until a source changes', () => {
    expect(build(root, 'code')).toMatch(/code: built in \d+ ms/);
    const built = statSync(path.join(root, 'dist', 'server.js')).mtimeMs;
    expect(build(root, 'code')).toMatch(/code: up to date/);
    expect(statSync(path.join(root, 'dist', 'server.js')).mtimeMs).toBe(built);

    writeFileSync(path.join(root, 'src', 'server.ts'), 'export const greeting: string = "hello again";\n');
    unlinkSync(path.join(root, 'src', 'old.ts'));
    expect(build(root, 'code')).toMatch(/code: built/);
    expect(existsSync(path.join(root, 'dist', 'old.js'))).toBe(false); // a deleted source leaves nothing behind
    expect(build(root, 'code')).toMatch(/code: up to date/);
  }, 240_000); // each build starts tsc: seconds on an idle machine, more under load

  it('rebuilds when the output is missing, or when asked to', () => {
    rmSync(path.join(root, 'dist', 'server.js'));
    expect(build(root, 'code')).toMatch(/code: built/);
    expect(build(root, 'code', '--force')).toMatch(/code: built/);
  }, 240_000);
});
