import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../app.js';
import type { Database } from '../db/client.js';
import { openPGliteTestDatabase } from '../../test/support/databases.js';
import { testConfig } from '../../test/support/app.js';
import { TestClient } from '../../test/support/client.js';
import { FixedClock } from './clock.js';
import { redactUrl } from './security.js';

describe('log redaction rules', () => {
  it('hides calendar-feed and invitation tokens, token-like segments and secret query parameters', () => {
    expect(redactUrl('/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcd.ics')).toBe('/calendar/[redacted].ics');
    expect(redactUrl('/invitations/short')).toBe('/invitations/[redacted]');
    expect(redactUrl('/something/AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBe('/something/[redacted]');
    expect(redactUrl('/imports?_csrf=abc.def&x=1')).toBe('/imports?_csrf=[redacted]&x=1');
    expect(redactUrl('/x?TOKEN=1&page=2&reset%5Fpassword=3')).toBe('/x?TOKEN=[redacted]&page=2&reset%5Fpassword=[redacted]');
  });

  it('keeps what helps to debug: record ids, URNs and ordinary queries', () => {
    expect(redactUrl('/users/0b6f7e0e-9f4c-4a5e-8d55-2f3c1a0b9e11')).toBe('/users/0b6f7e0e-9f4c-4a5e-8d55-2f3c1a0b9e11');
    expect(redactUrl('/providers/EY123456/action-plan.pdf?page=2&q=nursery')).toBe('/providers/EY123456/action-plan.pdf?page=2&q=nursery');
    expect(redactUrl('/calendar')).toBe('/calendar');
  });
});

describe('what the info log holds', () => {
  const lines: string[] = [];
  let app: FastifyInstance;
  let database: Database;
  beforeAll(async () => {
    database = await openPGliteTestDatabase();
    app = await createApp(testConfig({ LOG_LEVEL: 'info' }), {
      database,
      clock: new FixedClock('2026-11-23T10:00:00Z'),
      logStream: { write: (line) => void lines.push(line) },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('never holds calendar-feed, invitation or CSRF tokens, cookies or passwords', async () => {
    const feedToken = 'FeedTokenFeedTokenFeedTokenFeedToken12345';
    const inviteToken = 'InviteTokenInviteTokenInviteToken0987654';
    const client = new TestClient(app);
    await client.get(`/calendar/${feedToken}.ics`);
    await client.get(`/invitations/${inviteToken}`);
    await client.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await client.get('/sign-in')).body)?.[1] ?? '';
    expect(csrf).not.toBe('');
    await client.post('/sign-in', { email: 'someone@example.org', password: 'my secret password' });
    await client.upload('/imports', 'file', 'x.csv', 'a,b\n');
    await app.inject({ method: 'GET', url: `/nothing-here?token=${inviteToken}`, headers: { cookie: 'eyhub_session=abc', 'x-csrf-token': csrf } });
    const log = lines.join('');
    expect(log).toContain('incoming request');
    expect(log).toContain('/calendar/[redacted].ics');
    for (const secret of [feedToken, inviteToken, csrf, encodeURIComponent(csrf), 'my secret password', 'eyhub_session=abc']) {
      expect(log).not.toContain(secret);
    }
  });
});
