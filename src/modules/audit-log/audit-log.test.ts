import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';

describe.each(testDatabases())('audit log on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: { id: string; email: string };
  let person: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp(testDb);
    adminUser = await createTestUser(t.database, '886', 'admin');
    person = await createTestUser(t.database, '886', 'adviser', { name: 'Audited Person' });
    await new TestClient(t.app).signIn(person.email, 'a wrong password');
    admin = new TestClient(t.app);
    await admin.signIn(adminUser.email);
    await admin.get(`/users/${person.id}`);
  });
  afterAll(() => t.close());

  it('records sign-ins, failed sign-ins and views of a person record with who, when and from which IP', async () => {
    const page = await admin.get('/audit-log');
    expect(page.status).toBe(200);
    expect(page.body).toContain('sign-in.failed');
    expect(page.body).toContain('sign-in');
    expect(page.body).toContain('user.viewed');
    expect(page.body).toContain(adminUser.email);
    expect(page.body).toContain('127.0.0.1');
  });

  it('searches by user, record and date', async () => {
    const byUser = await admin.get(`/audit-log?user=${encodeURIComponent(person.email)}`);
    expect(byUser.body).toContain('Showing 1 to 1 of 1 entries');
    expect(byUser.body).toContain('<td class="govuk-table__cell">sign-in.failed</td>');

    const byRecord = await admin.get(`/audit-log?recordType=user&recordId=${person.id}&action=user.viewed`);
    expect(byRecord.body).toContain('Showing 1 to 1 of 1 entries');
    // the record is named as staff call it and linked to its page (the users module names its records)
    expect(byRecord.body).toContain(`<a class="govuk-link" href="/users/${person.id}">User ${person.id}</a>`);

    // Audit times come from the database clock (the real time), so put one entry in the past.
    await t.database.db
      .insertInto('audit_log')
      .values({ la_code: '886', at: new Date('2026-03-03T23:30:00Z'), action: 'old.entry', user_email: 'old@example.org' })
      .execute();
    const onlyThatDay = await admin.get('/audit-log?from=3%2F3%2F2026&to=3+March+2026');
    expect(onlyThatDay.body).toContain('Showing 1 to 1 of 1 entries');
    expect(onlyThatDay.body).toContain('<td class="govuk-table__cell">old.entry</td>');
    expect(onlyThatDay.body).toContain('3 March 2026 at 11:30pm');
    const since = await admin.get('/audit-log?from=2026-03-04');
    expect(since.body).not.toContain('<td class="govuk-table__cell">old.entry</td>');
    expect(since.body).toContain('<td class="govuk-table__cell">user.viewed</td>');
  });

  it('says which date is wrong rather than ignoring it', async () => {
    const res = await admin.get('/audit-log?from=30%2F2%2F2026');
    expect(res.status).toBe(400);
    expect(res.body).toContain('From date must be a real date, like 3/3/2026');
    expect(res.body).toContain('value="30/2/2026"');
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await expect(sql`update audit_log set action = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('cannot be emptied with TRUNCATE either', async () => {
    const before = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(before.n)).toBeGreaterThan(0);
    await expect(sql`truncate audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate table audit_log restart identity cascade`.execute(t.database.db)).rejects.toThrow(/append-only/);
    const after = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
