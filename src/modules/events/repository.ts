import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { CourseFunding } from '../../db/types.js';
import { NotFoundError } from '../../platform/errors.js';
import { providerNameColumn } from '../providers/index.js';
import { defaultBookingRules, type BookingRules } from './rules.js';

/* Training and events: every query limited to the LA (TenantDb); the portal's also to the setting. */

export const kindLabels: Record<string, string> = { training: 'Training course', workshop: 'Workshop', conference: 'Conference', forum: 'Forum', network: 'Network meeting', event: 'Event' };

export async function loadRules(tenant: TenantDb): Promise<BookingRules> {
  const row = await tenant.selectFrom('event_rules').selectAll().executeTakeFirst();
  return row ? { freeCancellationWorkingDays: row.free_cancellation_working_days, lateCancellationPercent: row.late_cancellation_percent, reminderDays: row.reminder_days } : defaultBookingRules;
}

export async function saveRules(tenant: TenantDb, rules: BookingRules, now: Date): Promise<void> {
  const values = { free_cancellation_working_days: rules.freeCancellationWorkingDays, late_cancellation_percent: rules.lateCancellationPercent, reminder_days: rules.reminderDays, updated_at: now, updated_by: tenant.scope.userId };
  await tenant.insertInto('event_rules', values).onConflict((oc) => oc.column('la_code').doUpdateSet(values)).execute();
}

export interface CourseInput {
  title: string;
  kind: string;
  audience: string;
  description: string;
  funding: CourseFunding;
  pricePence: number;
  team: string;
}

