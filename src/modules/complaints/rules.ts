import type { WorkingCalendar } from '../../platform/calendar.js';
import { addDays, londonDate } from '../../platform/dates.js';

/*
 * Compliments and complaints (Kent §7: "please share this with the officer. Alternatively, please
 * contact the relevant Manager"), the rules as pure functions. Slice 3 of issue 22 builds the
 * module's pages on them; the deadlines are LA data (working days).
 */

export interface ComplaintRules {
  /** acknowledge within this many working days of receiving it */
  acknowledgeWorkingDays: number;
  /** respond (stage 1) within this many working days of receiving it */
  respondWorkingDays: number;
  /** respond at stage 2 within this many working days of the escalation */
  stage2WorkingDays: number;
}

/** A council's usual complaints policy, until the LA sets its own. */
export const defaultComplaintRules: ComplaintRules = { acknowledgeWorkingDays: 3, respondWorkingDays: 20, stage2WorkingDays: 20 };

/** A time the clock was stopped (waiting for the complainant, say), with its reason; `to` null: still stopped. */
export interface ClockStop {
  from: Date;
  to: Date | null;
}

/** Working days the clock stood still: each working day from the stop's London date up to (not including) the restart's. */
export function stoppedWorkingDays(stops: readonly ClockStop[], calendar: WorkingCalendar): number {
  let days = 0;
  for (const stop of stops) {
    if (!stop.to) continue;
    for (let d = londonDate(stop.from), end = londonDate(stop.to); d < end; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days++;
  }
  return days;
}

export interface ComplaintDeadlines {
  acknowledgeBy: string;
  /** null while the clock is stopped */
  respondBy: string | null;
  stopped: boolean;
}

/**
 * The acknowledgement and response deadlines of a complaint received at `receivedAt` (or escalated
 * to stage 2 then): the response moves on by every working day the clock was stopped, and has no
 * date while it is stopped. Acknowledging is never put off by a stop.
 */
export function complaintDeadlines(input: { receivedAt: Date; stage: 1 | 2; stops: readonly ClockStop[]; rules: ComplaintRules; calendar: WorkingCalendar }): ComplaintDeadlines {
  const received = londonDate(input.receivedAt);
  const acknowledgeBy = input.calendar.addWorkingDays(received, input.rules.acknowledgeWorkingDays);
  const stopped = input.stops.some((s) => s.to === null);
  const allowed = (input.stage === 1 ? input.rules.respondWorkingDays : input.rules.stage2WorkingDays) + stoppedWorkingDays(input.stops, input.calendar);
  return { acknowledgeBy, respondBy: stopped ? null : input.calendar.addWorkingDays(received, allowed), stopped };
}

/**
 * "Staff named in a complaint cannot see or change its record unless they are the handler";
 * compliments are passed to the officer, so an officer may read a compliment about them.
 */
export function mayOpen(record: { kind: 'complaint' | 'compliment'; namedStaff: readonly string[]; handlerId: string | null }, userId: string): boolean {
  if (record.handlerId === userId) return true;
  if (record.kind === 'compliment') return true;
  return !record.namedStaff.includes(userId);
}

/** The financial quarter a date falls in, for the quarterly report: Q1 is April to June. */
export function quarterOf(date: string): { key: string; label: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  const start = month >= 4 ? year : year - 1;
  return { key: `${start}-Q${q}`, label: `Q${q} ${start}-${String((start + 1) % 100).padStart(2, '0')}` };
}
