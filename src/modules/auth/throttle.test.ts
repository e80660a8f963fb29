import { describe, expect, it } from 'vitest';
import { needsTouch, sessionEnded, touchEveryMs } from './session-rules.js';
import { delayAfterAttempt, delaySchedule, minutesToWait, networkOf, throttleKeys, throttlePolicy } from './throttle.js';

const policy = throttlePolicy({ lockoutAttempts: 5, lockoutMinutes: 15, accountAttempts: 50 });

describe('sign-in throttle rules', () => {
  it('lets five checks from one network through, then waits 1, 2, 4, 8 and at most 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => delayAfterAttempt(n, policy.network))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map((n) => delayAfterAttempt(n, policy.network))).toEqual([60, 120, 240, 480, 900, 900, 900]);
    expect(delaySchedule(policy.network)).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 900]);
  });

  it('slows checks for one address from anywhere to one a minute after fifty, never longer', () => {
    const schedule = delaySchedule(policy.account);
    expect(schedule).toHaveLength(50);
    expect(schedule.slice(0, 49).every((d) => d === 0)).toBe(true);
    expect(schedule.at(-1)).toBe(60);
    expect(delayAfterAttempt(500, policy.account)).toBe(60);
  });

  it('keys by the address typed (any case) and network, holding neither', () => {
    const a = throttleKeys('secret', ' Someone@Example.org', '203.0.113.9');
    expect(throttleKeys('secret', 'someone@example.org', '203.0.113.9')).toEqual(a);
    expect(throttleKeys('secret', 'someone@example.org', '198.51.100.7').network).not.toBe(a.network);
    expect(throttleKeys('secret', 'someone@example.org', '198.51.100.7').account).toBe(a.account);
    expect(JSON.stringify(a)).not.toMatch(/example|203\.0/);
  });

  it('counts an IPv6 client by its /64, an IPv4 one by its address', () => {
    expect(networkOf('203.0.113.9')).toBe('203.0.113.9');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf(null)).toBe('');
    expect(throttleKeys('s', 'a@b.uk', '2001:db8:1:2::7').network).toBe(throttleKeys('s', 'a@b.uk', '2001:db8:1:2:9::').network);
  });

  it('tells the user whole minutes to wait, at least one', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    expect(minutesToWait(new Date('2026-12-04T10:00:20Z'), now)).toBe(1);
    expect(minutesToWait(new Date('2026-12-04T10:07:01Z'), now)).toBe(8);
    expect(minutesToWait(now, now)).toBe(1);
  });
});

describe('session idle clock', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, s));
  const session = (lastSeenSecond: number) => ({ active: true, last_seen_at: at(lastSeenSecond), expires_at: at(12 * 3600) });

  it('writes last_seen_at often enough for a one-minute timeout (every 5 seconds) and at most once a minute', () => {
    expect(touchEveryMs(1)).toBe(5_000);
    expect(touchEveryMs(30)).toBe(60_000);
    expect(needsTouch(session(0), at(4), 1)).toBe(false);
    expect(needsTouch(session(0), at(5), 1)).toBe(true);
  });

  it('ends a session idle for the whole timeout, or deactivated, or past its maximum', () => {
    expect(sessionEnded(session(0), at(59), 1)).toBe(false);
    expect(sessionEnded(session(0), at(60), 1)).toBe(true);
    expect(sessionEnded({ ...session(0), active: false }, at(1), 1)).toBe(true);
    expect(sessionEnded(session(0), at(12 * 3600), 30)).toBe(true);
  });
});
