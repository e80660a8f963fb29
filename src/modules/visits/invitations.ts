import type { TenantDb } from '../../db/tenant.js';
import { formatDateTime } from '../../platform/dates.js';
import { enqueue } from '../outbox/repository.js';
import { visitName } from '../pathways/presenters.js';
import { calendar, type CalendarEvent } from './ics.js';

/* A visit as a calendar event, and the e-mail that carries it to the setting. */

export async function visitEvent(tx: TenantDb, visitId: string): Promise<{ event: CalendarEvent; providerName: string; laName: string; inviteTo: string | null; companions: { name: string; email: string }[] } | null> {
  const v = await tx.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
  if (!v || !v.booked_for) return null;
  const provider = await tx.selectFrom('providers').select(['name', 'address_line1', 'town', 'postcode']).where('urn', '=', v.urn).executeTakeFirstOrThrow();
  const lead = v.adviser_id ? await tx.selectFrom('users').select(['name', 'email']).where('id', '=', v.adviser_id).executeTakeFirst() : undefined;
  const companions = v.accompanying.length ? await tx.selectFrom('users').select(['name', 'email']).where('id', 'in', v.accompanying).orderBy('name').execute() : [];
  const la = await tx.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', tx.scope.laCode).executeTakeFirstOrThrow());
  const providerName = provider.name ?? 'Childminder';
  const address = [provider.address_line1, provider.town, provider.postcode].filter(Boolean).join(', ');
  return {
    providerName,
    laName: la.name,
    inviteTo: v.invite_to,
    companions,
    event: {
      uid: `visit-${v.id}@ey-hub`,
      sequence: v.ics_sequence,
      start: v.booked_for,
      end: v.ends_at ?? new Date(v.booked_for.getTime() + 2 * 3_600_000),
      summary: `${la.name} Early Years visit: ${providerName} (${visitName(v)})`,
      location: [v.location, v.location === 'At the setting' ? address : ''].filter(Boolean).join(', '),
      description: [`Focus: ${v.focus}`, v.agenda ? `Agenda: ${v.agenda}` : '', v.with_sia ? 'The Senior Improvement Adviser will attend with the Improvement Adviser.' : ''].filter(Boolean).join('\n\n'),
      organizer: lead ? { name: lead.name, email: lead.email } : null,
      attendees: [...(v.invite_to ? [{ name: providerName, email: v.invite_to }] : []), ...companions],
      cancelled: v.status === 'cancelled',
    },
  };
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
    html: text.split('\n').map((l) => `<p>${l.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`).join(''),
    attachments: [{ filename: 'visit.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: Buffer.from(ics, 'utf8') }],
    record: { type: 'visit', id: visitId },
  }, now);
  return true;
}
