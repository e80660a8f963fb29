import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { appendAudit, escapeLike } from '../audit-log/index.js';

/** The user id the scheduled jobs write the audit log as. */
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Plain text as HTML paragraphs, escaped: every e-mail has both parts. */
/**
 * The HTML part of an e-mail: a whole document in British English (`lang`, so a screen reader uses
 * the right voice), one paragraph per line, web addresses as links.
 */
export function textToHtml(text: string): string {
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const paragraphs = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `<p>${escape(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="en-GB">\n<head><meta charset="utf-8"></head>\n<body>\n${paragraphs}\n</body>\n</html>`;
}

export interface OutgoingMessage {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
  record?: { type: string; id: string };
}

/**
 * Queues an e-mail in the caller's transaction: it is sent only if the business change commits,
 * and it is never lost if the mail server is down (the worker retries).
 */
export async function enqueue(tenant: TenantDb, message: OutgoingMessage, now: Date): Promise<string> {
  const row = await tenant
    .insertInto('outbox', {
      to_addresses: message.to,
      cc_addresses: message.cc ?? [],
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      attachments: JSON.stringify((message.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, contentBase64: a.content.toString('base64') }))),
      next_attempt_at: now,
      created_at: now,
      record_type: message.record?.type ?? null,
      record_id: message.record?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listMessages(tenant: TenantDb, filter: { status?: string; q?: string }, limit: number, offset: number) {
  let q = tenant.selectFrom('outbox');
  if (filter.status) q = q.where('status', '=', filter.status as 'queued');
  if (filter.q) q = q.where('subject', 'ilike', `%${escapeLike(filter.q)}%`);
  const [rows, count] = await Promise.all([
    q.select(['id', 'to_addresses', 'cc_addresses', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at', 'next_attempt_at']).orderBy('created_at', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function getMessage(tenant: TenantDb, id: string) {
  return tenant.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Queues a failed message again, to be sent at once with a fresh set of attempts. Returns false when
 * the message is not (or no longer) failed, e.g. another admin resent it a moment ago.
 */
export async function resendMessage(tenant: TenantDb, id: string, now: Date): Promise<boolean> {
  const result = await tenant
    .updateTable('outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now, claimed_at: null, sent_at: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Queues again every failed message that reached nobody (after an outage). A message delivered to
 * some recipients and refused for others (`sent_at` set) is left for an admin to resend one by one,
 * because resending it reaches everyone again.
 */
export async function resendFailed(tenant: TenantDb, now: Date): Promise<string[]> {
  const rows = await tenant
    .updateTable('outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now, claimed_at: null })
    .where('status', '=', 'failed')
    .where('sent_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countResendable(tenant: TenantDb): Promise<number> {
  const row = await tenant.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'failed').where('sent_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The instant before which a sent e-mail's body and attachments are purged (pure). */
export function purgeCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

export const PURGED_BODY = 'The text of this e-mail was deleted after the retention period.';

/**
 * Retention for e-mail: the body and attachments of every e-mail sent more than `retentionDays` ago
 * are emptied (the record of the sending stays), one set-based update across local authorities,
 * and each LA's audit log says how many. Failed and waiting e-mails are kept until sent.
 */
export async function purgeSentBodies(db: Kysely<DB>, now: Date, retentionDays: number): Promise<number> {
  const cutoff = purgeCutoff(now, retentionDays);
  return db.transaction().execute(async (trx) => {
    const purged = await trx
      .updateTable('outbox')
      .set({ text_body: PURGED_BODY, html_body: `<p>${PURGED_BODY}</p>`, attachments: '[]', body_purged_at: now })
      .where('status', '=', 'sent')
      .where('body_purged_at', 'is', null)
      .where('sent_at', '<', cutoff)
      .returning(['la_code'])
      .execute();
    const perLa = new Map<string, number>();
    for (const r of purged) perLa.set(r.la_code, (perLa.get(r.la_code) ?? 0) + 1);
    for (const [laCode, count] of perLa) {
      const tenant = new TenantDb(trx, { laCode, userId: SYSTEM_USER, role: 'admin', userEmail: 'scheduled job' });
      await appendAudit(tenant, null, { action: 'outbox.bodies_purged', recordType: 'outbox_message', details: { count, retentionDays } });
    }
    return purged.length;
  });
}
