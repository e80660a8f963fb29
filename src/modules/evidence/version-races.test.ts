import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { writeWhole } from './storage.js';

const KENT = '886';
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n`);

/**
 * Records kept as numbered versions (setting documents, audit templates, funding rules): two saves
 * at the same moment race for the next number. A lost race is simulated on both databases by a
 * trigger that answers unique_violation for the next `n` inserts (a sequence counts them: it is not
 * rolled back with the failed transaction, as the other person's committed row would not be).
 */
async function loseRaces(t: TestApp, table: string, n: number) {
  const statements = [
    'create table if not exists test_race_plan (tbl text primary key, upto bigint not null)',
    'create sequence if not exists test_race_seq',
    `create or replace function test_race() returns trigger language plpgsql as $$
    begin
      if nextval('test_race_seq') <= coalesce((select upto from test_race_plan where tbl = TG_TABLE_NAME), 0) then
        raise exception 'duplicate key value violates unique constraint (test)' using errcode = 'unique_violation';
      end if;
      return new;
    end $$`,
    `drop trigger if exists test_race on ${table}`,
    `create trigger test_race before insert on ${table} for each row execute function test_race()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(t.database.db);
  const at = await sql<{ v: string }>`select nextval('test_race_seq')::text as v`.execute(t.database.db);
  const upto = Number(at.rows[0]!.v) + n;
  await sql`insert into test_race_plan (tbl, upto) values (${table}, ${upto}) on conflict (tbl) do update set upto = excluded.upto`.execute(t.database.db);
}

