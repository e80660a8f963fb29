import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { parseCreateAdminArgs } from '../../cli/create-admin.js';
import { createAdmin } from './index.js';

describe('npm run create-admin arguments', () => {
  it('reads --la, --email, --name and --force, and explains what is missing', () => {
    expect(parseCreateAdminArgs(['--la', '886', '--email', 'a@kent.gov.uk'])).toEqual({ ok: true, laCode: '886', email: 'a@kent.gov.uk', name: 'Administrator', force: false });
    expect(parseCreateAdminArgs(['--la', '886', '--email', 'a@kent.gov.uk', '--name', 'Ada Admin', '--force'])).toMatchObject({ ok: true, name: 'Ada Admin', force: true });
    expect(parseCreateAdminArgs(['--email', 'a@kent.gov.uk'])).toMatchObject({ ok: false, message: expect.stringMatching(/--la must be a 3-digit/) });
    expect(parseCreateAdminArgs(['--la', '886'])).toMatchObject({ ok: false, message: expect.stringMatching(/--email is required/) });
    expect(parseCreateAdminArgs(['--la', '886', '--email', 'x@y.uk', '--wat'])).toMatchObject({ ok: false, message: expect.stringMatching(/Usage/) });
  });
});

describe.each(testDatabases())('the first administrator of a local authority on $name', (testDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDb);
  });
  afterAll(() => t.close());

  it('adds an administrator with a one-time password that must be changed at first sign-in', async () => {
    const result = await createAdmin(t.database.db, t.clock, { laCode: '886', email: 'First.Admin@Kent.gov.uk', name: 'First Admin', force: false });
    if (!result.ok) throw new Error(result.message);
    expect(result.laName).toBe('Kent');
    const client = new TestClient(t.app);
    const signIn = await client.signIn('first.admin@kent.gov.uk', result.oneTimePassword);
    expect(signIn.location).toBe('/account/password');
    expect((await client.get('/users')).location).toBe('/account/password');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'user_email']).where('record_id', '=', result.id).where('action', '=', 'user.created').execute();
    expect(audit).toEqual([{ action: 'user.created', user_email: 'npm run create-admin' }]);
  });

  it('refuses when the local authority already has an administrator, unless --force', async () => {
    const second = await createAdmin(t.database.db, t.clock, { laCode: '886', email: 'second@kent.gov.uk', name: 'Second', force: false });
    expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/Kent already has an administrator \(first\.admin@kent\.gov\.uk\)\. Use --force/) });
    const forced = await createAdmin(t.database.db, t.clock, { laCode: '886', email: 'second@kent.gov.uk', name: 'Second', force: true });
    expect(forced.ok).toBe(true);
  });

  it('with --force gives an existing account of the LA administrator rights and a new one-time password, ending its sessions', async () => {
    const officer = await createTestUser(t.database, '886', 'officer');
    const theirs = new TestClient(t.app);
    await theirs.signIn(officer.email);
    expect(await createAdmin(t.database.db, t.clock, { laCode: '886', email: officer.email, name: 'x', force: false })).toMatchObject({ ok: false });
    const result = await createAdmin(t.database.db, t.clock, { laCode: '886', email: officer.email, name: 'x', force: true });
    if (!result.ok) throw new Error(result.message);
    expect(result.replaced).toBe(true);
    expect((await theirs.get('/')).status).toBe(302);
    const row = await t.database.db.selectFrom('users').select(['role', 'must_change_password']).where('id', '=', officer.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'admin', must_change_password: true });
  });

  it('refuses an unknown local authority, a bad address and an address another LA uses', async () => {
    expect(await createAdmin(t.database.db, t.clock, { laCode: '999', email: 'a@b.uk', name: 'x', force: false })).toMatchObject({ ok: false, message: 'There is no local authority with the code 999' });
    expect(await createAdmin(t.database.db, t.clock, { laCode: '855', email: 'not-an-email', name: 'x', force: false })).toMatchObject({ ok: false, message: expect.stringMatching(/correct format/) });
    const elsewhere = await createTestUser(t.database, '886', 'viewer');
    expect(await createAdmin(t.database.db, t.clock, { laCode: '855', email: elsewhere.email, name: 'x', force: true })).toMatchObject({ ok: false, message: expect.stringMatching(/in another local authority/) });
  });
});
