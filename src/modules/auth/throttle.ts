import { createHmac } from 'node:crypto';

/*
 * Sign-in throttling (ADR 0012). Nothing locks an account: password checks are counted per
 * e-mail address typed *and* client IP address, and after a few free checks each further one must
 * wait a growing delay. A second, much larger allowance per e-mail address (from any network) slows
 * a guesser spread over many addresses to one check a minute, without stopping the real user for
 * longer than that. Keys are made from the address typed, so an unknown address is throttled
 * exactly like a known one.
 */

export interface ThrottleRule {
  /** checks allowed before the first wait */
  freeAttempts: number;
  /** the first wait, doubled after each further check */
  firstDelaySeconds: number;
  /** the longest wait */
  maxDelaySeconds: number;
}

export interface ThrottlePolicy {
  network: ThrottleRule;
  account: ThrottleRule;
  /** a key untouched for this long starts again from nothing */
  forgetAfterSeconds: number;
}

export function throttlePolicy(signIn: { lockoutAttempts: number; lockoutMinutes: number; accountAttempts: number }): ThrottlePolicy {
  return {
    network: { freeAttempts: signIn.lockoutAttempts, firstDelaySeconds: 60, maxDelaySeconds: signIn.lockoutMinutes * 60 },
    account: { freeAttempts: signIn.accountAttempts, firstDelaySeconds: 60, maxDelaySeconds: 60 },
    forgetAfterSeconds: 24 * 3600,
  };
}

/** How long the next check must wait after the nth check (n counts from 1) has started. */
export function delayAfterAttempt(n: number, rule: ThrottleRule): number {
  if (n < rule.freeAttempts) return 0;
  const doublings = Math.min(n - rule.freeAttempts, 30);
  return Math.min(rule.firstDelaySeconds * 2 ** doublings, rule.maxDelaySeconds);
}

/**
 * The delays for n = 1, 2, … up to the first n whose delay is the longest; every later n waits as
 * long as the last entry. The database applies this list in the same statement that counts.
 */
export function delaySchedule(rule: ThrottleRule): number[] {
  const out: number[] = [];
  for (let n = 1; ; n++) {
    const delay = delayAfterAttempt(n, rule);
    out.push(delay);
    if (delay >= rule.maxDelaySeconds || n > 1000) return out;
  }
}

export interface ThrottleKeys {
  network: string;
  account: string;
}

/**
 * The network a client address belongs to: an IPv4 address itself, an IPv6 address's /64 (one
 * household or server is given a whole /64, so a guesser could otherwise take a new address for
 * every attempt).
 */
export function networkOf(ip: string | null): string {
  if (!ip) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::');
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headParts : [...headParts, ...Array<string>(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0'), ...tailParts];
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}

/** HMACs, so the table holds neither e-mail addresses nor IP addresses. */
export function throttleKeys(secret: string, email: string, ip: string | null): ThrottleKeys {
  const mac = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  const address = email.trim().toLowerCase();
  return { network: mac(`sign-in network\n${address}\n${networkOf(ip)}`), account: mac(`sign-in account\n${address}`) };
}

/** Whole minutes to tell the user to wait (at least 1). */
export function minutesToWait(nextAllowedAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((nextAllowedAt.getTime() - now.getTime()) / 60_000));
}
