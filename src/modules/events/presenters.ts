import { formatDate } from '../../platform/dates.js';
import type { SessionRow } from './repository.js';
import { incomeOf, money, termOf } from './rules.js';
import { londonDate } from '../../platform/dates.js';

export const bookingStatusLabels: Record<string, string> = { booked: 'Booked', waiting: 'On the waiting list', cancelled: 'Cancelled' };
export const attendanceLabels: Record<string, string> = { attended: 'Attended', did_not_attend: 'Did not attend' };

type SessionLike = Pick<SessionRow, 'capacity' | 'taken' | 'waiting' | 'funding' | 'price_pence' | 'booking_deadline' | 'starts_at' | 'venue' | 'online_link'>;

/** What a page shows of a session: price, places left, where, and whether it can still be booked. */
export function presentSession<T extends SessionLike>(s: T, now: Date) {
  const left = Math.max(0, s.capacity - s.taken);
  const closed = now >= s.starts_at || londonDate(now) > s.booking_deadline;
  const status = closed ? { text: 'Booking closed', classes: 'govuk-tag--grey' } : left === 0 ? { text: 'Full: waiting list', classes: 'govuk-tag--orange' } : { text: `${left} ${left === 1 ? 'place' : 'places'} left`, classes: 'govuk-tag--green' };
  return {
    ...s,
    priceText: s.funding === 'free' ? 'Free (centrally funded)' : `${money(s.price_pence)} per place`,
    placesLeft: left,
    full: left === 0,
    closed,
    status,
    where: [s.venue, s.online_link ? 'Online' : ''].filter(Boolean).join(' and ') || 'To be confirmed',
    deadlineText: formatDate(s.booking_deadline),
  };
}

/** Income per session and per term from the bookings that bring it in. */
export function incomeSummary(rows: { session_id: string; title: string; starts_at: Date; status: 'booked' | 'waiting' | 'cancelled'; charge_pence: number; cancellation_charge_pence: number }[]) {
  const sessions = new Map<string, { id: string; title: string; startsAt: Date; places: number; lateCancellations: number; pence: number }>();
  const terms = new Map<string, { label: string; sessions: Set<string>; pence: number }>();
  for (const r of rows) {
    const pence = incomeOf(r);
    const s = sessions.get(r.session_id) ?? { id: r.session_id, title: r.title, startsAt: r.starts_at, places: 0, lateCancellations: 0, pence: 0 };
    if (r.status === 'booked') s.places++;
    if (r.status === 'cancelled' && r.cancellation_charge_pence > 0) s.lateCancellations++;
    s.pence += pence;
    sessions.set(r.session_id, s);
    const term = termOf(londonDate(r.starts_at));
    const t = terms.get(term.key) ?? { label: term.label, sessions: new Set<string>(), pence: 0 };
    t.sessions.add(r.session_id);
    t.pence += pence;
    terms.set(term.key, t);
  }
  return {
    sessions: [...sessions.values()].map((s) => ({ ...s, income: money(s.pence, '£0.00') })),
    terms: [...terms.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => ({ label: t.label, sessions: t.sessions.size, income: money(t.pence, '£0.00') })),
    total: money([...sessions.values()].reduce((n, s) => n + s.pence, 0), '£0.00'),
  };
}
