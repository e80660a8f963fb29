import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('PGlite data directory lock', () => {
  it('refuses a second holder with a clear message, and frees the directory on release', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another EY Hub process/);
    release();
    expect(existsSync(path.join(dir, 'eyhub.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that has died', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eyhub-lock-'));
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(path.join(dir, 'eyhub.lock'), String(pid));
    const release = lockDataDir(dir);
    release();
  });
});
