import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../app.js';
import { createTestUser, startTestApp, type TestApp } from '../../test/support/app.js';
import { TestClient } from '../../test/support/client.js';
import { testDatabases } from '../../test/support/databases.js';

describe('addresses the service never makes get a 400 or 404 page, never a 500', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp(testDatabases()[0]!);
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, '886', 'admin')).email);
  });
  afterAll(() => t.close());

  it.each(['/pathways/not-an-id', "/notes/1'", '/feee-audits/1/children/2', '/audits/x/sections/1', '/evidence/%00', '/users/00000000-0000-0000-0000-00000000000g'])(
    'a malformed record id is a 404 page: %s',
    async (url) => {
      const res = await admin.get(url);
      expect(res.status).toBe(404);
      expect(res.body).toContain('Page not found');
    },
  );

  it('a malformed id in a form’s address is a 404 too', async () => {
    await admin.get('/sign-in');
    expect((await admin.post('/visits/nope/cancel', {})).status).toBe(404);
    expect((await admin.post('/users/nope/deactivate', {})).status).toBe(404);
  });

  it.each(['/providers?page=1&page=2', '/funding?q=a&q=b', '/outbox?status=a&status=b', '/users?q=a&q=b'])('a query parameter given twice is a 400 page: %s', async (url) => {
    const res = await admin.get(url);
    expect(res.status).toBe(400);
    expect(res.body).toContain('more than once');
  });

  it('no page of the service answers a malformed id or a repeated parameter with a 500', async () => {
    const failures: string[] = [];
    for (const route of routesOf(t.app)) {
      if (route.method !== 'GET') continue;
      const urls = [
        route.url.replace(/:[A-Za-z]+/g, "not-an-id'"),
        route.url.replace(/:(id|[A-Za-z]+Id)\b/g, '00000000-0000-4000-8000-000000000000').replace(/:[A-Za-z]+/g, "x'"),
        `${route.url.replace(/:[A-Za-z]+/g, '1')}?page=1&page=2&q=a`,
      ];
      for (const url of urls) {
        const res = await admin.get(url);
        if (res.status >= 500) failures.push(`${res.status} ${url}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
