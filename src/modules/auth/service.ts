import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import type { DB, Role } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import type { CurrentUser, SessionLookup } from '../../platform/http-types.js';
import { DUMMY_HASH, verifyPassword } from '../../platform/passwords.js';
import { appendAuthAudit } from '../audit-log/index.js';
import * as repo from './repository.js';
import { cacheSession, cachedSession, forgetSession } from './session-cache.js';

export interface AuthDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'session' | 'signIn'>;
}

export type SignInResult =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'inactive' };

/** Session cookies carry a random token; the database keeps only its HMAC, so a leaked table cannot be replayed. */
export function sessionIdFor(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function signIn(deps: AuthDeps, email: string, password: string, ip: string | null): Promise<SignInResult> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const user = await repo.findUserByEmail(db, email);
  if (!user) {
    await verifyPassword(password, DUMMY_HASH);
    await appendAuthAudit(db, { laCode: null, userId: null, email: email.toLowerCase(), ip }, { action: 'sign-in.failed', details: { reason: 'unknown email' } });
    return { ok: false, reason: 'invalid' };
  }
  const who = { laCode: user.la_code, userId: user.id, email: user.email, ip };
  if (user.locked_until && user.locked_until > now) {
    await appendAuthAudit(db, who, { action: 'sign-in.failed', recordType: 'user', recordId: user.id, details: { reason: 'locked' } });
    return { ok: false, reason: 'locked' };
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const lockedUntil = new Date(now.getTime() + config.signIn.lockoutMinutes * 60_000);
    const locked = await repo.recordFailedSignIn(db, user.id, config.signIn.lockoutAttempts, lockedUntil);
    await appendAuthAudit(db, who, {
      action: locked ? 'user.locked' : 'sign-in.failed',
      recordType: 'user',
      recordId: user.id,
      details: { reason: 'wrong password' },
    });
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }
  if (!user.active) {
    await appendAuthAudit(db, who, { action: 'sign-in.failed', recordType: 'user', recordId: user.id, details: { reason: 'deactivated' } });
    return { ok: false, reason: 'inactive' };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.session.maxHours * 3_600_000);
  await db.transaction().execute(async (tx) => {
    await repo.recordSuccessfulSignIn(tx, user.id, now);
    await repo.insertSession(tx, { id: sessionIdFor(token, config.session.secret), laCode: user.la_code, userId: user.id, now, expiresAt });
    await appendAuthAudit(tx, who, { action: 'sign-in', recordType: 'user', recordId: user.id });
    await repo.deleteExpiredSessions(tx, now); // tidy sessions nobody signed out of
  });
  return { ok: true, token, mustChangePassword: user.must_change_password };
}

const TOUCH_EVERY_MS = 60_000;

export async function loadSession(deps: AuthDeps, token: string | undefined): Promise<SessionLookup> {
  if (token === undefined || token === '') return { state: 'none' };
  if (!TOKEN_PATTERN.test(token)) return { state: 'malformed' };
  const { db, clock, config } = deps;
  const id = sessionIdFor(token, config.session.secret);
  const now = clock.now();
  type Row = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;
  let row: Row | undefined = cachedSession<Row>(id, now.getTime());
  if (!row) {
    row = await repo.findSession(db, id);
    if (!row) return { state: 'expired' };
    cacheSession(id, row.id, row, now.getTime());
  }
  const idleLimit = row.last_seen_at.getTime() + config.session.idleMinutes * 60_000;
  if (!row.active || row.expires_at <= now || idleLimit <= now.getTime()) {
    forgetSession(id);
    await repo.deleteSession(db, id);
    return { state: 'expired' };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await repo.touchSession(db, id, now);
    row.last_seen_at = now;
  }
  return {
    state: 'active',
    sessionId: id,
    user: {
      id: row.id,
      laCode: row.la_code,
      laName: row.la_name,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      mustChangePassword: row.must_change_password,
    },
  };
}

export async function signOut(deps: AuthDeps, sessionId: string, user: CurrentUser, ip: string | null): Promise<void> {
  forgetSession(sessionId);
  await repo.deleteSession(deps.db, sessionId);
  await appendAuthAudit(deps.db, { laCode: user.laCode, userId: user.id, email: user.email, ip }, { action: 'sign-out', recordType: 'user', recordId: user.id });
}
