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
import { needsTouch, sessionEnded } from './session-rules.js';
import { delaySchedule, minutesToWait, throttleKeys, throttlePolicy } from './throttle.js';

export interface AuthDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'session' | 'signIn'>;
}

export type SignInResult =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'inactive' }
  | { ok: false; reason: 'throttled'; waitMinutes: number };

/** Session cookies carry a random token; the database keeps only its HMAC, so a leaked table cannot be replayed. */
export function sessionIdFor(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Known and unknown addresses take the same path: the same throttle (keyed by the address typed),
 * the same look-up, one scrypt check (against a dummy hash when nobody has the address) and the
 * same reply.
 */
export async function signIn(deps: AuthDeps, email: string, password: string, ip: string | null): Promise<SignInResult> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const policy = throttlePolicy(config.signIn);
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterSeconds * 1000);
  const keys = throttleKeys(config.session.secret, email, ip);
  const allowed =
    (await repo.claimSignInAttempt(db, keys.network, delaySchedule(policy.network), now, forgetBefore)) &&
    (await repo.claimSignInAttempt(db, keys.account, delaySchedule(policy.account), now, forgetBefore));
  const user = await repo.findUserByEmail(db, email);
  const who = { laCode: user?.la_code ?? null, userId: user?.id ?? null, email: user?.email ?? email.toLowerCase(), ip };
  const onUser = user ? { recordType: 'user', recordId: user.id } : {};
  if (!allowed) {
    const from = await repo.signInAllowedFrom(db, [keys.network, keys.account]);
    await appendAuthAudit(db, who, { action: 'sign-in.throttled', ...onUser });
    return { ok: false, reason: 'throttled', waitMinutes: minutesToWait(from ?? now, now) };
  }
  const correct = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !correct) {
    await appendAuthAudit(db, who, { action: 'sign-in.failed', ...onUser, details: { reason: user ? 'wrong password' : 'unknown email' } });
    return { ok: false, reason: 'invalid' };
  }
  if (!user.active) {
    await appendAuthAudit(db, who, { action: 'sign-in.failed', ...onUser, details: { reason: 'deactivated' } });
    return { ok: false, reason: 'inactive' };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.session.maxHours * 3_600_000);
  await db.transaction().execute(async (tx) => {
    await repo.recordSuccessfulSignIn(tx, user.id, now);
    await repo.insertSession(tx, { id: sessionIdFor(token, config.session.secret), laCode: user.la_code, userId: user.id, now, expiresAt });
    await appendAuthAudit(tx, who, { action: 'sign-in', recordType: 'user', recordId: user.id });
    await repo.deleteExpiredSessions(tx, now); // tidy sessions nobody signed out of
    await repo.clearSignInAttempts(tx, [keys.network, keys.account], forgetBefore);
  });
  return { ok: true, token, mustChangePassword: user.must_change_password };
}

export async function loadSession(deps: AuthDeps, token: string | undefined): Promise<SessionLookup> {
  if (token === undefined || token === '') return { state: 'none' };
  if (!TOKEN_PATTERN.test(token)) return { state: 'malformed' };
  const { db, clock, config } = deps;
  const id = sessionIdFor(token, config.session.secret);
  const now = clock.now();
  const idleMinutes = config.session.idleMinutes;
  type Row = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;
  const fetch = async (): Promise<Row | undefined> => {
    const found = await repo.findSession(db, id);
    if (found) cacheSession(id, found.id, found, now.getTime());
    return found;
  };
  let row: Row | undefined = cachedSession<Row>(id, now.getTime());
  // a remembered row that looks ended is read again: another instance may have seen the user since
  if (row && sessionEnded(row, now, idleMinutes)) row = await fetch();
  else row ??= await fetch();
  if (!row) return { state: 'expired' };
  if (sessionEnded(row, now, idleMinutes)) {
    forgetSession(id);
    await repo.deleteSession(db, id);
    return { state: 'expired' };
  }
  if (needsTouch(row, now, idleMinutes)) {
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
