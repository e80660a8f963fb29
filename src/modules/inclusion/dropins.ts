import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { englandCalendar } from '../../platform/calendar.js';
import type { ActionContext } from '../../platform/context.js';
import { formatDate, londonDate, londonInstant } from '../../platform/dates.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import * as repo from './repository.js';
import { dropinDates, paperworkMissing, slotTimes } from './rules.js';

/*
 * SEND drop-ins (ADR 0027): a series of online sessions every few weeks, each with bookable slots.
 * Built here because no training/events module exists yet; its tables are the series and its
 * slots, so such a module can take them over as sessions and bookings.
 */

export interface SeriesInput { title: string; startsOn: string; untilOn: string; everyWeeks: number; firstSlot: string; minutes: number; slots: number; meetingLink: string }

export async function createSeries(ctx: ActionContext, input: SeriesInput): Promise<number> {
  return ctx.tenant.transaction(async (tx) => {
    const series = await tx.insertInto('inclusion_dropin_series', { title: input.title, starts_on: input.startsOn, until_on: input.untilOn, every_weeks: input.everyWeeks, meeting_link: input.meetingLink, host_id: ctx.user.id, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
    const dates = dropinDates(input.startsOn, input.untilOn, input.everyWeeks, englandCalendar());
    const slots = dates.flatMap((d) => slotTimes(input.firstSlot, input.minutes, input.slots).map((t) => ({ series_id: series.id, on_date: d, starts_at: t, minutes: input.minutes })));
    if (slots.length) await tx.insertInto('inclusion_dropin_slots', slots).execute();
    await appendAudit(tx, ctx.ip, { action: 'inclusion_dropin.series_created', recordType: 'inclusion_dropin_series', recordId: series.id, details: { sessions: dates.length, slots: slots.length } });
    return dates.length;
  });
}

const slotColumns = ['inclusion_dropin_slots.id', 'inclusion_dropin_slots.on_date', 'inclusion_dropin_slots.starts_at', 'inclusion_dropin_slots.minutes', 'inclusion_dropin_slots.urn', 'inclusion_dropin_slots.paperwork', 'inclusion_dropin_slots.paperwork_at', 'inclusion_dropin_slots.attended', 'inclusion_dropin_slots.note', 'inclusion_dropin_series.title', 'inclusion_dropin_series.meeting_link', 'inclusion_dropin_series.host_id'] as const;

/** Slots from `from` on; for a provider user only free ones and their setting's own. */
export function slots(tenant: TenantDb, from: string, urn?: string) {
  let q = tenant.selectFrom('inclusion_dropin_slots')
    .innerJoin('inclusion_dropin_series', 'inclusion_dropin_series.id', 'inclusion_dropin_slots.series_id')
    .leftJoin('providers', 'providers.urn', 'inclusion_dropin_slots.urn')
    .select([...slotColumns, 'providers.name as provider_name'])
    .where('inclusion_dropin_slots.on_date', '>=', from)
    .orderBy('inclusion_dropin_slots.on_date').orderBy('inclusion_dropin_slots.starts_at');
  if (urn) q = q.where((eb) => eb.or([eb('inclusion_dropin_slots.urn', 'is', null), eb('inclusion_dropin_slots.urn', '=', urn)]));
  return q.execute();
}
export type Slot = Awaited<ReturnType<typeof slots>>[number];

export async function findSlot(tenant: TenantDb, id: string, urn?: string): Promise<Slot> {
  const all = await tenant.selectFrom('inclusion_dropin_slots').innerJoin('inclusion_dropin_series', 'inclusion_dropin_series.id', 'inclusion_dropin_slots.series_id').leftJoin('providers', 'providers.urn', 'inclusion_dropin_slots.urn')
    .select([...slotColumns, 'providers.name as provider_name']).where('inclusion_dropin_slots.id', '=', id).execute();
  const slot = all[0];
  if (!slot || (urn && slot.urn !== null && slot.urn !== urn)) throw new NotFoundError();
  return slot;
}

/** Flags each slot whose booking has no paperwork two working days before. */
export function withFlags<S extends { on_date: string; urn: string | null; paperwork: string | null }>(rows: readonly S[], today: string) {
  return rows.map((s) => ({ ...s, flagged: paperworkMissing({ onDate: s.on_date, booked: s.urn !== null, hasPaperwork: Boolean(s.paperwork) }, today, englandCalendar()) }));
}

const icsStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** The slot as an iCalendar event (times in UTC), the online link as its location. */
export function slotIcs(slot: Pick<Slot, 'id' | 'on_date' | 'starts_at' | 'minutes' | 'title' | 'meeting_link'>, now: Date): string {
  const start = londonInstant(slot.on_date, slot.starts_at);
  const end = new Date(start.getTime() + slot.minutes * 60_000);
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//EY Hub//SEND drop-ins//EN', 'METHOD:PUBLISH', 'BEGIN:VEVENT', `UID:dropin-${slot.id}@ey-hub`, `DTSTAMP:${icsStamp(now)}`, `DTSTART:${icsStamp(start)}`, `DTEND:${icsStamp(end)}`, `SUMMARY:${icsText(slot.title)}`, `LOCATION:${icsText(slot.meeting_link)}`, `DESCRIPTION:${icsText(`Join online: ${slot.meeting_link}`)}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
}

/** A setting books a free slot (with its paperwork, or paperwork to follow), or adds the paperwork to its booking; it is e-mailed the calendar invitation. */
export async function bookSlot(ctx: ActionContext, urn: string, id: string, paperwork: string | null): Promise<'booked' | 'paperwork'> {
  return ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    const slot = await findSlot(tx, id, urn);
    if (slot.on_date < londonDate(now)) throw new ConflictError('This drop-in has passed');
    if (slot.urn === urn) {
      if (!paperwork) throw new ConflictError('Enter the paperwork');
      await tx.updateTable('inclusion_dropin_slots').set({ paperwork, paperwork_at: now }).where('id', '=', id).execute();
      await appendAudit(tx, ctx.ip, { action: 'inclusion_dropin.paperwork_added', recordType: 'provider', recordId: urn, details: { slot: id } });
      return 'paperwork';
    }
    const taken = await tx.updateTable('inclusion_dropin_slots').set({ urn, booked_by: ctx.user.id, booked_at: now, paperwork, paperwork_at: paperwork ? now : null }).where('id', '=', id).where('urn', 'is', null).executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new ConflictError('Someone has just booked this slot: choose another');
    const host = await tx.selectFrom('users').select('email').where('id', '=', slot.host_id).executeTakeFirst();
    const when = `${formatDate(slot.on_date)} at ${slot.starts_at}`;
    const body = `Your SEND drop-in is booked for ${when} (${slot.minutes} minutes), online: ${slot.meeting_link}\n\n${paperwork ? 'Thank you for completing the paperwork.' : 'To get the most out of the virtual appointment, please complete the paperwork beforehand from your setting’s page in EY Hub.'}`;
    await enqueue(tx, { to: await repo.settingAddresses(tx, urn), cc: host ? [host.email] : [], subject: `SEND drop-in booked: ${when}`, text: body, html: textToHtml(body), attachments: [{ filename: 'send-drop-in.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: Buffer.from(slotIcs(slot, now)) }], record: { type: 'inclusion_dropin_slot', id } }, now);
    await appendAudit(tx, ctx.ip, { action: 'inclusion_dropin.booked', recordType: 'provider', recordId: urn, details: { slot: id, paperwork: Boolean(paperwork) } });
    return 'booked';
  });
}

/** The hourly reminder: two working days before a booked drop-in, the setting (and the host) are reminded, asked for the paperwork if it is missing. */
export async function remindDropins(db: Kysely<DB>, now: Date): Promise<number> {
  const today = londonDate(now);
  const due = await db.selectFrom('inclusion_dropin_slots').innerJoin('inclusion_dropin_series', 'inclusion_dropin_series.id', 'inclusion_dropin_slots.series_id')
    .select([...slotColumns, 'inclusion_dropin_slots.la_code']).where('inclusion_dropin_slots.urn', 'is not', null).where('inclusion_dropin_slots.reminded_at', 'is', null).where('inclusion_dropin_slots.on_date', '>=', today).execute();
  let sent = 0;
  for (const slot of due) {
    if (!paperworkMissing({ onDate: slot.on_date, booked: true, hasPaperwork: false }, today, englandCalendar())) continue;
    const tenant = new TenantDb(db, { laCode: slot.la_code, userId: '00000000-0000-0000-0000-000000000000', role: 'admin', userEmail: 'scheduled job' });
    await tenant.transaction(async (tx) => {
      const host = await tx.selectFrom('users').select('email').where('id', '=', slot.host_id).executeTakeFirst();
      const body = `Reminder: your SEND drop-in is on ${formatDate(slot.on_date)} at ${slot.starts_at}, online: ${slot.meeting_link}${slot.paperwork ? '' : '\n\nWe have not received the paperwork yet: please complete it beforehand from your setting’s page in EY Hub.'}`;
      await enqueue(tx, { to: await repo.settingAddresses(tx, slot.urn!), cc: host ? [host.email] : [], subject: `Reminder: SEND drop-in on ${formatDate(slot.on_date)}`, text: body, html: textToHtml(body), record: { type: 'inclusion_dropin_slot', id: slot.id } }, now);
      await tx.updateTable('inclusion_dropin_slots').set({ reminded_at: now }).where('id', '=', slot.id).execute();
    });
    sent++;
  }
  return sent;
}
