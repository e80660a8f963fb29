import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, routesOf, UndeclaredPermissionError } from '../../src/app.js';
import { roles, type Role } from '../../src/db/types.js';
import { roleCan, type Permission } from '../../src/platform/permissions.js';
import { createTestUser, startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { testDatabases } from '../support/databases.js';
import { waitForImport } from '../support/imports.js';
import { sharedFile } from '../support/ofsted-files.js';
import { runImport } from '../../src/modules/ofsted-import/service.js';
import { recordFor, seedSupportRecords, type SupportRecords } from '../support/records.js';

const LA_A = '886'; // Kent
const LA_B = '857'; // Rutland

/** Routes under test: everything except static files. */
function appRoutes(t: TestApp) {
  return routesOf(t.app).filter((r) => !r.url.startsWith('/assets/') && !r.url.startsWith('/public/'));
}

describe.each(testDatabases())('route access on $name', (testDb) => {
  let t: TestApp;
  let otherLaUser: { id: string; email: string; name: string };
  let otherLaAdmin: { id: string; email: string; name: string };
  /** A record of local authority B for each route parameter. Add one here when a route gets a new parameter. */
  let recordOfB: Record<string, string>;
  let otherProviderName: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    otherLaAdmin = await createTestUser(t.database, LA_B, 'admin', { name: 'Rutland Admin Person' });
    otherLaUser = await createTestUser(t.database, LA_B, 'adviser', { name: 'Zebedee Other-Council', email: 'zebedee@rutland.example' });
    const bClient = new TestClient(t.app);
    await bClient.signIn(otherLaAdmin.email);
    await bClient.get(`/users/${otherLaUser.id}`); // leaves audit entries in B
    // Rutland's providers, from a real Ofsted file, imported for Rutland only
    const imported = await runImport(t.database.db, t.clock, {
      bytes: sharedFile('ofsted_providers_2021-08-31_sample.csv'),
      fileName: 'ofsted_providers_2021-08-31_sample.csv',
      laCode: LA_B,
      startedBy: { id: otherLaAdmin.id, email: otherLaAdmin.email },
    });
    const provider = await t.database.db.selectFrom('providers').select(['urn', 'name']).where('la_code', '=', LA_B).where('name', 'is not', null).orderBy('urn').executeTakeFirstOrThrow();
    otherProviderName = provider.name!;
    // a calendar feed's token is a secret, not a record id: one that is not B's must find nothing
    recordOfB = { id: otherLaUser.id, userId: otherLaUser.id, urn: provider.urn, importId: imported.importId, token: 'not-a-real-calendar-token-0123456789' };
    // B's support work: a pathway allocated to B's adviser, so it has tasks and planned visits
    records = await seedSupportRecords(t, { code: LA_B, name: 'Rutland' }, otherLaAdmin, otherLaUser.id, provider.urn);
    Object.assign(records.byParam, recordOfB);
  });
  /** B's records for each route parameter (see test/support/records.ts: add one there when a route gets a new parameter) */
  let records: SupportRecords;
  afterAll(() => t.close());

  it('every route declares a permission, and a route without one stops the app', async () => {
    const routes = appRoutes(t);
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(route.permission, `${route.method} ${route.url}`).toBeTruthy();
    const fresh = await createApp(t.config, { database: t.database });
    expect(() => fresh.get('/undeclared', async () => 'no')).toThrow(UndeclaredPermissionError);
    expect(() => fresh.get('/declared', { config: { permission: 'public' } }, async () => 'yes')).not.toThrow();
  });

  it('a user of one local authority cannot read or change another authority’s records through any route', async () => {
    for (const role of roles) {
      const me = await createTestUser(t.database, LA_A, role);
      const client = new TestClient(t.app);
      await client.signIn(me.email);
      await client.get('/');
      for (const route of appRoutes(t)) {
        const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        const url = params.reduce((u, p) => {
          const value = recordFor(records, route.url, p);
          if (!value) throw new Error(`No record of local authority B for parameter :${p} in ${route.url}: add one in test/support/records.ts`);
          return u.replace(`:${p}`, value);
        }, route.url);
        const res = route.method === 'GET' ? await client.get(url) : await client.post(url, { role: 'admin', name: 'x', email: 'x@example.org' });
        const label = `${role} ${route.method} ${url}`;
        expect(res.body, label).not.toContain(otherLaUser.name);
        expect(res.body, label).not.toContain(otherLaUser.email);
        expect(res.body, label).not.toContain(otherLaAdmin.email);
        expect(res.body, label).not.toContain(otherProviderName);
        expect(res.body, label).not.toContain('SECRET1');
        if (params.length > 0) expect([403, 404], label).toContain(res.status);
        if (route.url === '/sign-out') await client.signIn(me.email);
      }
    }
    const after = await t.database.db.selectFrom('users').selectAll().where('id', '=', otherLaUser.id).executeTakeFirstOrThrow();
    expect(after.role).toBe('adviser');
    expect(after.active).toBe(true);
    expect(after.must_change_password).toBe(false);
  });

  it('an upload by one local authority cannot take over another authority’s providers (issue 17.1)', async () => {
    const admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, LA_A, 'admin')).email);
    const urn = recordOfB.urn!;
    const before = await t.database.db.selectFrom('providers').selectAll().where('urn', '=', urn).executeTakeFirstOrThrow();
    const csv = `Provider URN,Provider type,Provider status,Provider name,Local authority,Registration date\n${urn},Childminder,Active,Taken Over Nursery,Kent,01/09/2015\n`;
    await admin.get('/imports/new');
    const res = await admin.upload('/imports', 'file', 'kent-upload.csv', csv);
    expect(res.status).toBe(303);
    expect((await waitForImport(admin, res.location!)).status).toBe('succeeded');
    expect(await t.database.db.selectFrom('providers').selectAll().where('urn', '=', urn).executeTakeFirstOrThrow()).toEqual(before);
    expect((await admin.get(`/providers/${urn}`)).status).toBe(404);
    const page = await admin.get(res.location!);
    expect(page.body).not.toContain(otherProviderName);
    const rejection = await t.database.db.selectFrom('import_rejections').select(['la_code', 'reason']).where('urn', '=', urn).executeTakeFirstOrThrow();
    expect(rejection.la_code).toBe(LA_A);
    expect(rejection.reason).toContain('is a provider of Rutland in EY Hub, not of Kent');
    const ownerClient = new TestClient(t.app);
    await ownerClient.signIn(otherLaAdmin.email);
    expect((await ownerClient.get(`/providers/${urn}`)).body).toContain(otherProviderName);
  });

  it('a provider user of one setting cannot read or change another setting of the same LA through any route', async () => {
    const admin = await createTestUser(t.database, LA_A, 'admin');
    const adviser = await createTestUser(t.database, LA_A, 'adviser');
    for (const [urn, name] of [['EY900001', 'Acorn Own Setting'], ['EY900002', 'Bramble Neighbour Nursery']] as const) {
      await t.database.db.insertInto('providers').values({ urn, la_code: LA_A, name, registers: ['EYR'], provider_type: 'Childcare on non-domestic premises', status: 'Active', address_line1: `${name} Street`, town: 'Ashford' }).execute();
    }
    const neighbour = await seedSupportRecords(t, { code: LA_A, name: 'Kent' }, admin, adviser.id, 'EY900002');
    Object.assign(neighbour.byParam, { id: adviser.id, userId: adviser.id, importId: '00000000-0000-0000-0000-000000000000', token: 'not-a-real-token-0123456789abcdef' });
    const me = await createTestUser(t.database, LA_A, 'provider');
    await t.database.db.insertInto('provider_users').values({ la_code: LA_A, user_id: me.id, urn: 'EY900001', created_at: t.clock.now() }).execute();
    const client = new TestClient(t.app);
    await client.signIn(me.email);
    expect((await client.get('/portal/EY900001')).status).toBe(200);
    for (const route of appRoutes(t)) {
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const neighbours = (p: string) => recordFor(neighbour, route.url, p) ?? '';
      // every parameter the neighbour's; and the user's own setting with the neighbour's records under it
      const urls = [params.reduce((u, p) => u.replace(`:${p}`, neighbours(p)), route.url)];
      // (`:kind` names a kind of document, not a record)
      if (params.includes('urn') && params.some((p) => p !== 'urn' && p !== 'kind')) urls.push(params.reduce((u, p) => u.replace(`:${p}`, p === 'urn' ? 'EY900001' : neighbours(p)), route.url));
      for (const url of urls) {
        const res = route.method === 'GET' ? await client.get(url) : await client.post(url, { status: 'done', comment: 'x', choice: 'cancel', reason: 'x', contact_name: 'Mallory' });
        const label = `provider ${route.method} ${url}`;
        expect(res.body, label).not.toContain('Bramble Neighbour Nursery');
        expect(res.body, label).not.toContain('Secret Name');
        expect(res.body, label).not.toContain('SECRET1');
        expect(res.body, label).not.toContain('EY900002@example.org');
        if (params.length > 0) expect([403, 404], label).toContain(res.status);
        if (route.url === '/sign-out') await client.signIn(me.email);
      }
    }
    // nothing of the neighbour's changed
    expect(await t.database.db.selectFrom('action_plan_items').select('status').where('urn', '=', 'EY900002').execute()).toEqual([{ status: 'not_started' }]);
    expect(await t.database.db.selectFrom('visits').select('id').where('urn', '=', 'EY900002').where('status', '=', 'cancelled').execute()).toEqual([]);
    expect(await t.database.db.selectFrom('contact_change_requests').select('status').where('urn', '=', 'EY900002').execute()).toEqual([{ status: 'pending' }]);
  });

  it('each role reaches only the routes its permissions allow', async () => {
    const clients = new Map<Role, TestClient>();
    for (const role of roles) {
      const me = await createTestUser(t.database, LA_A, role);
      const client = new TestClient(t.app);
      await client.signIn(me.email);
      await client.get('/');
      clients.set(role, client);
    }
    const own = await createTestUser(t.database, LA_A, 'viewer');
    for (const route of appRoutes(t)) {
      if (route.permission === 'public' || route.permission === 'signed-in') continue;
      const url = route.url.replace(/:(\w+)/g, own.id);
      for (const role of roles) {
        if (roleCan(role, route.permission as Permission)) continue;
        const client = clients.get(role)!;
        const res = route.method === 'GET' ? await client.get(url) : await client.post(url, {});
        expect(res.status, `${role} ${route.method} ${url}`).toBe(403);
        expect(res.body).toContain('You do not have permission');
      }
    }
  });

  it('signed-out visitors are sent to sign in from every non-public page', async () => {
    const client = new TestClient(t.app);
    for (const route of appRoutes(t)) {
      if (route.permission === 'public') continue;
      const url = route.url.replace(/:(\w+)/g, otherLaUser.id);
      const res = route.method === 'GET' ? await client.get(url) : await client.post(url, {});
      if (route.method === 'GET') expect(res.location, url).toMatch(/^\/sign-in\?returnTo=/);
      else expect(res.status, `POST ${url}`).toBe(401);
    }
  });
});
