import type { TenantDb } from '../../db/tenant.js';
import { formatDateTime } from '../../platform/dates.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { visitName } from '../pathways/index.js';
import { calendar, type CalendarEvent } from './ics.js';

/* A visit as a calendar event, and the e-mail that carries it to the setting. */

export interface VisitEvent {
  event: CalendarEvent;
  providerName: string;
  laName: string;
  inviteTo: string | null;
  companions: { name: string; email: string }[];
}

/** Booked visits as calendar events: three queries whatever the number of visits (the feed asks for hundreds). */
export async function visitEvents(tx: TenantDb, visitIds: readonly string[]): Promise<VisitEvent[]> {
  if (visitIds.length === 0) return [];
  const visits = await tx
    .selectFrom('visits')
    .innerJoin('providers', 'providers.urn', 'visits.urn')
    .leftJoin('users as lead', 'lead.id', 'visits.adviser_id')
    .selectAll('visits')
    .select(['providers.name as provider_name', 'providers.address_line1', 'providers.town', 'providers.postcode', 'lead.name as lead_name', 'lead.email as lead_email'])
    .where('visits.id', 'in', visitIds)
    .where('visits.booked_for', 'is not', null)
    .orderBy('visits.booked_for')
    .execute();
  const companionIds = [...new Set(visits.flatMap((v) => v.accompanying))];
  const people = companionIds.length ? await tx.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', companionIds).orderBy('name').execute() : [];
  const la = await tx.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', tx.scope.laCode).executeTakeFirstOrThrow());
  return visits.map((v) => {
    const bookedFor = v.booked_for!;
    const companions = people.filter((p) => v.accompanying.includes(p.id)).map(({ name, email }) => ({ name, email }));
    const providerName = v.provider_name ?? 'Childminder';
    const address = [v.address_line1, v.town, v.postcode].filter(Boolean).join(', ');
    return {
      providerName,
      laName: la.name,
      inviteTo: v.invite_to,
      companions,
      event: {
        uid: `visit-${v.id}@ey-hub`,
        sequence: v.ics_sequence,
        start: bookedFor,
        end: v.ends_at ?? new Date(bookedFor.getTime() + 2 * 3_600_000),
        summary: `${la.name} Early Years visit: ${providerName} (${visitName(v)})`,
        location: [v.location, v.location === 'At the setting' ? address : ''].filter(Boolean).join(', '),
        description: [`Focus: ${v.focus}`, v.agenda ? `Agenda: ${v.agenda}` : '', v.with_sia ? 'The Senior Improvement Adviser will attend with the Improvement Adviser.' : ''].filter(Boolean).join('\n\n'),
        organizer: v.lead_name && v.lead_email ? { name: v.lead_name, email: v.lead_email } : null,
        attendees: [...(v.invite_to ? [{ name: providerName, email: v.invite_to }] : []), ...companions],
        cancelled: v.status === 'cancelled',
      },
    };
  });
}

export async function visitEvent(tx: TenantDb, visitId: string): Promise<VisitEvent | null> {
  return (await visitEvents(tx, [visitId]))[0] ?? null;
}

/** Queues the invitation (or its update or cancellation) to the setting, copied to the lead visitor and accompanying staff. */
export async function sendInvitation(tx: TenantDb, visitId: string, method: 'REQUEST' | 'CANCEL', now: Date): Promise<boolean> {
  const found = await visitEvent(tx, visitId);
  if (!found?.inviteTo) return false;
  const { event, providerName, laName, inviteTo, companions } = found;
  const ics = calendar([event], { method, now });
  const when = formatDateTime(event.start);
  const subject = method === 'CANCEL' ? `Cancelled: visit to ${providerName} on ${when}` : event.sequence > 0 ? `Changed: visit to ${providerName} on ${when}` : `Visit to ${providerName} on ${when}`;
  const text = method === 'CANCEL'
    ? `The visit to ${providerName} on ${when} has been cancelled.\n\n${laName} Early Years and Childcare`
    : `${laName} Early Years and Childcare will visit ${providerName} on ${when}.\nWhere: ${event.location}\n\n${event.description}\n\nThe attached invitation adds the visit to your calendar.`;
  await enqueue(tx, {
    to: [inviteTo],
    cc: [...new Set([...(event.organizer ? [event.organizer.email] : []), ...companions.map((c) => c.email)])],
    subject,
    text,
    html: textToHtml(text),
    attachments: [{ filename: 'visit.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: Buffer.from(ics, 'utf8') }],
    record: { type: 'visit', id: visitId },
  }, now);
  return true;
}
