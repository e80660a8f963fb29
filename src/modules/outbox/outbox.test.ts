import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { TestSmtpServer } from '../../../test/support/smtp.js';
import { TenantDb } from '../../db/tenant.js';
import { enqueue, PURGED_BODY, purgeSentBodies } from './repository.js';
import { deliverDue, MAX_ATTEMPTS } from './worker.js';

describe.each(testDatabases())('e-mail outbox on $name', (testDb) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let tenant: TenantDb;
  const FROM = 'Kent EY Hub <ey-hub@kent.example>';

  beforeAll(async () => {
    t = await startTestApp(testDb);
    smtp = new TestSmtpServer();
    await smtp.start();
    tenant = new TenantDb(t.database.db, { laCode: '886', userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  const queue = (to: string, subject: string) =>
    enqueue(tenant, { to: [to], cc: ['adviser@kent.example'], subject, text: 'Plain text', html: '<p>HTML</p>', attachments: [{ filename: 'note.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') }] }, t.clock.now());

  it('sends a queued message with its recipients and attachment, once', async () => {
    await queue('setting@example.org', 'Note of visit');
    expect(await deliverDue(t.database.db, smtp.transport(), FROM, t.clock)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDue(t.database.db, smtp.transport(), FROM, t.clock)).toEqual({ sent: 0, failed: 0 });
    const mail = smtp.received.at(-1)!;
    expect(mail.subject).toBe('Note of visit');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('setting@example.org');
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toBe('adviser@kent.example');
    expect(mail.attachments[0]?.filename).toBe('note.pdf');
    expect(mail.attachments[0]?.content.toString()).toBe('%PDF-1.7 test');
  });

  it('keeps a message while the mail server is down and delivers it exactly once when it is back', async () => {
    const before = smtp.received.length;
    const id = await queue('setting@example.org', 'During the outage');
    const port = smtp.port;
    const transport = smtp.transport();
    await smtp.stop();
    expect(await deliverDue(t.database.db, transport, FROM, t.clock)).toEqual({ sent: 0, failed: 1 });
    const waiting = await t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(waiting.status).toBe('queued');
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    // not due yet: nothing is tried
    expect(await deliverDue(t.database.db, transport, FROM, t.clock)).toEqual({ sent: 0, failed: 0 });
    await smtp.start(port);
    t.clock.advanceMinutes(1);
    expect(await deliverDue(t.database.db, transport, FROM, t.clock)).toEqual({ sent: 1, failed: 0 });
    t.clock.advanceMinutes(60);
    expect(await deliverDue(t.database.db, transport, FROM, t.clock)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.length - before).toBe(1);
    expect(smtp.received.at(-1)?.subject).toBe('During the outage');
  });

  it('reports an address the server refuses instead of dropping it, and admins see it', async () => {
    smtp.rejectRecipients.add('nobody@example.org');
    const id = await queue('nobody@example.org', 'Refused');
    expect(await deliverDue(t.database.db, smtp.transport(), FROM, t.clock)).toEqual({ sent: 0, failed: 1 });
    const row = await t.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/550|rejected/);
    const admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, '886', 'admin')).email);
    const list = await admin.get('/outbox?status=failed');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Refused');
    expect(list.body).toContain('nobody@example.org');
    const one = await admin.get(`/outbox/${id}`);
    expect(one.body).toContain('550');
    expect(one.body).toContain('Plain text');
    const adviser = new TestClient(t.app);
    await adviser.signIn((await createTestUser(t.database, '886', 'adviser')).email);
    expect((await adviser.get('/outbox')).status).toBe(403);
  });
  it('fails a message for good only after a working day of outage; admins resend it, or all failed ones, audited', async () => {
    const ids = [await queue('setting@example.org', 'Outage one'), await queue('other@example.org', 'Outage two')];
    const transport = smtp.transport();
    const port = smtp.port;
    await smtp.stop();
    const started = t.clock.now().getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDue(t.database.db, transport, FROM, t.clock);
      const rows = await t.database.db.selectFrom('outbox').select(['status', 'attempts']).where('id', 'in', ids).execute();
      expect(rows.every((r) => r.attempts === attempt && r.status === (attempt < MAX_ATTEMPTS ? 'queued' : 'failed'))).toBe(true);
      t.clock.advanceMinutes(61);
    }
    expect(t.clock.now().getTime() - started).toBeGreaterThan(8 * 3600_000);
    await smtp.start(port);

    const admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, '886', 'admin', { name: 'Ann Admin' })).email);
    const one = await admin.get(`/outbox/${ids[0]}`);
    expect(one.body).toContain('Send again');
    expect(one.body).toContain(`action="/outbox/${ids[0]}/resend"`);
    const viewed = await t.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('action', '=', 'outbox.message_viewed').where('record_id', '=', ids[0]!).execute();
    expect(viewed).toHaveLength(1); // reading a message body is audited

    // CSRF: a resend without the form's token is refused
    expect((await admin.post(`/outbox/${ids[0]}/resend`, {}, { csrf: false })).status).toBe(403);
    const resend = await admin.post(`/outbox/${ids[0]}/resend`);
    expect(resend.status).toBe(303);
    const again = await t.database.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(again).toEqual({ status: 'queued', attempts: 0 });
    expect(await deliverDue(t.database.db, transport, FROM, t.clock)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.at(-1)?.subject).toBe('Outage one');

    const list = await admin.get('/outbox');
    expect(list.body).toContain('Send failed e-mails again');
    expect((await admin.post('/outbox/resend-failed')).status).toBe(303);
    expect((await t.database.db.selectFrom('outbox').select('status').where('id', '=', ids[1]!).executeTakeFirstOrThrow()).status).toBe('queued');
    // the refused address of the earlier test reached nobody, so it is queued again too
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'record_id', 'details']).where('action', 'in', ['outbox.resent', 'outbox.resent_failed']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['outbox.resent', 'outbox.resent_failed']);
    expect(audit[0]?.record_id).toBe(ids[0]);
    expect((audit[1]?.details as { ids: string[] }).ids).toContain(ids[1]);
    expect((await admin.get('/outbox')).body).not.toContain('Send failed e-mails again');

    const adviser = new TestClient(t.app);
    await adviser.signIn((await createTestUser(t.database, '886', 'adviser')).email);
    await adviser.get('/');
    expect((await adviser.post(`/outbox/${ids[1]}/resend`)).status).toBe(403);
    expect((await adviser.post('/outbox/resend-failed')).status).toBe(403);
  });
  it('retention: the body and attachments of an e-mail sent more than MAIL_RETENTION_DAYS ago are purged; the record of it stays', async () => {
    const recent = await queue('setting@example.org', 'Sent recently');
    const waiting = await queue('setting@example.org', 'Still waiting');
    await t.database.db.updateTable('outbox').set({ status: 'sent', sent_at: new Date(t.clock.now().getTime() - 10 * 86_400_000) }).where('id', '=', recent).execute();
    const old = await t.database.db.selectFrom('outbox').select(['id', 'sent_at']).where('subject', '=', 'Note of visit').executeTakeFirstOrThrow();
    await t.database.db.updateTable('outbox').set({ sent_at: new Date(t.clock.now().getTime() - 31 * 86_400_000) }).where('id', '=', old.id).execute();
    expect(await purgeSentBodies(t.database.db, t.clock.now(), 30)).toBe(1);
    const rows = await t.database.db.selectFrom('outbox').select(['id', 'subject', 'status', 'text_body', 'html_body', 'attachments', 'body_purged_at']).where('id', 'in', [old.id, recent, waiting]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(old.id)).toMatchObject({ subject: 'Note of visit', status: 'sent', text_body: PURGED_BODY, attachments: [], body_purged_at: t.clock.now() });
    expect(byId.get(old.id)?.html_body).not.toContain('HTML');
    expect(byId.get(recent)).toMatchObject({ text_body: 'Plain text', body_purged_at: null });
    expect((byId.get(recent)?.attachments as unknown[]).length).toBe(1);
    expect(byId.get(waiting)).toMatchObject({ text_body: 'Plain text', body_purged_at: null });
    const audit = await t.database.db.selectFrom('audit_log').select(['la_code', 'details']).where('action', '=', 'outbox.bodies_purged').execute();
    expect(audit).toEqual([{ la_code: '886', details: { count: 1, retentionDays: 30 } }]);
    expect(await purgeSentBodies(t.database.db, t.clock.now(), 30)).toBe(0); // once
  });
});
