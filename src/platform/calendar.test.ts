import { describe, expect, it } from 'vitest';
import { deadlineAfter, dueInWeeks, englandCalendar, slaState, workingCalendar } from './calendar.js';

const calendar = workingCalendar();
const at = (iso: string) => new Date(iso);

describe('working days (England and Wales bank holidays, London dates)', () => {
  it('skips weekends and bank holidays, including substitute days', () => {
    expect(calendar.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(calendar.isWorkingDay('2027-03-29')).toBe(false); // Easter Monday
  });

  it('"SIA allocates the setting to an Improvement Adviser (IA) within three days" (Kent, Requires improvement)', () => {
    // Outcome arrives on Christmas Eve 2026: 25th, weekend and the 28th are not working days.
    const d = deadlineAfter(at('2026-12-24T10:00:00Z'), 3, calendar);
    expect(d.dueDate).toBe('2026-12-31');
  });

  it('"IA contacts the setting to make an appointment to visit within five days" across Easter 2027', () => {
    expect(deadlineAfter(at('2027-03-25T09:00:00Z'), 5, calendar).dueDate).toBe('2027-04-05');
  });

  it('"SIA allocates the setting to an Improvement Adviser (IA) on the same day" (Kent, Inadequate)', () => {
    const friday = deadlineAfter(at('2026-11-27T10:00:00Z'), 0, calendar);
    expect(friday.dueDate).toBe('2026-11-27');
    expect(friday.dueAt.toISOString()).toBe('2026-11-27T23:59:59.999Z');
    // arriving on a Saturday, the same day means Monday
    expect(deadlineAfter(at('2026-11-28T10:00:00Z'), 0, calendar).dueDate).toBe('2026-11-30');
  });

  it('ends a day at London midnight in summer time too', () => {
    expect(deadlineAfter(at('2026-06-30T08:00:00Z'), 0, calendar).dueAt.toISOString()).toBe('2026-06-30T22:59:59.999Z');
    // 23:30 UTC on 30 June is already 1 July in London
    expect(deadlineAfter(at('2026-06-30T23:30:00Z'), 0, calendar).dueDate).toBe('2026-07-01');
  });
});

describe('due dates set in weeks', () => {
  it('an action due in 4 weeks from 4 December 2026 falls due on 4 January 2027, not on New Year’s Day', () => {
    expect(dueInWeeks('2026-12-04', 4, englandCalendar())).toBe('2027-01-04');
  });
  it('two weeks before Christmas Day 2026 moves past Christmas and Boxing Day (substitute 28 December) to 29 December', () => {
    expect(dueInWeeks('2026-12-11', 2, englandCalendar())).toBe('2026-12-29');
  });
  it('a working day stays as it is', () => {
    expect(dueInWeeks('2026-11-02', 2, englandCalendar())).toBe('2026-11-16');
  });
});

describe('SLA state of a step', () => {
  const due = deadlineAfter(at('2026-11-23T09:00:00Z'), 3, calendar); // Thursday 26 November

  it('is not due, then due soon on the working day before, then overdue after the due day', () => {
    expect(due.dueDate).toBe('2026-11-26');
    expect(slaState(due, null, at('2026-11-24T12:00:00Z'), calendar)).toBe('not_due');
    expect(slaState(due, null, at('2026-11-25T08:00:00Z'), calendar)).toBe('due_soon');
    expect(slaState(due, null, at('2026-11-26T23:59:00Z'), calendar)).toBe('due_soon');
    expect(slaState(due, null, at('2026-11-27T00:00:01Z'), calendar)).toBe('overdue');
  });

  it('is done, or done late', () => {
    expect(slaState(due, at('2026-11-26T17:00:00Z'), at('2026-12-10T12:00:00Z'), calendar)).toBe('done');
    expect(slaState(due, at('2026-11-27T09:00:00Z'), at('2026-12-10T12:00:00Z'), calendar)).toBe('done_late');
  });

  it('counts "due soon" back over a weekend', () => {
    const monday = deadlineAfter(at('2026-11-25T09:00:00Z'), 3, calendar); // due Monday 30 November
    expect(monday.dueDate).toBe('2026-11-30');
    expect(slaState(monday, null, at('2026-11-27T09:00:00Z'), calendar)).toBe('due_soon'); // Friday
    expect(slaState(monday, null, at('2026-11-26T09:00:00Z'), calendar)).toBe('not_due');
  });
});
