import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Audience } from './audience.js';
import { nextInSeries, updateHtml, updateText } from './format.js';

/*
 * Sending a provider update to thousands of addresses: set-based and resumable.
 * 1. When it is due, its addresses are written to bulletin_recipients in one statement (the
 *    setting's contact e-mail and its portal users, lower-cased; unique per update, so an address
 *    shared by several settings gets it once; unsubscribed addresses left out).
 * 2. Batches of addresses go into the outbox, each batch in its own transaction that also records the
 *    outbox id on the address: a crash loses at most the batch in flight, which was never committed,
 *    and the next run carries on with the addresses that have no outbox id. `skip locked` lets two
 *    instances share the work without queuing an address twice.
 */

export const BATCH = 1000;
const PLACEHOLDER = '%%UNSUBSCRIBE%%';

function audienceFilter(a: Audience): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`p.status = 'Active'`];
  if (a.urns.length) parts.push(sql`p.urn in (${sql.join(a.urns)})`);
  else {
    if (a.providerTypes.length) parts.push(sql`p.provider_type in (${sql.join(a.providerTypes)})`);
    if (a.registers.length) parts.push(sql`p.registers && array[${sql.join(a.registers)}]::text[]`);
    if (a.wards.length) parts.push(sql`lower(p.ward) in (${sql.join(a.wards.map((w) => w.toLowerCase()))})`);
    if (a.pathway) parts.push(sql`${sql.raw(a.pathway === 'open' ? '' : 'not ')}exists (select 1 from pathways pw where pw.urn = p.urn and pw.la_code = p.la_code and pw.status <> 'closed')`);
  }
  return sql.join(parts, sql` and `);
}

/** The addresses an audience reaches now (for the preview's count), without writing anything. */
export async function countAudience(db: Kysely<DB>, laCode: string, a: Audience): Promise<{ settings: number; addresses: number }> {
  const r = await sql<{ settings: number; addresses: number }>`
    with chosen as (select p.urn, p.contact_email from providers p where p.la_code = ${laCode} and ${audienceFilter(a)}),
    addresses as (
      select lower(trim(c.contact_email)) as email from chosen c where c.contact_email like '%@%'
      union
      select lower(u.email) from chosen c join provider_users pu on pu.urn = c.urn and pu.la_code = ${laCode} join users u on u.id = pu.user_id where u.active
    )
    select (select count(*)::int from chosen) as settings,
      (select count(*)::int from addresses a where not exists (select 1 from bulletin_unsubscribes x where x.la_code = ${laCode} and x.email = a.email)) as addresses`.execute(db);
  return r.rows[0]!;
}

async function writeRecipients(db: Kysely<DB>, b: { id: string; la_code: string; audience: unknown }): Promise<void> {
  const a = b.audience as Audience;
  await sql`
    insert into bulletin_recipients (la_code, bulletin_id, email, token)
    select ${b.la_code}, ${b.id}, e.email, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
    from (
      select lower(trim(p.contact_email)) as email from providers p where p.la_code = ${b.la_code} and ${audienceFilter(a)} and p.contact_email like '%@%'
      union
      select lower(u.email) from providers p join provider_users pu on pu.urn = p.urn and pu.la_code = p.la_code join users u on u.id = pu.user_id
      where p.la_code = ${b.la_code} and ${audienceFilter(a)} and u.active
    ) e
    where not exists (select 1 from bulletin_unsubscribes x where x.la_code = ${b.la_code} and x.email = e.email)
    on conflict (bulletin_id, email) do nothing`.execute(db);
}

