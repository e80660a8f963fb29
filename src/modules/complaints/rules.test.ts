import { describe, expect, it } from 'vitest';
import { englandCalendar } from '../../platform/calendar.js';
import { complaintDeadlines, defaultComplaintRules, mayOpen, quarterOf, stoppedWorkingDays } from './rules.js';

const calendar = englandCalendar();
const at = (iso: string) => new Date(iso);
const rules = defaultComplaintRules;

describe('complaint deadlines in working days (LA data)', () => {
  it('acknowledge within 3 working days and respond within 20, weekends and bank holidays not counted', () => {
    // received on Friday 18 December 2026: Christmas Day and Boxing Day (moved to Monday 28) are not working days
    const d = complaintDeadlines({ receivedAt: at('2026-12-18T10:00:00Z'), stage: 1, stops: [], rules, calendar });
    expect(d).toEqual({ acknowledgeBy: '2026-12-23', respondBy: '2027-01-20', stopped: false });
  });
  it('a stopped clock has no response date; restarted, the deadline moves on by the working days it stood still', () => {
    const receivedAt = at('2027-02-01T09:00:00Z'); // Monday
    const open = complaintDeadlines({ receivedAt, stage: 1, stops: [{ from: at('2027-02-03T12:00:00Z'), to: null }], rules, calendar });
    expect(open).toEqual({ acknowledgeBy: '2027-02-04', respondBy: null, stopped: true });
    const stops = [{ from: at('2027-02-03T12:00:00Z'), to: at('2027-02-10T09:00:00Z') }]; // Wednesday to the next Wednesday: 5 working days
    expect(stoppedWorkingDays(stops, calendar)).toBe(5);
    const restarted = complaintDeadlines({ receivedAt, stage: 1, stops, rules, calendar });
    expect(restarted.respondBy).toBe(calendar.addWorkingDays('2027-02-01', 25));
    expect(restarted.respondBy).toBe('2027-03-08');
  });
  it('stage 2 runs from the escalation with its own number of days', () => {
    const d = complaintDeadlines({ receivedAt: at('2027-03-01T09:00:00Z'), stage: 2, stops: [], rules: { ...rules, stage2WorkingDays: 10 }, calendar });
    expect(d.respondBy).toBe('2027-03-15');
  });
});

describe('who may open a complaint', () => {
  const complaint = { kind: 'complaint' as const, namedStaff: ['officer-1'], handlerId: 'manager-1' };
  it('staff named in it cannot, unless they handle it; others can; a compliment reaches the officer it names', () => {
    expect(mayOpen(complaint, 'officer-1')).toBe(false);
    expect(mayOpen(complaint, 'manager-1')).toBe(true);
    expect(mayOpen(complaint, 'someone-else')).toBe(true);
    expect(mayOpen({ ...complaint, namedStaff: ['manager-1'] }, 'manager-1')).toBe(true);
    expect(mayOpen({ ...complaint, kind: 'compliment' }, 'officer-1')).toBe(true);
  });
});

describe('the quarterly report', () => {
  it('uses the financial year’s quarters', () => {
    expect(quarterOf('2026-04-01')).toEqual({ key: '2026-Q1', label: 'Q1 2026-27' });
    expect(quarterOf('2026-12-31')).toEqual({ key: '2026-Q3', label: 'Q3 2026-27' });
    expect(quarterOf('2027-03-31')).toEqual({ key: '2026-Q4', label: 'Q4 2026-27' });
  });
});
