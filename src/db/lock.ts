import { linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/** What the lock file holds: the holder's pid and, where /proc exists, its start time (field 22 of /proc/<pid>/stat). */
export interface LockRecord {
  pid: number;
  /** clock ticks after boot; null where the OS has no /proc (the pid alone is then checked) */
  startTime: string | null;
}

/** The process facts the lock decision needs (the real ones read /proc; tests pass their own). */
export interface ProcessProbe {
  alive(pid: number): boolean;
  /** field 22 of /proc/<pid>/stat, or null when it cannot be read */
  startTime(pid: number): string | null;
  /** when the process started, in ms since the epoch, or null when unknown */
  startedAt(pid: number): number | null;
  /** the process's command line, or null when it cannot be read */
  command(pid: number): string | null;
  ownPid: number;
}

/** Field 22 (starttime) of a /proc/<pid>/stat line. The command name (field 2) may hold spaces and parentheses. */
export function statStartTime(stat: string): string | null {
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  // after "pid (comm)" the fields are numbered from 3 (state)
  const field = stat.slice(close + 2).split(' ')[22 - 3];
  return field !== undefined && /^\d+$/.test(field) ? field : null;
}

/** Reads a lock file: the JSON record, or an older lock holding just the pid. Unreadable → null (stale). */
export function parseLock(text: string): LockRecord | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), startTime: null };
  try {
    const value = JSON.parse(trimmed) as Partial<LockRecord>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return { pid: value.pid, startTime: typeof value.startTime === 'string' ? value.startTime : null };
  } catch {
    return null;
  }
}

/**
 * Is the lock still held? A pid is not enough: after a crash the pid may be reused by an unrelated
 * process (PID 1 in a container is always alive). So a live pid holds the lock only if it is the
 * same process that wrote it: the same start time. A lock from an older version (pid only) is held
 * only by a live Node process that started before the lock was written, and never by our own pid.
 */
export function lockIsHeld(record: LockRecord | null, lockWrittenAt: number, probe: ProcessProbe): boolean {
  if (!record || !probe.alive(record.pid)) return false;
  const current = probe.startTime(record.pid);
  if (record.startTime !== null) return current === null || current === record.startTime;
  if (record.pid === probe.ownPid) return false;
  const command = probe.command(record.pid);
  if (command !== null && !/node/i.test(command)) return false;
  const startedAt = probe.startedAt(record.pid);
  return startedAt === null || startedAt <= lockWrittenAt + 1000;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/** Boot time (s since the epoch) from /proc/stat; start times count clock ticks (USER_HZ, 100 on Linux) after it. */
function bootTime(): number | null {
  try {
    const line = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return line ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

export const systemProbe: ProcessProbe = {
  alive: processAlive,
  startTime: (pid) => {
    const stat = readStat(pid);
    return stat === null ? null : statStartTime(stat);
  },
  startedAt: (pid) => {
    const stat = readStat(pid);
    const ticks = stat === null ? null : statStartTime(stat);
    const boot = bootTime();
    return ticks === null || boot === null ? null : boot * 1000 + Number(ticks) * 10;
  },
  command: (pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      return null;
    }
  },
  ownPid: process.pid,
};

function describeHolder(record: LockRecord | null): string {
  return record ? `pid ${record.pid}` : 'an unknown process';
}

/**
 * Two processes opening the same PGlite directory corrupt it. Take an exclusive lock file holding
 * our pid and start time (written whole to a temporary file, then linked into place: link fails if
 * the lock exists, and a reader never sees a half-written lock). A stale lock (its process dead, or
 * its pid now another process) is taken over. Returns the function that releases the lock.
 */
export function lockDataDir(dir: string, probe: ProcessProbe = systemProbe): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'eyhub.lock');
  const mine: LockRecord = { pid: probe.ownPid, startTime: probe.startTime(probe.ownPid) };
  const content = JSON.stringify(mine);
  for (let attempt = 0; attempt < 3; attempt++) {
    const temp = `${file}.${probe.ownPid}.${Date.now()}.tmp`;
    writeFileSync(temp, content, { mode: 0o600 });
    try {
      linkSync(temp, file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          // only our own lock is removed (a lock taken over after we were judged stale stays)
          if (readFileSync(file, 'utf8') === content) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temp);
    }
    let text: string;
    let writtenAt: number;
    try {
      text = readFileSync(file, 'utf8');
      writtenAt = statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile: try again
    }
    const holder = parseLock(text);
    if (lockIsHeld(holder, writtenAt, probe)) {
      throw new DataDirLockedError(
        `The data directory ${dir} is in use by another EY Hub process (${describeHolder(holder)}). ` +
          'Stop that process first, or set DATA_DIR or DATABASE_URL to use a different database.',
      );
    }
    // take the stale lock over: move it aside (only one process can), then check it is the one judged stale
    const aside = `${file}.${probe.ownPid}.stale`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readFileSync(aside, 'utf8');
    if (moved !== text) {
      // another process took the stale lock over first and we moved its fresh lock: put it back
      try {
        linkSync(aside, file);
      } catch {
        /* a third process holds it now */
      }
    }
    unlinkSync(aside);
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dir}.`);
}
