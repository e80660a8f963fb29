import { createTestUser, startTestApp, type TestApp } from './app.js';
import { TestClient } from './client.js';
import type { TestDatabase } from './databases.js';
import { kentFile } from './ofsted-files.js';
import { runImport } from '../../src/modules/ofsted-import/index.js';

export const KENT = '886';

/** The version a form was loaded with (its hidden field). */
export const versionIn = (html: string): string | undefined => /name="version" value="(\d+)"/.exec(html)?.[1];

/** Kent's register, an adviser (Ada Adviser) and an SIA (Sally Senior) signed in: two people who can edit one record. */
export async function twoEditors(testDb: TestDatabase) {
  const t: TestApp = await startTestApp(testDb);
  await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
  const adviserUser = await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' });
  const managerUser = await createTestUser(t.database, KENT, 'manager', { name: 'Sally Senior' });
  const adviser = new TestClient(t.app);
  const manager = new TestClient(t.app);
  await adviser.signIn(adviserUser.email);
  await manager.signIn(managerUser.email);
  const urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
  return { t, adviser, manager, adviserUser, urn };
}
