import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { Attendance, DB } from '../../db/types.js';
import { englandCalendar } from '../../platform/calendar.js';
import { londonDate } from '../../platform/dates.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { mailBooked, mailCancelled, mailCertificate, mailReminder, mailReplaced, mailWaiting } from './mail.js';
import { getBooking, getSession, loadRules } from './repository.js';
import { cancellationCharge, placesFor, placesForWaitingList, priceOfPlace } from './rules.js';

/* Booking, cancelling, substituting, the register and certificates, reminders and evaluations. Each change and its e-mails commit together. */

const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';

export interface NewAttendee {
  name: string;
  email: string;
}

async function lockSession(tx: TenantDb, sessionId: string) {
  // one booking, cancellation or register at a time per session, so two settings cannot take the last place
  const row = await tx.selectFrom('event_sessions').select('id').where('id', '=', sessionId).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError();
  return getSession(tx, sessionId);
}

async function settingName(tx: TenantDb, urn: string): Promise<string> {
  const p = await tx.selectFrom('providers').select('name').where('urn', '=', urn).executeTakeFirst();
  if (!p) throw new NotFoundError();
  return p.name ?? 'Your setting';
}

/** Addresses already holding or waiting for a place on the session. */
async function alreadyOn(tx: TenantDb, sessionId: string, emails: string[]): Promise<string[]> {
  if (!emails.length) return [];
  const rows = await tx.selectFrom('event_bookings').select('attendee_email').where('session_id', '=', sessionId).where('status', '<>', 'cancelled').where(sql<string>`lower(attendee_email)`, 'in', emails.map((e) => e.toLowerCase())).execute();
  return rows.map((r) => r.attendee_email.toLowerCase());
}

export type BookingResult = { ok: true; booked: number; waiting: number } | { ok: false; reason: string; duplicates?: string[] };

/**
 * Books places on a session for named staff of a setting: as many as are free, the others on the
 * waiting list (in the order asked). Each attendee is e-mailed (a place comes with the calendar file).
 */