export async function createCourse(tenant: TenantDb, c: CourseInput, now: Date): Promise<string> {
  const row = await tenant
    .insertInto('event_courses', { title: c.title, kind: c.kind, audience: c.audience, description: c.description, funding: c.funding, price_pence: c.funding === 'free' ? 0 : c.pricePence, team: c.team, created_by: tenant.scope.userId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getCourse(tenant: TenantDb, id: string) {
  const row = await tenant.selectFrom('event_courses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

const taken = sql<number>`(select count(*)::int from event_bookings b where b.session_id = event_sessions.id and b.status = 'booked')`;
const waiting = sql<number>`(select count(*)::int from event_bookings b where b.session_id = event_sessions.id and b.status = 'waiting')`;

/** The catalogue: every course with its next session and how many sessions are still to come. */
export async function listCourses(tenant: TenantDb, now: Date) {
  return tenant
    .selectFrom('event_courses')
    .select((eb) => [
      'event_courses.id', 'event_courses.title', 'event_courses.kind', 'event_courses.audience', 'event_courses.funding', 'event_courses.price_pence', 'event_courses.team',
      eb.selectFrom('event_sessions as s').select((e) => e.fn.min('s.starts_at').as('n')).whereRef('s.course_id', '=', 'event_courses.id').where('s.starts_at', '>', now).as('next_session'),
      eb.selectFrom('event_sessions as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.course_id', '=', 'event_courses.id').where('s.starts_at', '>', now).as('upcoming'),
    ])
    .orderBy('event_courses.title')
    .execute();
}

export interface SessionInput {
  startsAt: Date;
  endsAt: Date;
  venue: string;
  onlineLink: string;
  capacity: number;
  bookingDeadline: string;
}

export async function createSession(tenant: TenantDb, courseId: string, s: SessionInput, now: Date): Promise<string> {
  const row = await tenant
    .insertInto('event_sessions', { course_id: courseId, starts_at: s.startsAt, ends_at: s.endsAt, venue: s.venue, online_link: s.onlineLink, capacity: s.capacity, booking_deadline: s.bookingDeadline, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const sessionColumns = [
  'event_sessions.id', 'event_sessions.course_id', 'event_sessions.starts_at', 'event_sessions.ends_at', 'event_sessions.venue', 'event_sessions.online_link', 'event_sessions.capacity',
  'event_sessions.booking_deadline', 'event_sessions.register_taken_at', 'event_courses.title', 'event_courses.kind', 'event_courses.funding', 'event_courses.price_pence', 'event_courses.team',
  'event_courses.audience', 'event_courses.description',
] as const;

/** Sessions with their course and how many places are taken and waiting. */
const sessionsWithCourse = (tenant: TenantDb) =>
  tenant.selectFrom('event_sessions').innerJoin('event_courses', 'event_courses.id', 'event_sessions.course_id').select([...sessionColumns, taken.as('taken'), waiting.as('waiting')]);

export async function sessionsOfCourse(tenant: TenantDb, courseId: string) {
  return sessionsWithCourse(tenant)
    .where('event_sessions.course_id', '=', courseId)
    .orderBy('event_sessions.starts_at')
    .execute();
}

export async function getSession(tenant: TenantDb, id: string) {
  const row = await sessionsWithCourse(tenant)
    .where('event_sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}
export type SessionRow = Awaited<ReturnType<typeof getSession>>;

/** Sessions still to come (what a setting can book), soonest first. */
export async function upcomingSessions(tenant: TenantDb, now: Date) {
  return sessionsWithCourse(tenant)
    .where('event_sessions.starts_at', '>', now)
    .orderBy('event_sessions.starts_at')
    .limit(200)
    .execute();
}

const bookingColumns = [
  'event_bookings.id', 'event_bookings.session_id', 'event_bookings.urn', 'event_bookings.attendee_name', 'event_bookings.attendee_email', 'event_bookings.status', 'event_bookings.requested_at',
  'event_bookings.charge_pence', 'event_bookings.cancelled_at', 'event_bookings.cancellation_charge_pence', 'event_bookings.attendance', 'event_bookings.certificate_sent_at',
] as const;

/** A session's bookings: places first, then the waiting list in its order, then cancellations. */
export async function sessionBookings(tenant: TenantDb, sessionId: string) {
  return tenant
    .selectFrom('event_bookings')
    .select([...bookingColumns, providerNameColumn('event_bookings.urn')])
    .where('event_bookings.session_id', '=', sessionId)
    .orderBy(sql`case event_bookings.status when 'booked' then 0 when 'waiting' then 1 else 2 end`)
    .orderBy('event_bookings.requested_at')
    .execute();
}

export async function getBooking(tenant: TenantDb, id: string, urn?: string) {
  let q = tenant.selectFrom('event_bookings').select([...bookingColumns, 'event_bookings.evaluation_token']).where('event_bookings.id', '=', id);
  if (urn !== undefined) q = q.where('event_bookings.urn', '=', urn);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** A setting's bookings with their sessions, soonest first (the portal, the provider page, the timeline). */
export async function settingBookings(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('event_bookings')
    .innerJoin('event_sessions', 'event_sessions.id', 'event_bookings.session_id')
    .innerJoin('event_courses', 'event_courses.id', 'event_sessions.course_id')
    .select([...bookingColumns, 'event_sessions.starts_at', 'event_sessions.venue', 'event_sessions.online_link', 'event_courses.title'])
    .where('event_bookings.urn', '=', urn)
    .orderBy('event_sessions.starts_at', 'desc')
    .orderBy('event_bookings.attendee_name')
    .execute();
}

/** Every booking that brings income or is held, with its session and course (income and the finance export). */
export async function incomeRows(tenant: TenantDb) {
  return tenant
    .selectFrom('event_bookings')
    .innerJoin('event_sessions', 'event_sessions.id', 'event_bookings.session_id')
    .innerJoin('event_courses', 'event_courses.id', 'event_sessions.course_id')
    .select([...bookingColumns, 'event_sessions.starts_at', 'event_courses.title', 'event_courses.team', providerNameColumn('event_bookings.urn')])
    .where('event_bookings.status', 'in', ['booked', 'cancelled'])
    .orderBy('event_sessions.starts_at')
    .orderBy('event_bookings.urn')
    .execute();
}

/** Evaluation results of a session: how many answered, the average rating and the comments. */
export async function sessionEvaluations(tenant: TenantDb, sessionId: string) {
  const rows = await tenant.selectFrom('event_evaluations').select(['rating', 'learned', 'improve', 'submitted_at']).where('session_id', '=', sessionId).orderBy('submitted_at').execute();
  const counts = [1, 2, 3, 4, 5].map((r) => ({ rating: r, count: rows.filter((x) => x.rating === r).length }));
  const average = rows.length ? rows.reduce((n, r) => n + r.rating, 0) / rows.length : null;
  return { count: rows.length, average, counts, learned: rows.map((r) => r.learned).filter(Boolean), improve: rows.map((r) => r.improve).filter(Boolean) };
}
