import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

/** Sign-in posts from a given client address, with a CSRF cookie and token fetched once. */
async function signInFrom(app: FastifyInstance) {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return (remoteAddress: string, email: string, password: string) =>
    app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, email, password }).toString(),
    });
}

describe.each(testDatabases())('sign-in throttling on $name', (testDb) => {
  let t: TestApp;
  let post: Awaited<ReturnType<typeof signInFrom>>;

  beforeAll(async () => {
    t = await startTestApp(testDb, { LOCKOUT_ATTEMPTS: '5', LOCKOUT_MINUTES: '15', SIGN_IN_ACCOUNT_ATTEMPTS: '50' });
    post = await signInFrom(t.app);
  });
  afterAll(() => t.close());

  const statuses = (list: { statusCode: number }[]) => list.map((r) => r.statusCode).sort();
  const checks = async (email: string) =>
    (await t.database.db.selectFrom('audit_log').select('id').where('user_email', '=', email).where('action', '=', 'sign-in.failed').execute()).length;

  it('39 parallel guesses from one network: exactly five passwords are checked, the rest are told to wait', async () => {
    const victim = await createTestUser(t.database, '886', 'officer');
    const guesses = Array.from({ length: 39 }, (_, i) => (i === 38 ? TEST_PASSWORD : `guess ${i}`));
    const replies = await Promise.all(guesses.map((g) => post('203.0.113.9', victim.email, g)));
    const checked = replies.filter((r) => r.statusCode !== 429);
    expect(checked).toHaveLength(5);
    expect(replies.filter((r) => r.statusCode === 429)).toHaveLength(34);
    const right = replies[38]!;
    if (right.statusCode === 429) {
      expect(right.body).toContain('There have been too many attempts to sign in with this email address. Wait 1 minute and try again');
      // the attacker's network waits; the same network may try again once the wait is over
      expect((await post('203.0.113.9', victim.email, TEST_PASSWORD)).statusCode).toBe(429);
    }
    // the real user, elsewhere, is not locked out
    expect((await post('198.51.100.7', victim.email, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('the waits grow: 1 minute, 2 minutes, 4 minutes … for one address from one network', async () => {
    const victim = await createTestUser(t.database, '886', 'viewer');
    for (let i = 0; i < 5; i++) expect((await post('192.0.2.1', victim.email, 'nope')).statusCode).toBe(401);
    expect((await post('192.0.2.1', victim.email, 'nope')).body).toContain('Wait 1 minute');
    t.clock.advanceMinutes(1);
    expect((await post('192.0.2.1', victim.email, 'nope')).statusCode).toBe(401);
    expect((await post('192.0.2.1', victim.email, TEST_PASSWORD)).body).toContain('Wait 2 minutes');
    t.clock.advanceMinutes(2);
    expect((await post('192.0.2.1', victim.email, TEST_PASSWORD)).statusCode).toBe(303);
    // a success clears the count
    for (let i = 0; i < 4; i++) expect((await post('192.0.2.1', victim.email, 'nope')).statusCode).toBe(401);
  });

  it('an unknown address gets the same replies in the same pattern as a known one', async () => {
    const known = await createTestUser(t.database, '886', 'viewer');
    const unknown = 'nobody.at.all@example.org';
    const run = async (email: string) => {
      const parallel = await Promise.all(Array.from({ length: 12 }, () => post('192.0.2.50', email, 'wrong')));
      const next = await post('192.0.2.50', email, 'wrong');
      return { statuses: statuses(parallel), body: next.body.replace(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"|nonce="[^"]+"/g, '') };
    };
    const a = await run(known.email);
    const b = await run(unknown);
    expect(a.statuses).toEqual(b.statuses);
    expect(a.body).toEqual(b.body);
    expect(await checks(known.email)).toBe(5);
    expect(await checks(unknown)).toBe(5);
  });

  it('a guesser spread over many networks is slowed to one check a minute after fifty for that address', async () => {
    const victim = await createTestUser(t.database, '886', 'viewer');
    for (let i = 0; i < 50; i++) expect((await post(`10.1.0.${i + 1}`, victim.email, 'nope')).statusCode).toBe(401);
    expect((await post('10.1.1.1', victim.email, 'nope')).statusCode).toBe(429);
    t.clock.advanceMinutes(1);
    expect((await post('10.1.1.2', victim.email, TEST_PASSWORD)).statusCode).toBe(303);
  });
});