/** The e-mail of an update, with the placeholder each address's unsubscribe link replaces. */
export function updateMessage(b: { title: string; body: string }, laName: string) {
  const footer = `You get provider updates from ${laName} because your setting is registered with us or uses EY Hub. To stop getting provider updates (you will still get e-mails about your setting's support, visits and funding): ${PLACEHOLDER}`;
  const text = `${b.title.toUpperCase()}\n\n${updateText(b.body)}\n\n--\n${footer}`;
  const html = `<!DOCTYPE html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><title>${escapeHtml(b.title)}</title></head>\n<body>\n<h1>${escapeHtml(b.title)}</h1>\n${updateHtml(b.body)}\n<hr>\n<p>${escapeHtml(footer).replace(PLACEHOLDER, `<a href="${PLACEHOLDER}">Unsubscribe from provider updates</a>`)}</p>\n</body>\n</html>`;
  return { subject: b.title, text, html };
}
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Queues the next batch of an update's addresses; returns how many (0: all queued). */
export async function queueBatch(db: Kysely<DB>, b: { id: string; la_code: string; title: string; body: string }, laName: string, publicBaseUrl: string, now: Date, size = BATCH): Promise<number> {
  const m = updateMessage(b, laName);
  const link = `${publicBaseUrl}/updates/unsubscribe/`;
  return db.transaction().execute(async (trx) => {
    const r = await sql<{ n: number }>`
      with batch as (
        select id, email, token from bulletin_recipients where bulletin_id = ${b.id} and outbox_id is null order by id limit ${size} for update skip locked
      ), queued as (
        insert into outbox (la_code, to_addresses, subject, text_body, html_body, attachments, next_attempt_at, created_at, record_type, record_id)
        select ${b.la_code}, array[batch.email], ${m.subject}, replace(${m.text}, ${PLACEHOLDER}, ${link} || batch.token), replace(${m.html}, ${PLACEHOLDER}, ${link} || batch.token), '[]'::jsonb, ${now}, ${now}, 'bulletin_recipient', batch.id::text
        from batch
        returning id, record_id
      ), marked as (
        update bulletin_recipients r set outbox_id = queued.id from queued where r.id::text = queued.record_id returning r.id
      )
      select count(*)::int as n from marked`.execute(trx);
    return r.rows[0]!.n;
  });
}

/** Marks the next due update as sending and writes its addresses (one transaction); false when none is due. */
export async function claimDue(db: Kysely<DB>, now: Date, onlyId?: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const due = await sql<{ id: string }>`
      select id from bulletins where status = 'scheduled' and send_at <= ${now} ${onlyId ? sql`and id = ${onlyId}` : sql``}
      order by send_at limit 1 for update skip locked`.execute(trx);
    const id = due.rows[0]?.id;
    if (!id) return false;
    const b = await trx.updateTable('bulletins').set({ status: 'sending' }).where('id', '=', id).returning(['id', 'la_code', 'audience']).executeTakeFirstOrThrow();
    await writeRecipients(trx, b);
    return true;
  });
}

/**
 * Sends every update that is due (and finishes any a crash left part-sent): for every LA, a
 * scheduled job and the "send now" button. A series schedules its next update when one is sent.
 */
export async function sendDueUpdates(db: Kysely<DB>, now: Date, publicBaseUrl: string, options: { batch?: number; onlyId?: string } = {}): Promise<{ updates: number; queued: number }> {
  let updates = 0;
  let queued = 0;
  for (;;) {
    const claimed = await claimDue(db, now, options.onlyId);
    const sending = await db.selectFrom('bulletins').innerJoin('local_authorities', 'local_authorities.la_code', 'bulletins.la_code')
      .select(['bulletins.id', 'bulletins.la_code', 'bulletins.title', 'bulletins.body', 'bulletins.send_at', 'bulletins.repeat', 'bulletins.audience', 'bulletins.created_by', 'local_authorities.name as la_name'])
      .where('bulletins.status', '=', 'sending').$if(Boolean(options.onlyId), (q) => q.where('bulletins.id', '=', options.onlyId!)).execute();
    if (!claimed && !sending.length) break;
    for (const b of sending) {
      for (let n = await queueBatch(db, b, b.la_name, publicBaseUrl, now, options.batch); n > 0; n = await queueBatch(db, b, b.la_name, publicBaseUrl, now, options.batch)) queued += n;
      await db.transaction().execute(async (trx) => {
        const done = await trx.updateTable('bulletins').set((eb) => ({ status: 'sent', sent_at: now, recipients: eb.selectFrom('bulletin_recipients').select((e) => e.fn.countAll<number>().as('n')).where('bulletin_id', '=', b.id) }))
          .where('id', '=', b.id).where('status', '=', 'sending').executeTakeFirst();
        let next = b.send_at ? nextInSeries(b.send_at, b.repeat) : null;
        while (next && next <= now) next = nextInSeries(next, b.repeat);
        if (done.numUpdatedRows > 0n && next) {
          await trx.insertInto('bulletins').values({ la_code: b.la_code, title: b.title, body: b.body, audience: JSON.stringify(b.audience), status: 'scheduled', send_at: next, repeat: b.repeat, created_by: b.created_by, created_at: now }).execute();
        }
      });
      updates++;
    }
  }
  return { updates, queued };
}
