import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';

describe.each(testDatabases())('sign-in and sessions on $name', (testDb) => {
  let t: TestApp;
  let adviser: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp(testDb, { LOCKOUT_ATTEMPTS: '3', LOCKOUT_MINUTES: '15', SESSION_IDLE_MINUTES: '30' });
    adviser = await createTestUser(t.database, '886', 'adviser');
  });
  afterAll(() => t.close());

  it('signs in with the right password and sets a HttpOnly, SameSite=Lax session cookie', async () => {
    const client = new TestClient(t.app);
    const res = await client.signIn(adviser.email);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]).find((c) => c.startsWith('eyhub_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // Secure only in production
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Welcome, adviser of 886');
    expect(home.body).toContain('Kent');
  });

  it('shows a GOV.UK error summary, keeps the email typed and never says which part was wrong', async () => {
    const client = new TestClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: adviser.email, password: 'wrong password' });
    expect(res.status).toBe(401);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter a correct email address and password');
    expect(res.body).toContain(`value="${adviser.email}"`);
    expect(res.body).not.toContain('wrong password');
    const unknown = await client.post('/sign-in', { email: 'nobody@example.org', password: 'x' });
    expect(unknown.body).toContain('Enter a correct email address and password');
  });

  it('asks for the missing fields', async () => {
    const client = new TestClient(t.app);
    const res = await client.post('/sign-in', { email: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('Enter your email address');
    expect(res.body).toContain('Enter your password');
  });

  it('after repeated failures asks the user to wait (429), then lets the right password in', async () => {
    const victim = await createTestUser(t.database, '886', 'officer');
    const client = new TestClient(t.app);
    for (let i = 0; i < 3; i++) await client.post('/sign-in', { email: victim.email, password: 'guess' });
    const waiting = await client.post('/sign-in', { email: victim.email, password: TEST_PASSWORD });
    expect(waiting.status).toBe(429);
    expect(waiting.body).toContain('There is a problem');
    expect(waiting.body).toContain('There have been too many attempts to sign in with this email address. Wait 1 minute and try again');
    t.clock.advanceMinutes(1);
    const after = await client.post('/sign-in', { email: victim.email, password: TEST_PASSWORD });
    expect(after.status).toBe(303);
  });

  it('changing the password ends the user’s other sessions, and keeps this one', async () => {
    const person = await createTestUser(t.database, '886', 'officer');
    const here = new TestClient(t.app);
    const elsewhere = new TestClient(t.app);
    await here.signIn(person.email);
    await elsewhere.signIn(person.email);
    expect((await elsewhere.get('/')).status).toBe(200);
    await here.get('/account/password');
    const res = await here.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'a different long password', confirmPassword: 'a different long password' });
    expect(res.status).toBe(303);
    expect((await here.get('/')).status).toBe(200);
    const gone = await elsewhere.get('/');
    expect(gone.status).toBe(302);
    expect(gone.location).toMatch(/^\/sign-in/);
    const sessions = await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', person.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it('signs the user out after the idle timeout', async () => {
    const client = new TestClient(t.app);
    await client.signIn(adviser.email);
    t.clock.advanceMinutes(20);
    expect((await client.get('/')).status).toBe(200);
    t.clock.advanceMinutes(31);
    const res = await client.get('/');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/sign-in?expired=1&returnTo=%2F');
    const page = await client.get(res.location!);
    expect(page.body).toContain('You have been signed out');
  });

  it('sign-out ends the session on the server', async () => {
    const leaver = await createTestUser(t.database, '886', 'viewer');
    const client = new TestClient(t.app);
    await client.signIn(leaver.email);
    const sessions = () => t.database.db.selectFrom('sessions').select('id').where('user_id', '=', leaver.id).execute();
    expect(await sessions()).toHaveLength(1);
    const out = await client.post('/sign-out');
    expect(out.location).toBe('/signed-out');
    expect(await sessions()).toHaveLength(0);
    const res = await client.get('/');
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/sign-in/);
  });

  it('a deactivation made by another app instance takes effect within five seconds', async () => {
    const person = await createTestUser(t.database, '886', 'officer');
    const client = new TestClient(t.app);
    await client.signIn(person.email);
    expect((await client.get('/')).status).toBe(200);
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', person.id).execute();
    t.clock.advanceMinutes(0.05); // 3 seconds: still the remembered session
    expect((await client.get('/')).status).toBe(200);
    t.clock.advanceMinutes(0.05); // 6 seconds
    expect((await client.get('/')).status).toBe(302);
  });

  it('tidies away sessions that were never signed out once they have expired', async () => {
    const forgetful = await createTestUser(t.database, '886', 'viewer');
    await new TestClient(t.app).signIn(forgetful.email);
    const sessions = () => t.database.db.selectFrom('sessions').select('id').where('user_id', '=', forgetful.id).execute();
    expect(await sessions()).toHaveLength(1);
    t.clock.advanceMinutes(13 * 60); // past the 12-hour limit
    await new TestClient(t.app).signIn(adviser.email);
    expect(await sessions()).toHaveLength(0);
  });

  it('refuses a form without a CSRF token and changes nothing', async () => {
    const client = new TestClient(t.app);
    await client.signIn(adviser.email);
    const res = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password', confirmPassword: 'a brand new password' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body).toContain('The form you sent has expired');
    const again = new TestClient(t.app);
    expect((await again.signIn(adviser.email)).status).toBe(303);
  });

  it('answers a malformed session cookie with a 400 and clears it', async () => {
    const client = new TestClient(t.app);
    client.setCookie('eyhub_session', '<script>not-a-token');
    const res = await client.get('/');
    expect(res.status).toBe(400);
    expect(res.body).toContain('Your session cookie could not be read');
    expect(res.body).not.toContain('<script>not-a-token');
  });

  it('rejects an oversized form with 413 and no stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${'a'.repeat(2 * 1024 * 1024)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('sends a user with a one-time password to change it before anything else', async () => {
    const fresh = await createTestUser(t.database, '886', 'manager', { mustChangePassword: true });
    const client = new TestClient(t.app);
    const res = await client.signIn(fresh.email);
    expect(res.location).toBe('/account/password');
    expect((await client.get('/')).location).toBe('/account/password');
    const page = await client.get('/account/password');
    expect(page.body).toContain('You signed in with a one-time password');
    const mismatch = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'twelve chars plus', confirmPassword: 'something else' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('The passwords do not match');
    const ok = await client.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'twelve chars plus', confirmPassword: 'twelve chars plus' });
    expect(ok.location).toBe('/');
    expect((await client.get('/')).body).toContain('Your password has been changed');
  });

  it('never redirects to another site after sign-in', async () => {
    const client = new TestClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: adviser.email, password: TEST_PASSWORD, returnTo: '//evil.example/' });
    expect(res.location).toBe('/');
  });

  it('sets security headers with a CSP that allows only our own scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(res.body).toContain(`nonce="${nonce}"`);
  });
});

describe.each(testDatabases())('sign-in rate limit on $name', (testDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDb, { SIGN_IN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with a plain message after too many attempts from one address', async () => {
    const client = new TestClient(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post('/sign-in', { email: 'a@example.org', password: 'x' })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
    const last = await client.post('/sign-in', { email: 'a@example.org', password: 'x' });
    expect(last.body).toContain('too many sign-in attempts');
  });
});

describe.each(testDatabases())('a one-minute idle timeout on $name', (testDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDb, { SESSION_IDLE_MINUTES: '1' });
  });
  afterAll(() => t.close());

  it('keeps a user who makes a request every 50 seconds signed in, and signs them out after a minute without one', async () => {
    const busy = await createTestUser(t.database, '886', 'adviser');
    const client = new TestClient(t.app);
    await client.signIn(busy.email);
    for (let i = 0; i < 8; i++) {
      t.clock.advanceMinutes(50 / 60);
      expect((await client.get('/')).status).toBe(200);
    }
    t.clock.advanceMinutes(61 / 60);
    const res = await client.get('/');
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/sign-in\?expired=1/);
  });
});