describe.each(testDatabases())('concurrent saves of versioned records on $name', (testDb) => {
  let t: TestApp;
  let dataDir: string;
  let setting: TestClient;
  let admin: TestClient;
  let urn: string;
  let settingUserId: string;
  const storedFiles = async () => (await readdir(path.join(dataDir, 'uploads', KENT)).catch(() => [] as string[])).sort();
  const documents = () => t.database.db.selectFrom('setting_documents').select(['version', 'storage_key']).where('urn', '=', urn).orderBy('version').execute();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'eyhub-races-'));
    t = await startTestApp(testDb, { DATA_DIR: dataDir });
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    urn = (await t.database.db.selectFrom('providers').select('urn').where('name', '=', 'Greenview Nursery').executeTakeFirstOrThrow()).urn;
    const p = await createTestUser(t.database, KENT, 'provider');
    settingUserId = p.id;
    await t.database.db.insertInto('provider_users').values({ la_code: KENT, user_id: p.id, urn, created_at: t.clock.now() }).execute();
    setting = new TestClient(t.app);
    await setting.signIn(p.email);
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, KENT, 'admin')).email);
  });
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a setting document that lost the race for its version number is saved as the next one, not a 500', async () => {
    await loseRaces(t, 'setting_documents', 1);
    const res = await setting.upload(`/portal/${urn}/documents/self_evaluation`, 'file', 'SEF.pdf', pdf('first'));
    expect(res.status).toBe(303);
    expect((await documents()).map((d) => d.version)).toEqual([1]);
    expect(await storedFiles()).toEqual((await documents()).map((d) => d.storage_key).sort());
  });

  it('after losing every try the setting is told in the error summary (409), and no file is left without a record', async () => {
    await loseRaces(t, 'setting_documents', 50);
    const res = await setting.upload(`/portal/${urn}/documents/self_evaluation`, 'file', 'SEF again.pdf', pdf('second'));
    expect(res.status).toBe(409);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toMatch(/href="#file-self_evaluation">Someone else saved a new version of this self-evaluation at the same moment\. Check the latest version and send yours again\./);
    expect((await documents()).map((d) => d.version)).toEqual([1]);
    expect(await storedFiles()).toEqual((await documents()).map((d) => d.storage_key).sort());
    await loseRaces(t, 'setting_documents', 0);
  });

  it('audit templates: a lost race is retried; a race lost every time is a 409 with the JSON kept', async () => {
    await admin.get('/audit-templates'); // the shipped templates arrive first
    const current = await t.database.db.selectFrom('audit_templates').select(['id', 'key']).where('la_code', '=', KENT).orderBy('key').executeTakeFirstOrThrow();
    const json = (await admin.get(`/audit-templates/${current.id}/export`)).body;
    await loseRaces(t, 'audit_templates', 1);
    expect((await admin.post(`/audit-templates/${current.id}/edit`, { json })).status).toBe(303);
    await loseRaces(t, 'audit_templates', 50);
    const lost = await admin.post(`/audit-templates/${current.id}/edit`, { json });
    expect(lost.status).toBe(409);
    expect(lost.body).toContain('Someone else saved a new version of this audit template at the same moment');
    expect(lost.body).toContain('govuk-error-summary');
    const versions = await t.database.db.selectFrom('audit_templates').select('version').where('la_code', '=', KENT).where('key', '=', current.key).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    await loseRaces(t, 'audit_templates', 0);
  });

  it('funding rules: a lost race is retried; a race lost every time is a 409 with the error summary', async () => {
    const form = { reportCardLowestArea: 'expected_standard', reportCardSafeguardingMet: 'yes', withdrawOnSafeguardingNotMet: 'yes', newlyRegisteredFf2: 'yes', newlyRegisteredThreeFour: 'yes', newlyRegisteredUnderThrees: 'yes', childRecordRetentionYears: '6', unfinishedAuditChildMonths: '12' };
    await loseRaces(t, 'funding_rules', 1);
    expect((await admin.post('/funding/rules', form)).status).toBe(303);
    await loseRaces(t, 'funding_rules', 50);
    const lost = await admin.post('/funding/rules', { ...form, childRecordRetentionYears: '5' });
    expect(lost.status).toBe(409);
    expect(lost.body).toContain('Someone else saved a new version of these funding rules at the same moment');
    expect(lost.body).toMatch(/name="childRecordRetentionYears"[^>]*value="5"/);
    const versions = await t.database.db.selectFrom('funding_rules').select('version').where('la_code', '=', KENT).execute();
    expect(versions.map((v) => v.version)).toEqual([1]);
    await loseRaces(t, 'funding_rules', 0);
  });

  // PostgreSQL only (PGlite has one connection, so two uploads cannot wait on each other): defined, not skipped, there
  if (testDb.name === 'postgres') it('two uploads at once: the one that waited on the other takes the next version', async () => {
    const before = (await documents()).length;
    await t.database.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      // the other person's upload, not yet committed: same version number the request will read
      await conn.insertInto('setting_documents').values({ la_code: KENT, urn, kind: 'improvement_plan', version: 1, file_name: 'theirs.pdf', content_type: 'application/pdf', size_bytes: 1, sha256: 'x', storage_key: 'theirs-not-on-disk', comment: '', uploaded_by: settingUserId, created_at: t.clock.now() }).execute();
      const mine = setting.upload(`/portal/${urn}/documents/improvement_plan`, 'file', 'SIP.pdf', pdf('mine'));
      for (let i = 0; i < 200; i++) {
        await sql`select pg_stat_clear_snapshot()`.execute(conn); // a transaction otherwise sees one snapshot of the activity
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%setting_documents%'`.execute(conn);
        if (waiting.rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await sql`commit`.execute(conn);
      expect((await mine).status).toBe(303);
    });
    const plans = await t.database.db.selectFrom('setting_documents').select(['version', 'file_name']).where('urn', '=', urn).where('kind', '=', 'improvement_plan').orderBy('version').execute();
    expect(plans).toEqual([{ version: 1, file_name: 'theirs.pdf' }, { version: 2, file_name: 'SIP.pdf' }]);
    expect((await documents()).length).toBe(before + 2);
  });
});

describe('a failed write never leaves a partial upload', () => {
  it('the bytes go to a temporary name and are renamed into place; a failure removes them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eyhub-write-'));
    try {
      await writeWhole(dir, 'ok', Buffer.from('whole'));
      expect(await readdir(dir)).toEqual(['ok']);
      // the final rename fails (a directory stands at the name): nothing partial is left behind
      await mkdir(path.join(dir, 'taken', 'inside'), { recursive: true });
      await expect(writeWhole(dir, 'taken', Buffer.from('second'))).rejects.toThrow();
      expect((await readdir(dir)).sort()).toEqual(['ok', 'taken']);
      expect(await readdir(path.join(dir, 'taken'))).toEqual(['inside']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
