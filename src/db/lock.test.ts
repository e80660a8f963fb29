import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, lockIsHeld, parseLock, statStartTime, systemProbe, type ProcessProbe } from './lock.js';

const onLinux = existsSync('/proc/self/stat');
const freshDir = () => mkdtempSync(path.join(tmpdir(), 'eyhub-lock-'));
const lockFile = (dir: string) => path.join(dir, 'eyhub.lock');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});
async function liveChild(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  children.push(child);
  await new Promise((resolve) => child.on('spawn', resolve));
  return child.pid!;
}

describe('the lock decision (pure)', () => {
  const probe = (over: Partial<ProcessProbe>): ProcessProbe => ({ alive: () => true, startTime: () => '500', startedAt: () => 1_000, command: () => 'node dist/server.js', ownPid: 42, ...over });

  it('reads field 22 of /proc/<pid>/stat, whatever the command name holds', () => {
    const fields = (start: string) => ['S', ...Array.from({ length: 18 }, (_, i) => String(i + 4)), start, '999'].join(' ');
    expect(statStartTime(`1234 (node) ${fields('118549')}`)).toBe('118549');
    expect(statStartTime(`1234 (a b) (c) ${fields('77')}`)).toBe('77');
    expect(statStartTime('garbage')).toBeNull();
    expect(statStartTime('1 (x) S 1 2')).toBeNull();
  });

  it('reads a lock: the JSON record, an older lock with only a pid, or nothing usable', () => {
    expect(parseLock('{"pid":7,"startTime":"123"}')).toEqual({ pid: 7, startTime: '123' });
    expect(parseLock('7\n')).toEqual({ pid: 7, startTime: null });
    expect(parseLock('')).toBeNull();
    expect(parseLock('{"pid":-1}')).toBeNull();
    expect(parseLock('{half')).toBeNull();
  });

  it('a live pid holds the lock only when it is the process that wrote it (same start time)', () => {
    expect(lockIsHeld({ pid: 7, startTime: '500' }, 2_000, probe({}))).toBe(true);
    expect(lockIsHeld({ pid: 7, startTime: '500' }, 2_000, probe({ alive: () => false }))).toBe(false);
    expect(lockIsHeld({ pid: 1, startTime: '500' }, 2_000, probe({ startTime: () => '19' }))).toBe(false); // pid reused
    expect(lockIsHeld({ pid: 7, startTime: '500' }, 2_000, probe({ startTime: () => null }))).toBe(true); // cannot tell: keep it safe
    expect(lockIsHeld(null, 2_000, probe({}))).toBe(false);
  });

  it('an older pid-only lock is held only by a live Node process started before it was written, never by our own pid', () => {
    expect(lockIsHeld({ pid: 7, startTime: null }, 2_000, probe({}))).toBe(true);
    expect(lockIsHeld({ pid: 7, startTime: null }, 2_000, probe({ startedAt: () => 60_000 }))).toBe(false); // started after the lock
    expect(lockIsHeld({ pid: 1, startTime: null }, 2_000, probe({ command: () => '/sbin/init' }))).toBe(false);
    expect(lockIsHeld({ pid: 42, startTime: null }, 2_000, probe({}))).toBe(false); // our pid: a previous run in this container
  });
});

describe('PGlite data directory lock (files and real processes)', () => {
  it('records our pid and start time, refuses a second holder with a clear message, and frees the directory on release', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    const record = parseLock(readFileSync(lockFile(dir), 'utf8'));
    expect(record?.pid).toBe(process.pid);
    if (onLinux) expect(record?.startTime).toBe(statStartTime(readFileSync('/proc/self/stat', 'utf8')));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another EY Hub process \\(pid ${process.pid}\\)`));
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
    expect(readdirSync(dir)).toEqual([]); // no temporary files left behind
    lockDataDir(dir)();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over a lock left by a process that has died', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(lockFile(dir), JSON.stringify({ pid, startTime: '1' }));
    const release = lockDataDir(dir);
    expect(parseLock(readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(process.pid);
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it.runIf(onLinux)('takes over a lock whose pid is now an unrelated live process (a reused pid: its start time differs)', async () => {
    const dir = freshDir();
    const pid = await liveChild();
    const real = systemProbe.startTime(pid);
    expect(real).not.toBeNull();
    writeFileSync(lockFile(dir), JSON.stringify({ pid, startTime: String(Number(real) + 1) }));
    const release = lockDataDir(dir);
    expect(parseLock(readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(process.pid);
    release();
    // PID 1 (always alive in a container) with a start time that is not its own
    writeFileSync(lockFile(dir), JSON.stringify({ pid: 1, startTime: '999999999999' }));
    lockDataDir(dir)();
  });

  it.runIf(onLinux)('refuses while the live process that wrote the lock still runs (same start time)', async () => {
    const dir = freshDir();
    const pid = await liveChild();
    writeFileSync(lockFile(dir), JSON.stringify({ pid, startTime: systemProbe.startTime(pid) }));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${pid}`));
    expect(parseLock(readFileSync(lockFile(dir), 'utf8'))?.pid).toBe(pid); // their lock is left alone
  });

  it.runIf(onLinux)('an older pid-only lock of a process started after it was written is stale (e.g. a restarted container)', async () => {
    const dir = freshDir();
    writeFileSync(lockFile(dir), '1');
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(lockFile(dir), old, old);
    lockDataDir(dir)();
    const pid = await liveChild();
    writeFileSync(lockFile(dir), String(pid)); // written after the child started: still held
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
