import { addDays, londonDate } from '../../platform/dates.js';
import type { WorkingCalendar } from '../../platform/calendar.js';

/*
 * The booking rules of training and events, as pure functions (issue 22). Leicestershire's offer:
 * "Attendance at training courses, workshops, conferences and events"; Kent: "All other support and
 * services not mentioned above will be available on a chargeable basis".
 */

/** The LA's rules (LA data, edited at Training → Booking rules). */
export interface BookingRules {
  /** cancelling up to this many working days before the session is free */
  freeCancellationWorkingDays: number;
  /** after that, this share of the price is charged */
  lateCancellationPercent: number;
  /** attendees are reminded this many days before (with the calendar file) */
  reminderDays: number;
}

export const defaultBookingRules: BookingRules = { freeCancellationWorkingDays: 5, lateCancellationPercent: 100, reminderDays: 2 };

export interface SessionFacts {
  capacity: number;
  /** places booked now (not waiting, not cancelled) */
  taken: number;
  /** the last London date places can be booked */
  bookingDeadline: string;
  startsAt: Date;
}

export type PlacesDecision =
  | { kind: 'closed'; reason: string }
  /** `booked` places are given now; the rest go on the waiting list */
  | { kind: 'places'; booked: number; waiting: number };

/**
 * Asking for `requested` places: as many as are free are booked, the others are offered the waiting
 * list ("a full session offers the waiting list"); nothing can be booked after the deadline.
 */
export function placesFor(session: SessionFacts, requested: number, now: Date): PlacesDecision {
  if (now.getTime() >= session.startsAt.getTime()) return { kind: 'closed', reason: 'The session has started' };
  if (londonDate(now) > session.bookingDeadline) return { kind: 'closed', reason: 'Booking closed on the booking deadline' };
  const free = Math.max(0, session.capacity - session.taken);
  const booked = Math.min(free, requested);
  return { kind: 'places', booked, waiting: requested - booked };
}

/** What one place costs: nothing when the course is free or centrally funded. */
export function priceOfPlace(course: { funding: 'free' | 'chargeable'; price_pence: number }): number {
  return course.funding === 'free' ? 0 : course.price_pence;
}

/** The last date a place can be cancelled for free: N working days before the session's day. */
export function lastFreeCancellationDate(sessionDate: string, rules: Pick<BookingRules, 'freeCancellationWorkingDays'>, calendar: WorkingCalendar): string {
  let day = sessionDate;
  for (let left = rules.freeCancellationWorkingDays; left > 0; ) {
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day === sessionDate ? addDays(sessionDate, -1) : day;
}

/**
 * "Free cancellation up to N working days before, then charged": what cancelling a place on
 * `cancelDate` costs. A free place never costs anything; a waiting-list place is not a place.
 */
export function cancellationCharge(input: { sessionDate: string; cancelDate: string; placePence: number; wasBooked: boolean; rules: BookingRules; calendar: WorkingCalendar }): { pence: number; freeUntil: string } {
  const freeUntil = lastFreeCancellationDate(input.sessionDate, input.rules, input.calendar);
  if (!input.wasBooked || input.placePence === 0 || input.cancelDate <= freeUntil) return { pence: 0, freeUntil };
  return { pence: Math.round((input.placePence * input.rules.lateCancellationPercent) / 100), freeUntil };
}

export interface WaitingEntry {
  id: string;
  status: 'booked' | 'waiting' | 'cancelled';
  requested_at: Date;
}

/**
 * "A freed place goes to the first on it": the waiting entries that free places go to, first asked
 * first served, never more than the places free. None once the session has started.
 */
export function placesForWaitingList<T extends WaitingEntry>(capacity: number, bookings: readonly T[], startsAt: Date, now: Date): T[] {
  if (now.getTime() >= startsAt.getTime()) return [];
  const free = capacity - bookings.filter((b) => b.status === 'booked').length;
  if (free <= 0) return [];
  return bookings
    .filter((b) => b.status === 'waiting')
    .sort((a, b) => a.requested_at.getTime() - b.requested_at.getTime())
    .slice(0, free);
}

/** The school term a date falls in, for income per term: Autumn (September–December), Spring (January–March), Summer (April–August). */
export function termOf(date: string): { key: string; label: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const [name, order] = month >= 9 ? ['Autumn', 1] : month <= 3 ? ['Spring', 2] : ['Summer', 3];
  const academic = month >= 9 ? year : year - 1;
  return { key: `${academic}-${order}`, label: `${name} ${year}` };
}

/** What a booking brings in: the place while it is held (attended or not), a late cancellation's charge once cancelled. */
export function incomeOf(booking: { status: 'booked' | 'waiting' | 'cancelled'; charge_pence: number; cancellation_charge_pence: number }): number {
  if (booking.status === 'booked') return booking.charge_pence;
  if (booking.status === 'cancelled') return booking.cancellation_charge_pence;
  return 0;
}

/** Pence as pounds: "£45.00", "Free" for nothing. */
export function money(pence: number, zero = 'Free'): string {
  if (pence === 0) return zero;
  return `£${(pence / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** "45", "45.5", "£45.50" typed as a price: pence, or null when it is not an amount. */
export function parsePounds(typed: string): number | null {
  const m = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(typed.trim().replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
