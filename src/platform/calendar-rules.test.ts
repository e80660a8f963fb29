import { describe, expect, it } from 'vitest';
import { bankHolidays, bankHolidaysByRule, easterSunday } from './calendar-rules.js';
import { bankHolidaysOf, loadBankHolidays, workingCalendar } from './calendar.js';

describe('England and Wales bank holidays by rule, for any year', () => {
  it('finds Easter Sunday', () => {
    expect(['2024', '2025', '2026', '2027', '2038', '2049', '2285'].map((y) => easterSunday(Number(y)))).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25', '2049-04-18', '2285-03-22']);
  });

  it('the rules give every ordinary year GOV.UK lists, substitute days included', () => {
    const shipped = loadBankHolidays();
    for (const year of [2021, 2024, 2025, 2026, 2027, 2028, 2029, 2030]) {
      expect(bankHolidaysByRule(year), String(year)).toEqual(shipped.filter((d) => d.startsWith(`${year}-`)));
    }
  });

  it('substitute days: Christmas on a Saturday, on a Sunday, on a Friday; New Year on a Saturday', () => {
    expect(bankHolidaysByRule(2032).slice(-2)).toEqual(['2032-12-27', '2032-12-28']); // 25th a Saturday
    expect(bankHolidaysByRule(2033).slice(-2)).toEqual(['2033-12-26', '2033-12-27']); // 25th a Sunday
    expect(bankHolidaysByRule(2031).slice(-2)).toEqual(['2031-12-25', '2031-12-26']); // Thursday and Friday
    expect(bankHolidaysByRule(2037).slice(-2)).toEqual(['2037-12-25', '2037-12-28']); // 25th a Friday: Boxing Day on Monday
    expect(bankHolidaysByRule(2033)[0]).toBe('2033-01-03'); // 1 January a Saturday
    expect(bankHolidaysByRule(2031)).toEqual(['2031-01-01', '2031-04-11', '2031-04-14', '2031-05-05', '2031-05-26', '2031-08-25', '2031-12-25', '2031-12-26']);
  });

  it('the shipped list wins for one-off changes: VE Day 2020, the Jubilee and the State Funeral 2022, the Coronation 2023', () => {
    const shipped = loadBankHolidays();
    expect(bankHolidays(shipped, 2020, 2020)).toContain('2020-05-08');
    expect(bankHolidays(shipped, 2020, 2020)).not.toContain('2020-05-04');
    expect(bankHolidays(shipped, 2022, 2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(bankHolidays(shipped, 2022, 2022)).not.toContain('2022-05-30');
    expect(bankHolidays(shipped, 2023, 2023)).toContain('2023-05-08');
    expect(bankHolidaysByRule(2022)).toContain('2022-05-30'); // what the rule alone would have said
  });

  it('deadlines after 2030 are right: the calendar knows Easter 2031 and Christmas 2032', () => {
    const calendar = workingCalendar();
    expect(calendar.isWorkingDay('2031-04-14')).toBe(false); // Easter Monday
    expect(calendar.addWorkingDays('2032-12-24', 1)).toBe('2032-12-29');
    expect(bankHolidaysOf(2040)).toHaveLength(8);
  });

  it('an LA’s own changes: a day added is closed, a day removed is open', () => {
    const calendar = workingCalendar(undefined, { added: ['2031-06-02'], removed: ['2031-08-25'] });
    expect(calendar.isWorkingDay('2031-06-02')).toBe(false);
    expect(calendar.isWorkingDay('2031-08-25')).toBe(true);
  });
});
