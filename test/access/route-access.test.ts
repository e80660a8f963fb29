import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, routesOf, UndeclaredPermissionError } from '../../src/app.js';
import { roles, type Role } from '../../src/db/types.js';
import { roleCan, type Permission } from '../../src/platform/permissions.js';
import { createTestUser, startTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { testDatabases } from '../support/databases.js';
import { sharedFile } from '../support/ofsted-files.js';
import { runImport } from '../../src/modules/ofsted-import/service.js';
import { allocate, ensureTermDates, startManually } from '../../src/modules/pathways/service.js';
import { TenantDb } from '../../src/db/tenant.js';
import { enqueue } from '../../src/modules/outbox/repository.js';
import { saveNote } from '../../src/modules/notes/service.js';
import { addItems } from '../../src/modules/action-plans/repository.js';

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
    recordOfB = { id: otherLaUser.id, urn: provider.urn, importId: imported.importId, token: 'not-a-real-calendar-token-0123456789' };
    // B's support work: a pathway allocated to B's adviser, so it has tasks and planned visits
    const bCtx = { user: { id: otherLaAdmin.id, email: otherLaAdmin.email, name: otherLaAdmin.name, role: 'admin' as const, laCode: LA_B, laName: 'Rutland', mustChangePassword: false }, tenant: new TenantDb(t.database.db, { laCode: LA_B, userId: otherLaAdmin.id, role: 'admin' }), clock: t.clock, ip: null };
    const pathwayId = await startManually(bCtx, provider.urn, 'requires_improvement', 'Test');
    await allocate(bCtx, pathwayId, { adviserId: otherLaUser.id, officerId: null, cadence: 'monthly', managementActions: false });
    const visit = await t.database.db.selectFrom('visits').select('id').where('pathway_id', '=', pathwayId).executeTakeFirstOrThrow();
    const task = await t.database.db.selectFrom('tasks').select('id').where('pathway_id', '=', pathwayId).where('done_at', 'is', null).executeTakeFirstOrThrow();
    const template = await t.database.db.selectFrom('pathway_templates').select('id').where('la_code', '=', LA_B).executeTakeFirstOrThrow();
    const [term] = await bCtx.tenant.transaction((tx) => ensureTermDates(tx));
    const outboxId = await enqueue(bCtx.tenant, { to: ['b@example.org'], subject: 'Rutland only', text: 'x', html: 'x' }, t.clock.now());
    const noteId = await saveNote(bCtx, { visitId: visit.id }, { attendees: 'B', purpose: 'B', reviewPrevious: '', workingWell: ['B'], worriedAbout: ['B'], needsToHappen: ['B'], scaling: null, scalingQuestion: null, recommendations: '', actions: [] }, true);
    await addItems(bCtx.tenant, [{ urn: provider.urn, pathwayId, noteId, source: 'note_of_visit', area: 'business', action: 'Rutland action', dueDate: null }], t.clock.now());
    const itemId = (await t.database.db.selectFrom('action_plan_items').select('id').where('la_code', '=', LA_B).executeTakeFirstOrThrow()).id;
    recordOfB.userId = otherLaUser.id;
    const evidence = await t.database.db.insertInto('evidence_files').values({ la_code: LA_B, urn: provider.urn, item_id: itemId, file_name: 'rutland.pdf', content_type: 'application/pdf', size_bytes: 9, sha256: 'x', storage_key: `rutland-${Date.now()}`, uploaded_by: otherLaAdmin.id, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
    recordOfB.fileId = evidence.id;
    recordOfBByPrefix = { '/portal/:urn/notes/': noteId, '/portal/:urn/visits/': visit.id, '/portal/:urn/actions/': itemId, '/notes/': noteId, '/action-plan-items/': itemId, '/outbox/': outboxId, '/term-dates/': term!.id, '/pathways/': pathwayId, '/visits/': visit.id, '/tasks/': task.id, '/pathway-templates/': template.id };
  });
  /** `:id` means a different kind of record under each path */
  let recordOfBByPrefix: Record<string, string>;
  const recordFor = (url: string, param: string) => (param === 'id' ? Object.entries(recordOfBByPrefix).find(([prefix]) => url.startsWith(prefix))?.[1] : undefined) ?? recordOfB[param];
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
          const value = recordFor(route.url, p);
          if (!value) throw new Error(`No record of local authority B for parameter :${p} in ${route.url}: add one to recordOfB`);
          return u.replace(`:${p}`, value);
        }, route.url);
        const res = route.method === 'GET' ? await client.get(url) : await client.post(url, { role: 'admin', name: 'x', email: 'x@example.org' });
        const label = `${role} ${route.method} ${url}`;
        expect(res.body, label).not.toContain(otherLaUser.name);
        expect(res.body, label).not.toContain(otherLaUser.email);
        expect(res.body, label).not.toContain(otherLaAdmin.email);
        expect(res.body, label).not.toContain(otherProviderName);
        if (params.length > 0) expect([403, 404], label).toContain(res.status);
        if (route.url === '/sign-out') await client.signIn(me.email);
      }
    }
    const after = await t.database.db.selectFrom('users').selectAll().where('id', '=', otherLaUser.id).executeTakeFirstOrThrow();
    expect(after.role).toBe('adviser');
    expect(after.active).toBe(true);
    expect(after.must_change_password).toBe(false);
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