export async function bookPlaces(tenant: TenantDb, input: { sessionId: string; urn: string; attendees: NewAttendee[] }, now: Date): Promise<BookingResult> {
  return tenant.transaction(async (tx) => {
    const session = await lockSession(tx, input.sessionId);
    const name = await settingName(tx, input.urn);
    const duplicates = await alreadyOn(tx, session.id, input.attendees.map((a) => a.email));
    if (duplicates.length) return { ok: false, reason: 'already booked', duplicates };
    const decision = placesFor({ capacity: session.capacity, taken: session.taken, bookingDeadline: session.booking_deadline, startsAt: session.starts_at }, input.attendees.length, now);
    if (decision.kind === 'closed') return { ok: false, reason: decision.reason };
    const price = priceOfPlace(session);
    for (const [i, a] of input.attendees.entries()) {
      const status = i < decision.booked ? 'booked' : 'waiting';
      const row = await tx
        .insertInto('event_bookings', { session_id: session.id, urn: input.urn, attendee_name: a.name, attendee_email: a.email, status, requested_at: new Date(now.getTime() + i), booked_by: tx.scope.userId, charge_pence: price, cancelled_at: null, cancelled_by: null, attendance: null, certificate_sent_at: null, reminder_sent_at: null, evaluation_token: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const attendee = { id: row.id, attendee_name: a.name, attendee_email: a.email };
      if (status === 'booked') await mailBooked(tx, session, attendee, name, now);
      else await mailWaiting(tx, session, attendee, now);
    }
    return { ok: true, booked: decision.booked, waiting: decision.waiting };
  });
}

/** What cancelling this booking today would cost (shown before the setting confirms). */
export async function cancellationQuote(tenant: TenantDb, bookingId: string, now: Date, urn?: string) {
  const booking = await getBooking(tenant, bookingId, urn);
  const session = await getSession(tenant, booking.session_id);
  const rules = await loadRules(tenant);
  return { booking, session, ...cancellationCharge({ sessionDate: londonDate(session.starts_at), cancelDate: londonDate(now), placePence: booking.charge_pence, wasBooked: booking.status === 'booked', rules, calendar: englandCalendar() }) };
}

/**
 * Cancels a place (or a waiting-list place): late cancellations are charged by the LA's rule; a freed
 * place goes to the first on the waiting list, who is e-mailed.
 */
export async function cancelBooking(tenant: TenantDb, bookingId: string, now: Date, urn?: string): Promise<{ pence: number; promoted: string[] }> {
  return tenant.transaction(async (tx) => {
    const first = await getBooking(tx, bookingId, urn);
    const session = await lockSession(tx, first.session_id);
    const { booking, pence } = await cancellationQuote(tx, bookingId, now, urn);
    if (booking.status === 'cancelled') throw new ConflictError('This place is already cancelled');
    if (now >= session.starts_at) throw new ConflictError('The session has started: a place cannot be cancelled now');
    await tx.updateTable('event_bookings').set({ status: 'cancelled', cancelled_at: now, cancelled_by: tx.scope.userId, cancellation_charge_pence: pence }).where('id', '=', booking.id).execute();
    await mailCancelled(tx, session, booking, pence, now);
    const promoted = await fillFromWaitingList(tx, session, now);
    return { pence, promoted };
  });
}

async function fillFromWaitingList(tx: TenantDb, session: Awaited<ReturnType<typeof getSession>>, now: Date): Promise<string[]> {
  const bookings = await tx.selectFrom('event_bookings').select(['id', 'status', 'requested_at', 'attendee_name', 'attendee_email', 'urn']).where('session_id', '=', session.id).execute();
  const next = placesForWaitingList(session.capacity, bookings, session.starts_at, now);
  for (const b of next) {
    await tx.updateTable('event_bookings').set({ status: 'booked', charge_pence: priceOfPlace(session) }).where('id', '=', b.id).execute();
    await mailBooked(tx, session, b, await settingName(tx, b.urn), now, true);
  }
  return next.map((b) => b.id);
}

/** A setting gives a place to another member of its staff: the new attendee gets the place and the calendar file, the old one is told. */
export async function substitute(tenant: TenantDb, bookingId: string, attendee: NewAttendee, now: Date, urn?: string): Promise<{ ok: boolean; reason?: string }> {
  return tenant.transaction(async (tx) => {
    const first = await getBooking(tx, bookingId, urn);
    const session = await lockSession(tx, first.session_id);
    const booking = await getBooking(tx, bookingId, urn);
    if (booking.status === 'cancelled') return { ok: false, reason: 'This place is cancelled' };
    if (now >= session.starts_at) return { ok: false, reason: 'The session has started' };
    if ((await alreadyOn(tx, session.id, [attendee.email])).length) return { ok: false, reason: `${attendee.email} already has a place or is on the waiting list` };
    await tx.updateTable('event_bookings').set({ attendee_name: attendee.name, attendee_email: attendee.email, reminder_sent_at: null }).where('id', '=', booking.id).execute();
    await mailReplaced(tx, session, booking, attendee.name, now);
    const replacement = { id: booking.id, attendee_name: attendee.name, attendee_email: attendee.email };
    if (booking.status === 'booked') await mailBooked(tx, session, replacement, await settingName(tx, booking.urn), now);
    else await mailWaiting(tx, session, replacement, now);
    return { ok: true };
  });
}

/**
 * The register on the day: attended or did not attend for each place. Attendees marked as attended
 * are e-mailed their certificate (once) with a link to the evaluation form.
 */
export async function takeRegister(tenant: TenantDb, sessionId: string, marks: Map<string, Attendance>, now: Date, publicBaseUrl: string): Promise<{ certificates: number }> {
  return tenant.transaction(async (tx) => {
    const session = await lockSession(tx, sessionId);
    if (londonDate(now) < londonDate(session.starts_at)) throw new ConflictError('The register can be taken from the day of the session');
    const la = await tx.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', tx.scope.laCode).executeTakeFirstOrThrow());
    const places = await tx.selectFrom('event_bookings').select(['id', 'urn', 'attendee_name', 'attendee_email', 'certificate_sent_at']).where('session_id', '=', session.id).where('status', '=', 'booked').execute();
    let certificates = 0;
    for (const place of places) {
      const mark = marks.get(place.id);
      if (!mark) continue;
      await tx.updateTable('event_bookings').set({ attendance: mark }).where('id', '=', place.id).execute();
      if (mark === 'attended' && !place.certificate_sent_at) {
        const token = randomBytes(24).toString('base64url');
        await tx.updateTable('event_bookings').set({ certificate_sent_at: now, evaluation_token: token }).where('id', '=', place.id).execute();
        await mailCertificate(tx, session, place, await settingName(tx, place.urn), la.name, `${publicBaseUrl}/training/evaluation/${token}`, now);
        certificates++;
      }
    }
    await tx.updateTable('event_sessions').set({ register_taken_at: now }).where('id', '=', session.id).execute();
    return { certificates };
  });
}

/**
 * Reminds each attendee with a place, from the London day the LA's reminder days before the session, once (the
 * calendar file again). Runs for every LA (a scheduled job); safe to run as often as wanted.
 */
export async function remindSessions(db: Kysely<DB>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await sql<{ la_code: string; id: string; session_id: string; attendee_name: string; attendee_email: string }>`
      update event_bookings b set reminder_sent_at = ${now}
      from event_sessions s left join event_rules r on r.la_code = s.la_code
      where s.id = b.session_id and b.status = 'booked' and b.reminder_sent_at is null
        and s.starts_at > ${now}
        and (s.starts_at at time zone 'Europe/London')::date - coalesce(r.reminder_days, 2) <= (${now}::timestamptz at time zone 'Europe/London')::date
      returning b.la_code, b.id, b.session_id, b.attendee_name, b.attendee_email`.execute(trx);
    for (const b of due.rows) {
      const tenant = new TenantDb(trx, { laCode: b.la_code, userId: SYSTEM_USER, role: 'admin', userEmail: 'scheduled job' });
      await mailReminder(tenant, await getSession(tenant, b.session_id), b, now);
    }
    return due.rows.length;
  });
}

/** The place an evaluation link belongs to (the link is a secret): its LA, session and whether it was answered. */
export async function evaluationFor(db: Kysely<DB>, token: string) {
  if (token.length < 20) return null;
  const booking = await db.selectFrom('event_bookings').select(['id', 'la_code', 'session_id', 'attendee_name']).where('evaluation_token', '=', token).executeTakeFirst();
  if (!booking) return null;
  const tenant = new TenantDb(db, { laCode: booking.la_code, userId: SYSTEM_USER, role: 'admin', userEmail: 'evaluation form' });
  const session = await getSession(tenant, booking.session_id);
  const answered = await tenant.selectFrom('event_evaluations').select('id').where('booking_id', '=', booking.id).executeTakeFirst();
  return { booking, session, tenant, answered: Boolean(answered) };
}

export async function saveEvaluation(tenant: TenantDb, booking: { id: string; session_id: string }, answers: { rating: number; learned: string; improve: string }, now: Date): Promise<void> {
  await tenant.insertInto('event_evaluations', { booking_id: booking.id, session_id: booking.session_id, rating: answers.rating, learned: answers.learned, improve: answers.improve, submitted_at: now }).onConflict((oc) => oc.column('booking_id').doNothing()).execute();
}
