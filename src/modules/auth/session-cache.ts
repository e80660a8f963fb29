/**
 * Every request needs its session, and on PGlite a query costs about a millisecond of the
 * single connection: the rows are kept in memory for a few seconds. Signing out, and any
 * change to a user's access made in this process, forgets them at once; another app
 * instance may go on trusting a session for at most TTL_MS after such a change.
 */
export const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  row: T;
  userId: string;
  cachedAt: number;
}

const entries = new Map<string, Entry<unknown>>();

export function cachedSession<T>(sessionId: string, now: number): T | undefined {
  const entry = entries.get(sessionId);
  if (!entry) return undefined;
  if (now - entry.cachedAt > TTL_MS || entry.cachedAt > now) {
    entries.delete(sessionId);
    return undefined;
  }
  return entry.row as T;
}

export function cacheSession<T>(sessionId: string, userId: string, row: T, now: number): void {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(sessionId, { row, userId, cachedAt: now });
}

export function forgetSession(sessionId: string): void {
  entries.delete(sessionId);
}

/** After a user's role, password or status changes. */
export function forgetUserSessions(userId: string): void {
  for (const [id, entry] of entries) if (entry.userId === userId) entries.delete(id);
}
