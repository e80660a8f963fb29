import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';

function oneTimePasswordIn(body: string): string {
  const match = /id="one-time-password">([^<]+)</.exec(body);
  if (!match?.[1]) throw new Error('no one-time password on the page');
  return match[1].trim();
}

describe.each(testDatabases())('user administration on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp(testDb);
    adminUser = await createTestUser(t.database, '886', 'admin', { name: 'Ada Admin' });
    admin = new TestClient(t.app);
    await admin.signIn(adminUser.email);
  });
  afterAll(() => t.close());

  it('adds a user, shows the one-time password once, and the new user must change it at first sign-in', async () => {
    await admin.get('/users/new');
    const res = await admin.post('/users', { name: 'Imogen Adviser', email: 'Imogen.Adviser@example.org', role: 'adviser' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('User added');
    const otp = oneTimePasswordIn(res.body);
    expect(otp).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);

    const list = await admin.get('/users?q=imogen');
    expect(list.body).toContain('Imogen Adviser');
    expect(list.body).toContain('imogen.adviser@example.org');
    expect(list.body).not.toContain(otp);

    const newcomer = new TestClient(t.app);
    const signIn = await newcomer.signIn('imogen.adviser@example.org', otp);
    expect(signIn.location).toBe('/account/password');
  });

  it('shows GOV.UK errors for a bad form and keeps what was typed', async () => {
    await admin.get('/users/new');
    const res = await admin.post('/users', { name: '  ', email: 'not-an-email', role: 'wizard' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('Enter their full name');
    expect(res.body).toContain('Enter an email address in the correct format, like name@example.org');
    expect(res.body).toContain('Select a role');
    expect(res.body).toContain('value="not-an-email"');
  });

  it('refuses a second account with the same email address in any case', async () => {
    await admin.get('/users/new');
    const res = await admin.post('/users', { name: 'Copy', email: adminUser.email.toUpperCase(), role: 'viewer' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('A user with this email address already exists');
  });

  it('changes a role, records it in the audit log, and the user gets the new permissions', async () => {
    const person = await createTestUser(t.database, '886', 'viewer', { name: 'Role Changer' });
    const theirClient = new TestClient(t.app);
    await theirClient.signIn(person.email);
    expect((await theirClient.get('/users')).status).toBe(403);

    await admin.get(`/users/${person.id}`);
    const res = await admin.post(`/users/${person.id}/role`, { role: 'admin' });
    expect(res.status).toBe(303);
    expect((await admin.get(`/users/${person.id}`)).body).toContain('Role changed to Administrator');
    expect((await theirClient.get('/users')).status).toBe(200);

    const audit = await admin.get(`/audit-log?recordType=user&recordId=${person.id}`);
    expect(audit.body).toContain('user.role-changed');
    expect(audit.body).toContain('user.viewed');
  });

  it('deactivating a user signs them out and stops them signing in', async () => {
    const person = await createTestUser(t.database, '886', 'officer');
    const theirClient = new TestClient(t.app);
    await theirClient.signIn(person.email);
    expect((await theirClient.get('/')).status).toBe(200);

    await admin.get(`/users/${person.id}`);
    await admin.post(`/users/${person.id}/deactivate`);
    expect((await theirClient.get('/')).status).toBe(302);
    const again = await new TestClient(t.app).signIn(person.email);
    expect(again.body).toContain('Your account has been deactivated');

    await admin.post(`/users/${person.id}/reactivate`);
    expect((await new TestClient(t.app).signIn(person.email)).status).toBe(303);
  });

  it('resets a password to a new one-time password', async () => {
    const person = await createTestUser(t.database, '886', 'manager');
    await admin.get(`/users/${person.id}`);
    const res = await admin.post(`/users/${person.id}/reset-password`);
    const otp = oneTimePasswordIn(res.body);
    const signIn = await new TestClient(t.app).signIn(person.email, otp);
    expect(signIn.location).toBe('/account/password');
  });

  it('an admin cannot change their own role or deactivate themselves', async () => {
    const page = await admin.get(`/users/${adminUser.id}`);
    expect(page.body).toContain('This is your own account');
    const res = await admin.post(`/users/${adminUser.id}/deactivate`);
    expect(res.status).toBe(400);
    expect(res.body).toContain('You cannot change your own access');
  });

  it('lists users a page at a time', async () => {
    for (let i = 0; i < 26; i++) await createTestUser(t.database, '886', 'viewer', { name: `Paged Person ${String(i).padStart(2, '0')}` });
    const first = await admin.get('/users?q=Paged');
    expect(first.body).toContain('Showing 1 to 25 of 26 users');
    const second = await admin.get('/users?q=Paged&page=2');
    expect(second.body).toContain('Showing 26 to 26 of 26 users');
  });

  it('stores names as text: HTML typed into a form is shown, never run', async () => {
    await admin.get('/users/new');
    await admin.post('/users', { name: '<script>alert(1)</script>', email: 'xss@example.org', role: 'viewer' });
    const list = await admin.get('/users?q=xss');
    expect(list.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list.body).not.toContain('<script>alert(1)</script>');
  });

  it('is for administrators only', async () => {
    for (const role of ['manager', 'adviser', 'officer', 'viewer', 'provider'] as const) {
      const person = await createTestUser(t.database, '886', role);
      const client = new TestClient(t.app);
      await client.signIn(person.email);
      const refused = await client.get('/users');
      expect(refused.status, role).toBe(403);
      // the page says it once, then what to do
      expect(refused.body.match(/You do not have permission to see this page/g)?.length, role).toBe(2); // <title> and <h1>
      expect(refused.body).toContain('Your role does not include this page. If you need it for your work, ask your administrator.');
      expect((await client.post(`/users/${adminUser.id}/deactivate`)).status, role).toBe(403);
      expect((await client.get('/audit-log')).status, role).toBe(403);
    }
  });
});
