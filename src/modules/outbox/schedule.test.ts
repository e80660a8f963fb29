import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { purgeCutoff } from './repository.js';
import { attemptsToSpan, backoffSeconds, MAX_ATTEMPTS, RECLAIM_AFTER_MS, RETRY_SPAN_SECONDS, SMTP_TIMEOUTS, smtpTransportOptions } from './worker.js';

const waitsBefore = (attempt: number) => Array.from({ length: attempt - 1 }, (_, i) => backoffSeconds(i + 1)).reduce((a, b) => a + b, 0);

describe('e-mail retry schedule', () => {
  it('backs off 30 s, 1 min, 2 min … and never waits more than an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    for (let n = 8; n < 40; n++) expect(backoffSeconds(n)).toBe(3600);
    for (let n = 1; n < 40; n++) expect(backoffSeconds(n + 1)).toBeGreaterThanOrEqual(backoffSeconds(n));
  });

  it('keeps trying for a working day of outage before a message fails for good, not an hour', () => {
    expect(RETRY_SPAN_SECONDS).toBe(8 * 3600);
    expect(MAX_ATTEMPTS).toBe(15);
    expect(waitsBefore(MAX_ATTEMPTS)).toBeGreaterThanOrEqual(RETRY_SPAN_SECONDS); // the last attempt is a working day after the first
    expect(waitsBefore(MAX_ATTEMPTS - 1)).toBeLessThan(RETRY_SPAN_SECONDS); // and not a needless one more
    expect(waitsBefore(MAX_ATTEMPTS)).toBeLessThan(9 * 3600);
    expect(attemptsToSpan(0)).toBe(1);
    expect(attemptsToSpan(90, () => 30)).toBe(4);
  });

  it('a send times out before another worker may reclaim the message (no second copy from a slow server)', () => {
    for (const ms of Object.values(SMTP_TIMEOUTS)) expect(ms).toBeLessThan(RECLAIM_AFTER_MS);
    // connecting, the greeting and a stalled socket together still end before the reclaim age
    expect(SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout).toBeLessThan(RECLAIM_AFTER_MS);
  });

  it('the transport the server builds from SMTP_URL carries those timeouts (nodemailer’s own socket timeout is 10 minutes)', () => {
    const transport = nodemailer.createTransport(smtpTransportOptions('smtp://user:secret@mail.example:2525'));
    const options = (transport as unknown as { options: Record<string, unknown> }).options;
    expect(options).toMatchObject({ host: 'mail.example', port: 2525, ...SMTP_TIMEOUTS });
    transport.close();
  });
});

describe('e-mail retention', () => {
  it('purges what was sent more than the retention period before now', () => {
    expect(purgeCutoff(new Date('2026-12-31T12:00:00Z'), 30).toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(purgeCutoff(new Date('2026-12-31T12:00:00Z'), 1).toISOString()).toBe('2026-12-30T12:00:00.000Z');
  });
});
