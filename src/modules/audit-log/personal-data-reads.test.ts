import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';

const KENT = '886';

/* Reading personal data is audited: who read which record, when (issue 17). A few routes are checked here. */
describe.each(testDatabases())('reads of personal data go to the audit log on $name', (testDb) => {
  let t: TestApp;
  let adviser: TestClient;
  let setting: TestClient;
  let adviserId: string;
  let settingId: string;
  let urn: string;
  let itemId: string;
  const entries = (userId: string, action: string) =>
    t.database.db.selectFrom('audit_log').select(['record_type', 'record_id', 'details']).where('user_id', '=', userId).where('action', '=', action).execute();

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const a = await createTestUser(t.database, KENT, 'adviser');
    const p = await createTestUser(t.database, KENT, 'provider', { name: 'Sam Setting', email: 'sam@greenview.example' });
    [adviserId, settingId] = [a.id, p.id];
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: p.id, urn, created_at: t.clock.now() }).execute();
    adviser = new TestClient(t.app);
    await adviser.signIn(a.email);
    setting = new TestClient(t.app);
    await setting.signIn(p.email);
    await adviser.get(`/providers/${urn}/action-plan/new`);
    await adviser.post(`/providers/${urn}/action-plan`, { source: 'ofsted_action', area: 'eyfs_requirement', action: 'Update the risk assessment', 'due-day': '27', 'due-month': '11', 'due-year': '2026' });
    itemId = (await t.database.db.selectFrom('action_plan_items').select('id').where('urn', '=', urn).executeTakeFirstOrThrow()).id;
    await setting.get(`/portal/${urn}/documents`);
    expect((await setting.upload(`/portal/${urn}/documents/self_evaluation`, 'file', 'SEF.pdf', Buffer.from('%PDF-1.7\n% sef\n'))).status).toBe(303);
  });
  afterAll(() => t.close());

  it('staff reading an action plan, an action, the portal-access list, setting documents and contact requests', async () => {
    expect((await adviser.get(`/providers/${urn}/action-plan`)).status).toBe(200);
    expect(await entries(adviserId, 'action_plan.viewed')).toEqual([{ record_type: 'provider', record_id: urn, details: null }]);
    expect((await adviser.get(`/action-plan-items/${itemId}`)).status).toBe(200);
    expect(await entries(adviserId, 'action_plan.item_viewed')).toEqual([{ record_type: 'provider', record_id: urn, details: { item: itemId } }]);
    expect((await adviser.get(`/providers/${urn}/portal-access`)).status).toBe(200);
    expect(await entries(adviserId, 'portal.access_list_viewed')).toHaveLength(1);
    expect((await adviser.get(`/providers/${urn}/documents`)).status).toBe(200);
    expect(await entries(adviserId, 'documents.viewed')).toHaveLength(1);
    expect((await adviser.get('/contact-requests')).status).toBe(200);
    expect(await entries(adviserId, 'contact_requests.viewed')).toHaveLength(1);
  });

  it('the setting downloading its own document and reading one of its actions in the portal', async () => {
    const file = await t.database.db.selectFrom('setting_documents').select('id').where('urn', '=', urn).executeTakeFirstOrThrow();
    const download = await setting.get(`/portal/${urn}/documents/file/${file.id}`);
    expect(download.status).toBe(200);
    expect(await entries(settingId, 'document.downloaded')).toEqual([{ record_type: 'provider', record_id: urn, details: { file: file.id, portal: true } }]);
    // the upload's entry names the document by id: a file name may name a child
    const [uploaded] = await entries(settingId, 'portal.document_uploaded');
    expect(uploaded?.details).toEqual({ kind: 'self_evaluation', version: 1, file: file.id });
    expect(JSON.stringify(await t.database.db.selectFrom('audit_log').select('details').execute())).not.toContain('SEF.pdf');
    expect((await setting.get(`/portal/${urn}/actions/${itemId}`)).status).toBe(200);
    expect(await entries(settingId, 'portal.action_viewed')).toHaveLength(1);
  });
});
