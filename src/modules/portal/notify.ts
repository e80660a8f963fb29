import { sql, type Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { addDays, formatDate, formatDateTime, londonDate } from '../../platform/dates.js';
import { enqueue, textToHtml } from '../outbox/index.js';

/*
 * E-mails to the people at a setting who use the portal: a new or moved visit, a note of visit sent,
 * and actions due within 7 days. They go through the outbox in the same transaction as the change.
 */

async function portalPeople(tx: TenantDb, urn: string) {
  return tx
    .selectFrom('provider_users')
    .innerJoin('users', 'users.id', 'provider_users.user_id')
    .select(['users.id', 'users.email', 'users.name'])
    .where('provider_users.urn', '=', urn)
    .where('users.active', '=', true)
    .execute();
}

/** One e-mail to each portal user of the setting (except addresses already sent the same news). */
export async function notifySetting(tx: TenantDb, urn: string, message: { subject: string; body: string; record: { type: string; id: string }; skip?: string[] }, now: Date): Promise<number> {
  const skip = new Set((message.skip ?? []).map((e) => e.toLowerCase()));
  const people = (await portalPeople(tx, urn)).filter((p) => !skip.has(p.email.toLowerCase()));
  for (const person of people) {
    const text = `Hello ${person.name},\n\n${message.body}\n\nSign in to EY Hub to see the details.`;
    await enqueue(tx, { to: [person.email], subject: message.subject, text, html: textToHtml(text), record: message.record }, now);
  }
  return people.length;
}

export const REMINDER_DAYS = 7;

/**
 * Reminds each setting's portal users of the open actions due within the next 7 days: one e-mail
 * per person listing them, once per action and due date (a moved due date is reminded again).
 * Runs for every LA (a scheduled job); safe to run as often as wanted.
 */
export async function remindDueActions(db: Kysely<DB>, now: Date): Promise<{ emails: number; actions: number }> {
  const today = londonDate(now);
  const until = addDays(today, REMINDER_DAYS);
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ la_code: string; item_id: string; urn: string; action: string; due_date: string }>`
      with due as (
        select i.la_code, i.id, i.urn, i.action, i.due_date from action_plan_items i
        where i.status in ('not_started', 'in_progress') and i.due_date between ${today}::date and ${until}::date
          and exists (select 1 from provider_users pu where pu.urn = i.urn)
      ), claimed as (
        insert into due_reminders (la_code, item_id, due_date, sent_at)
        select la_code, id, due_date, ${now} from due
        on conflict (item_id, due_date) do nothing
        returning item_id
      )
      select due.la_code, due.id as item_id, due.urn, due.action, due.due_date::text as due_date
      from due join claimed on claimed.item_id = due.id
      order by due.la_code, due.urn, due.due_date`.execute(trx);
    const byProvider = new Map<string, typeof claimed.rows>();
    for (const row of claimed.rows) byProvider.set(`${row.la_code}|${row.urn}`, [...(byProvider.get(`${row.la_code}|${row.urn}`) ?? []), row]);
    let emails = 0;
    for (const [key, rows] of byProvider) {
      const [laCode, urn] = key.split('|') as [string, string];
      // a system job: no signed-in user, so the nil id (nothing here writes the audit log)
      const tenant = new TenantDb(trx, { laCode, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
      const list = rows.map((r) => `- ${r.action} (due ${formatDate(r.due_date)})`).join('\n');
      emails += await notifySetting(tenant, urn, {
        subject: rows.length === 1 ? 'An action on your action plan is due soon' : `${rows.length} actions on your action plan are due soon`,
        body: `${rows.length === 1 ? 'This action is' : 'These actions are'} due in the next ${REMINDER_DAYS} days:\n${list}\n\nWhen you have done something, update the action so your adviser can see it.`,
        record: { type: 'provider', id: urn },
      }, now);
    }
    return { emails, actions: claimed.rows.length };
  });
}

/** A visit was booked or moved: the setting's portal users hear of it (the invited address already has the invitation). */
export async function notifyVisitBooked(tx: TenantDb, e: { visitId: string; urn: string; rebooked: boolean; start: Date; location: string; inviteEmail: string | null }, now: Date): Promise<void> {
  await notifySetting(tx, e.urn, {
    subject: e.rebooked ? 'Your visit has changed' : 'A visit is booked',
    body: `${e.rebooked ? 'Your visit from the Early Years and Childcare team has moved to' : 'The Early Years and Childcare team will visit on'} ${formatDateTime(e.start)}${e.location ? ` (${e.location})` : ''}. You can confirm it, ask for a different date or add it to your calendar in EY Hub.`,
    record: { type: 'visit', id: e.visitId },
    skip: e.inviteEmail ? [e.inviteEmail] : [],
  }, now);
}
