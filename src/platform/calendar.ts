import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, londonDate, londonStartOfDay } from './dates.js';
import { srcDir } from './paths.js';
import { bankHolidays } from './calendar-rules.js';

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

/** Days an LA added to or removed from the national calendar (the admin page "Bank holidays"). */
export interface CalendarChanges {
  added: readonly string[];
  removed: readonly string[];
}

/** The bank holidays of one year: the shipped list where it covers the year, else by rule (src/platform/calendar-rules.ts). */
export function bankHolidaysOf(year: number, shipped: readonly string[] = shippedList()): string[] {
  return bankHolidays(shipped, year, year);
}

let shippedCache: string[] | null = null;
const shippedList = () => (shippedCache ??= loadBankHolidays());

/**
 * A working-day calendar. Given `holidays`, exactly those days are closed (tests); otherwise England
 * and Wales: the shipped list for the years it covers and the rules for every other year, with an
 * LA's own changes on top.
 */
export function workingCalendar(holidays?: readonly string[], changes: CalendarChanges = { added: [], removed: [] }): WorkingCalendar {
  const fixed = holidays ? new Set(holidays) : null;
  const byYear = new Map<number, Set<string>>();
  const added = new Set(changes.added);
  const removed = new Set(changes.removed);
  const closedOn = (date: string) => {
    if (added.has(date)) return true;
    if (removed.has(date)) return false;
    if (fixed) return fixed.has(date);
    const year = Number(date.slice(0, 4));
    let days = byYear.get(year);
    if (!days) byYear.set(year, (days = new Set(bankHolidaysOf(year))));
    return days.has(date);
  };
  const isWorkingDay = (date: string) => {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !closedOn(date);
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

/*
 * Each LA's own changes (a day added or removed on its "Bank holidays" admin page, ADR 0019), held
 * in memory: the calendar module loads them when the app starts and after each change.
 */
const localChanges = new Map<string, CalendarChanges>();
const localCalendars = new Map<string, WorkingCalendar>();

/** Forgets every LA's changes (before loading them all again). */
export function clearLocalCalendarChanges(): void {
  localChanges.clear();
  localCalendars.clear();
}

export function setLocalCalendarChanges(laCode: string, changes: CalendarChanges): void {
  localChanges.set(laCode, changes);
  localCalendars.delete(laCode);
}

/** The working-day calendar of one LA: England and Wales, with the LA's own changes. */
export function calendarFor(laCode: string): WorkingCalendar {
  const changes = localChanges.get(laCode);
  if (!changes || (!changes.added.length && !changes.removed.length)) return englandCalendar();
  let calendar = localCalendars.get(laCode);
  if (!calendar) localCalendars.set(laCode, (calendar = workingCalendar(undefined, changes)));
  return calendar;
}
