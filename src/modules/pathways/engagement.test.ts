import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../platform/calendar.js';
import { defaultTerms, easterSunday, engagementTasks, termWithTwoCancellations } from './engagement.js';

const calendar = workingCalendar([]);
const terms = defaultTerms(2026, 2);

describe('engagement rules', () => {
  it('default terms cover every day: autumn, spring to Easter Sunday, summer from Easter Monday', () => {
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(terms.slice(0, 3)).toEqual([
      { name: 'Autumn term 2026', startsOn: '2026-09-01', endsOn: '2026-12-31' },
      { name: 'Spring term 2027', startsOn: '2027-01-01', endsOn: '2027-03-28' },
      { name: 'Summer term 2027', startsOn: '2027-03-29', endsOn: '2027-08-31' },
    ]);
  });
  it('"where a setting makes two cancellations within a term the Senior Improvement Adviser will contact the setting"', () => {
    expect(termWithTwoCancellations(['2026-10-01'], '2026-10-01', terms)).toBeNull();
    expect(termWithTwoCancellations(['2026-10-01', '2026-11-20'], '2026-11-20', terms)?.name).toBe('Autumn term 2026');
    // one in the autumn term and one in the spring term is not two within a term
    expect(termWithTwoCancellations(['2026-12-15', '2027-01-10'], '2027-01-10', terms)).toBeNull();
  });
  it('"If the setting does not engage ... or support is declined, Ofsted are informed": a task to inform Ofsted', () => {
    const [task] = engagementTasks({ type: 'support_declined' }, new Date('2026-11-23T10:00:00Z'), calendar);
    expect(task).toMatchObject({ ruleKey: 'inform_ofsted_declined', owner: 'manager', deadline: { dueDate: '2026-11-30' } });
  });
  it('"If the setting does not engage with the Early Years Inclusion and Childcare Service ... Ofsted are informed"', () => {
    const [task] = engagementTasks({ type: 'not_engaging' }, new Date('2026-11-23T10:00:00Z'), calendar);
    expect(task).toMatchObject({ ruleKey: 'inform_ofsted_not_engaging', owner: 'manager', deadline: { dueDate: '2026-11-30' } });
  });
  it('"When we receive notification of a WRN ... contact you to arrange a support visit" (Ofsted issued it: nothing to share back); a safety concern is shared with Ofsted', () => {
    const tasks = engagementTasks({ type: 'welfare_requirements_notice' }, new Date('2026-11-23T10:00:00Z'), calendar);
    expect(tasks.map((t) => [t.ruleKey, t.owner, t.deadline.dueDate])).toEqual([['wrn_support_visit', 'adviser', '2026-11-30']]);
    expect(engagementTasks({ type: 'safety_concern' }, new Date('2026-11-23T10:00:00Z'), calendar).map((t) => t.ruleKey)).toEqual(['concern_support_visit', 'share_concern_ofsted']);
  });
});
