/*
 * When a session ends. The idle clock is last_seen_at, which is written at most every
 * touchEveryMs (a write per request would cost the single PGlite connection): a twelfth of the
 * idle timeout and never more than a minute, so an active user is never signed out and an idle
 * one is signed out at most that much late.
 */

export interface SessionTimes {
  active: boolean;
  last_seen_at: Date;
  expires_at: Date;
}

export function touchEveryMs(idleMinutes: number): number {
  return Math.min(60_000, Math.floor((idleMinutes * 60_000) / 12));
}

export function sessionEnded(session: SessionTimes, now: Date, idleMinutes: number): boolean {
  if (!session.active || session.expires_at <= now) return true;
  return session.last_seen_at.getTime() + idleMinutes * 60_000 <= now.getTime();
}

export function needsTouch(session: SessionTimes, now: Date, idleMinutes: number): boolean {
  return now.getTime() - session.last_seen_at.getTime() >= touchEveryMs(idleMinutes);
}
