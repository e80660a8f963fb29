import { addDays, addMonths } from '../../platform/dates.js';
import type { WorkingCalendar } from '../../platform/calendar.js';

/*
 * The Annual Conversation Programme as pure rules (issue 19.2). Kent §5: "Centrally funded Annual
 * Conversations with an Improvement Adviser"; the flow charts: "Where a setting receives a good
 * Ofsted judgement add to the Annual Conversation Programme". Leicestershire: "an Early Years
 * Improvement Advisor (IA) or Childcare Improvement Sufficient Officer (CISO) may contact you to
 * offer your provision a visit prior to your inspection".
 */

/** The academic year a date falls in, named by the year it starts: 1 September to 31 August. */
export function academicYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

export function academicYearRange(year: number): { from: string; to: string } {
  return { from: `${year}-09-01`, to: `${year + 1}-08-31` };
}

export function academicYearLabel(year: number): string {
  return `${year} to ${year + 1}`;
}

export type ConversationStatus = 'held' | 'booked' | 'not_yet';

/** A setting's conversation this year: held once a visit is done, booked once one is booked, otherwise not yet. */
export function conversationStatus(visitStatuses: readonly string[]): ConversationStatus {
  if (visitStatuses.includes('done')) return 'held';
  if (visitStatuses.includes('booked')) return 'booked';
  return 'not_yet';
}

export const conversationStatusLabels: Record<ConversationStatus, string> = { held: 'Held', booked: 'Booked', not_yet: 'Not yet' };

/**
 * When this year's conversation (or visit prior to inspection) should have happened by, or null when
 * none falls in the year. One per academic year, by the end of July (before the summer break), not
 * before today. With a window (Leicestershire: the visit prior to inspection is offered once the next
 * inspection is due, `windowMonths` after the last one) the visit falls in the year its window opens
 * or any later year, never before it opens.
 */
export function conversationDue(year: number, today: string, calendar: WorkingCalendar, window: { lastInspection: string | null; months: number } | null = null): string | null {
  const { from, to } = academicYearRange(year);
  if (today > to) return null;
  let by = `${year + 1}-07-31`;
  if (window) {
    const opens = window.lastInspection ? addMonths(window.lastInspection, window.months) : from;
    if (opens > to) return null;
    if (opens > by) by = opens;
  }
  const earliest = today > from ? today : from;
  const date = by < earliest ? earliest : by;
  // the last working day on or before the date (a weekend or bank holiday moves earlier, staying in the year)
  let d = date;
  while (calendar.addWorkingDays(d, 0) !== d) d = addDays(d, -1);
  return d < from ? calendar.addWorkingDays(from, 0) : d;
}
