import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { seedDemo } from './index.js';

describe.each(testDatabases())('demo users on $name', (testDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDb);
  });
  afterAll(() => t.close());

  it('a demo user’s one-time password must be changed at first sign-in (and again after npm run seed)', async () => {
    for (const round of [1, 2]) {
      const admin = (await seedDemo(t.database.db, '886')).find((c) => c.role === 'admin')!;
      const client = new TestClient(t.app);
      const signedIn = await client.signIn(admin.email, admin.password);
      expect(signedIn.location, `round ${round}`).toBe('/account/password');
      expect((await client.get('/')).location).toBe('/account/password'); // nothing else opens until it is changed
      const changed = await client.post('/account/password', { currentPassword: admin.password, newPassword: 'a new long enough password', confirmPassword: 'a new long enough password' });
      expect(changed.location).toBe('/');
      expect((await client.get('/')).status).toBe(200);
    }
  });
});
