import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';

/** What the worker needs from nodemailer: a transport that sends one message. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string[];
    cc: string[];
    subject: string;
    text: string;
    html: string;
    attachments: { filename: string; contentType: string; content: Buffer }[];
    headers: Record<string, string>;
  }): Promise<unknown>;
}

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min … capped at an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** How long a message is retried before it fails for good: a working day of mail-server outage, not an hour. */
export const RETRY_SPAN_SECONDS = 8 * 3600;

/** The number of attempts whose waits add up to at least `spanSeconds` (the first attempt is at once). */
export function attemptsToSpan(spanSeconds: number, backoff: (attempts: number) => number = backoffSeconds): number {
  let attempts = 1;
  for (let waited = 0; waited < spanSeconds; attempts++) waited += backoff(attempts);
  return attempts;
}

/** 15: about 8 hours 3 minutes from the first attempt to the last. */
export const MAX_ATTEMPTS = attemptsToSpan(RETRY_SPAN_SECONDS);

/** A message claimed by a worker that has not finished with it after this long is claimed again. */
export const RECLAIM_AFTER_MS = 5 * 60_000;

/**
 * nodemailer's SMTP timeouts. Each is well below RECLAIM_AFTER_MS, and so is their sum, so a slow
 * mail server makes the send fail (and be retried) before another worker could claim the message
 * again and send it a second time. (nodemailer's own socket timeout is 10 minutes: longer than the
 * reclaim age.)
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 } as const;

/** The transport options for an SMTP_URL: the URL, with the timeouts above. */
export function smtpTransportOptions(url: string): { url: string } & typeof SMTP_TIMEOUTS {
  return { url, ...SMTP_TIMEOUTS };
}

interface Claimed {
  id: string;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  text_body: string;
  html_body: string;
  attachments: { filename: string; contentType: string; contentBase64: string }[];
  attempts: number;
}

/**
 * Claims due messages (`FOR UPDATE SKIP LOCKED`, so several app instances can run this), sends each
 * outside any transaction, then records sent, or failed with the reason and the next attempt.
 * A message claimed by a worker that died is claimed again after RECLAIM_AFTER_MS (five minutes).
 */
export async function deliverDue(db: Kysely<DB>, transport: MailTransport, from: string, clock: Clock, batch = 10): Promise<{ sent: number; failed: number }> {
  const now = clock.now();
  const stale = new Date(now.getTime() - RECLAIM_AFTER_MS);
  const claimed = await sql<Claimed>`
    update outbox set status = 'sending', claimed_at = ${now}, attempts = attempts + 1
    where id in (
      select id from outbox
      where (status = 'queued' and next_attempt_at <= ${now}) or (status = 'sending' and claimed_at < ${stale})
      order by next_attempt_at, created_at limit ${batch}
      for update skip locked)
    returning id, to_addresses, cc_addresses, subject, text_body, html_body, attachments, attempts`.execute(db);
  let sent = 0;
  let failed = 0;
  for (const m of claimed.rows) {
    try {
      const info = (await transport.sendMail({
        from,
        to: m.to_addresses,
        cc: m.cc_addresses,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
        headers: { 'X-EY-Hub-Message': m.id },
      })) as { rejected?: (string | { address: string })[]; rejectedErrors?: { message: string }[] } | undefined;
      const refused = (info?.rejected ?? []).map((r) => (typeof r === 'string' ? r : r.address));
      if (refused.length) {
        // delivered to the others: not retried (that would send it twice), but reported
        const why = info?.rejectedErrors?.[0]?.message ?? 'refused by the mail server';
        await db.updateTable('outbox').set({ status: 'failed', sent_at: clock.now(), last_error: `Not delivered to ${refused.join(', ')}: ${why}`.slice(0, 500) }).where('id', '=', m.id).execute();
        failed++;
        continue;
      }
      await db.updateTable('outbox').set({ status: 'sent', sent_at: clock.now(), last_error: null }).where('id', '=', m.id).execute();
      sent++;
    } catch (error) {
      const reason = (error as Error).message.slice(0, 500);
      // a permanent refusal (5xx: no such mailbox, invalid address) is reported at once, not retried
      const code = (error as { responseCode?: number }).responseCode ?? 0;
      const giveUp = m.attempts >= MAX_ATTEMPTS || code >= 500 || /recipients were rejected/i.test(reason);
      await db
        .updateTable('outbox')
        .set({ status: giveUp ? 'failed' : 'queued', last_error: reason, next_attempt_at: new Date(clock.now().getTime() + backoffSeconds(m.attempts) * 1000) })
        .where('id', '=', m.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}

/** Runs deliverDue every few seconds until stopped (only when an SMTP server is configured). */
export function startMailWorker(db: Kysely<DB>, transport: MailTransport, from: string, clock: Clock, log: { error(obj: unknown, msg: string): void }, everyMs = 5000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => deliverDue(db, transport, from, clock)).catch((error: unknown) => log.error({ err: error }, 'mail worker failed'));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
