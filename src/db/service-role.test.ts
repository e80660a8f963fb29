import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../test/support/app.js';
import { TestClient } from '../../test/support/client.js';
import { createTestSchema, onServer, testDatabases } from '../../test/support/databases.js';
import { migrateAsOwner } from '../app/migrate.js';
import { openDatabase, type Database } from './client.js';
import { roleOf } from './roles.js';

const url = testDatabases().find((d) => d.name === 'postgres')?.url;

const asServer = (statement: string) => onServer(url!, statement);

describe('the role a database address signs in as', () => {
  it('is the address’s user name', () => {
    expect(roleOf('postgres://eyhub_app:secret@db.example:5432/eyhub')).toBe('eyhub_app');
    expect(roleOf('postgresql://ey%20hub@localhost/x')).toBe('ey hub');
    expect(() => roleOf('postgres://localhost/x')).toThrow(/names no user/);
  });
});

/*
 * PostgreSQL: migrations run as the owner (DATABASE_MIGRATION_URL), the service as a role that does
 * not own the audit log (DATABASE_URL). The test makes that role and a schema of its own.
 */
describe.runIf(url)('the service running on PostgreSQL as a role that does not own the audit log', () => {
  const role = `eyhub_svc_${randomBytes(4).toString('hex')}`;
  let schema: { schema: string; drop(): Promise<void> };
  let service: Database;
  let t: TestApp;

  beforeAll(async () => {
    schema = await createTestSchema(url!);
    await asServer(`create role ${role} login`);
    const serviceUrl = new URL(url!);
    serviceUrl.username = role;
    serviceUrl.password = '';
    expect(await migrateAsOwner(url!, serviceUrl.toString(), schema.schema)).toContain('20261123_0900_foundation');
    service = await openDatabase({ kind: 'postgres', url: serviceUrl.toString(), schema: schema.schema, poolSize: 4 });
    t = await startTestApp({ name: 'postgres', open: async () => service });
  });
  afterAll(async () => {
    await t?.close();
    await schema?.drop();
    await asServer(`drop owned by ${role}`).catch(() => undefined);
    await asServer(`drop role if exists ${role}`);
  });

  it('the service works: it signs a user in and writes the audit log', async () => {
    expect((await sql<{ u: string }>`select current_user as u`.execute(service.db)).rows[0]!.u).toBe(role);
    const admin = await createTestUser(t.database, '886', 'admin');
    const client = new TestClient(t.app);
    expect((await client.signIn(admin.email)).status).toBe(303);
    expect((await client.get('/audit-log')).status).toBe(200);
    const entries = await service.db.selectFrom('audit_log').select('id').execute();
    expect(entries.length).toBeGreaterThan(0);
  });

  it('cannot change, delete or empty the audit log, nor switch off or drop its triggers', async () => {
    const before = (await service.db.selectFrom('audit_log').select('id').execute()).length;
    const refused = async (statement: string) => expect(sql.raw(statement).execute(service.db)).rejects.toThrow(/permission denied|must be owner/);
    await refused(`update audit_log set action = 'forged'`);
    await refused('delete from audit_log');
    await refused('truncate audit_log');
    await refused('alter table audit_log disable trigger audit_log_no_change');
    await refused('alter table audit_log disable trigger all');
    await refused('drop trigger audit_log_no_truncate on audit_log');
    await refused('drop table audit_log');
    await refused(`insert into kysely_migration (name, timestamp) values ('forged', 'now')`);
    expect((await service.db.selectFrom('audit_log').select('id').execute()).length).toBe(before);
  });

  it('its start-up check of the schema needs no owner: nothing pending, nothing applied', async () => {
    const { migrateSchema } = await import('./migrate.js');
    expect(await migrateSchema(service.db, schema.schema)).toEqual([]);
    // a second run as the owner applies nothing and grants again (new tables of a later release included)
    const serviceUrl = new URL(url!);
    serviceUrl.username = role;
    expect(await migrateAsOwner(url!, serviceUrl.toString(), schema.schema)).toEqual([]);
  });
});
