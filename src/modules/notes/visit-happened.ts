import { formatDateTime } from '../../platform/dates.js';

/**
 * A note of visit records a visit that happened (issue 19.5): "After the visit follow up agreed
 * actions in a note of visit" (Kent 4). It cannot be sent for a visit that is only planned, or booked
 * for a time still to come, so no visit is shown done before its date. Returns why not, or null.
 */
export function whyVisitNotHappened(visit: { status: string; booked_for: Date | null; done_on: string | null }, now: Date): string | null {
  if (visit.status === 'done' || visit.done_on) return null;
  if (!visit.booked_for) return 'The visit has no date: book it with the date and time it took place, then send the note of visit';
  if (visit.booked_for > now) return `The visit is booked for ${formatDateTime(visit.booked_for)}: send the note of visit after the visit`;
  return null;
}
