import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, londonDate, londonStartOfDay } from './dates.js';
import { srcDir } from './paths.js';

/**
 * The working-day calendar every deadline uses: weekends and England and Wales
 * bank holidays (shipped as data) are not working days; dates are London dates.
 */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** the working day `n` working days after `date` (n = 0: `date` itself if it is a working day, else the next one) */
  addWorkingDays(date: string, n: number): string;
}


export function loadBankHolidays(): string[] {
  const file = path.join(srcDir, 'platform', 'data', 'bank-holidays-england-and-wales.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { dates: string[] }).dates;
}

export function workingCalendar(holidays: readonly string[] = loadBankHolidays()): WorkingCalendar {
  const closed = new Set(holidays);
  const isWorkingDay = (date: string) => {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !closed.has(date);
  };
  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      let day = date;
      while (!isWorkingDay(day)) day = addDays(day, 1);
      for (let left = n; left > 0; ) {
        day = addDays(day, 1);
        if (isWorkingDay(day)) left--;
      }
      return day;
    },
  };
}

export interface Deadline {
  /** the London date it is due */
  dueDate: string;
  /** the last moment it is on time: the end of that London day */
  dueAt: Date;
}

/**
 * "Within three days" from when something happened: the end of the third working day after
 * the London day it happened on. "The same day" is 0: by the end of that working day, or of
 * the next working day when it happened on a weekend or bank holiday.
 */
export function deadlineAfter(happenedAt: Date, workingDays: number, calendar: WorkingCalendar): Deadline {
  const dueDate = calendar.addWorkingDays(londonDate(happenedAt), workingDays);
  return { dueDate, dueAt: new Date(londonStartOfDay(addDays(dueDate, 1)).getTime() - 1) };
}

/**
 * "Due in 4 weeks" from a date: that many calendar weeks on, moved to the next working day when it
 * falls on a weekend or bank holiday (a 4-week action agreed on 4 December 2026 is due on
 * 4 January 2027, not on New Year's Day).
 */
export function dueInWeeks(from: string, weeks: number, calendar: WorkingCalendar): string {
  return calendar.addWorkingDays(addDays(from, weeks * 7), 0);
}

export type SlaState = 'not_due' | 'due_soon' | 'overdue' | 'done' | 'done_late';

/** Due soon: from the start of the working day before the due date. */
export function slaState(
  deadline: Deadline,
  doneAt: Date | null,
  now: Date,
  calendar: WorkingCalendar,
): SlaState {
  if (doneAt) return doneAt.getTime() <= deadline.dueAt.getTime() ? 'done' : 'done_late';
  if (now.getTime() > deadline.dueAt.getTime()) return 'overdue';
  let previous = addDays(deadline.dueDate, -1);
  while (!calendar.isWorkingDay(previous)) previous = addDays(previous, -1);
  return londonDate(now) >= previous ? 'due_soon' : 'not_due';
}

let shared: WorkingCalendar | null = null;
/** The England and Wales calendar, loaded once. */
export function englandCalendar(): WorkingCalendar {
  shared ??= workingCalendar();
  return shared;
}
