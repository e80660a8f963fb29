import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../platform/calendar.js';
import { dropinDates, paperworkMissing, slotTimes } from './rules.js';
import { ageOn, allocationProblem, dafDecision, financialYear, missedCutoff, panelFor, settingsNotContacted, termFor } from './rules.js';

const panels = [
  { id: 'jan', meetsOn: '2027-01-20', cutoffOn: '2027-01-06' },
  { id: 'feb', meetsOn: '2027-02-17', cutoffOn: '2027-02-03' },
  { id: 'mar', meetsOn: '2027-03-17', cutoffOn: '2027-03-03' },
];

describe('"Children who require further support need to be referred to the Early Years panel" (Leicestershire)', () => {
  it('a referral complete by the cut-off goes to the next panel', () => {
    expect(panelFor('2027-01-04', panels)?.id).toBe('jan');
    expect(panelFor('2027-01-06', panels)?.id).toBe('jan'); // the cut-off day itself is in time
  });
  it('a late one goes to the one after, and the setting is told it missed the cut-off', () => {
    const panel = panelFor('2027-01-07', panels)!;
    expect(panel.id).toBe('feb');
    expect(missedCutoff('2027-01-07', panel, panels)).toBe(true);
    expect(missedCutoff('2027-01-05', panelFor('2027-01-05', panels)!, panels)).toBe(false);
  });
  it('with no panel it can reach yet, it waits for the next one to be scheduled', () => {
    expect(panelFor('2027-03-04', panels)).toBeNull();
    expect(panelFor('2027-03-04', [...panels, { id: 'apr', meetsOn: '2027-04-21', cutoffOn: '2027-04-07' }])?.id).toBe('apr');
  });
  it('the panels may be listed in any order', () => {
    expect(panelFor('2027-01-10', [...panels].reverse())?.id).toBe('feb');
  });
});

describe('who the panel allocates to (Leicestershire)', () => {
  it('"Portage practitioners work with 0-2.5year-old children": a child over 2½ on the panel date cannot be allocated to Portage', () => {
    expect(allocationProblem('portage', { dateOfBirth: '2024-08-01', areasOfNeed: [] }, '2027-01-20')).toBeNull();
    expect(allocationProblem('portage', { dateOfBirth: '2024-07-19', areasOfNeed: [] }, '2027-01-20')).toMatch(/birth to 2½ years/);
  });
  it('"Children who are at risk of exclusion from their provision with Social Emotional and Mental Health needs … are supported by the Inclusion Practitioners"', () => {
    expect(allocationProblem('inclusion_practitioner', { dateOfBirth: '2023-01-01', areasOfNeed: ['semh'] }, '2027-01-20')).toBeNull();
    expect(allocationProblem('inclusion_practitioner', { dateOfBirth: '2023-01-01', areasOfNeed: ['communication'] }, '2027-01-20')).toMatch(/social, emotional and mental health/);
    expect(allocationProblem('eysend', { dateOfBirth: '2023-01-01', areasOfNeed: [] }, '2027-01-20')).toBeNull();
  });
});

describe('Disability Access Fund: "They can access the Disability Access Fund (DAF) when they are three and four" (Leicestershire)', () => {
  const child = { dateOfBirth: '2023-05-10' };
  const claim = { childId: 'c1', urn: 'EY1', claimedOn: '2026-12-08', dlaEvidence: 'DLA award letter 1 Oct 2026' };
  it('financial years run from 1 April', () => {
    expect(financialYear('2027-03-31')).toBe('2026-27');
    expect(financialYear('2027-04-01')).toBe('2027-28');
    expect(financialYear('2099-12-01')).toBe('2099-00');
  });
  it('the first claim of the year is paid', () => {
    expect(dafDecision(claim, child, [])).toEqual({ paid: true, financialYear: '2026-27' });
  });
  it('a second claim in the same financial year is refused with the reason, even from another setting', () => {
    const paid = [{ childId: 'c1', urn: 'EY1', financialYear: '2026-27', settingName: 'Acorn Nursery' }];
    const second = dafDecision({ ...claim, urn: 'EY2', claimedOn: '2027-02-01' }, child, paid);
    expect(second.paid).toBe(false);
    expect(second.paid ? '' : second.reason).toBe('DAF has already been paid for this child in 2026-27, to Acorn Nursery: one payment per child per financial year, to one setting, not transferable');
    expect(dafDecision({ ...claim, claimedOn: '2027-04-01' }, child, paid).paid).toBe(true);
    expect(dafDecision({ ...claim, childId: 'c2' }, child, paid).paid).toBe(true);
  });
  it('needs Disability Living Allowance evidence and a child aged three or four', () => {
    expect(dafDecision({ ...claim, dlaEvidence: ' ' }, child, [])).toMatchObject({ paid: false, reason: expect.stringMatching(/Disability Living Allowance/) });
    expect(dafDecision(claim, { dateOfBirth: '2024-01-01' }, [])).toMatchObject({ paid: false, reason: expect.stringMatching(/aged three and four: this child is 2/) });
    expect(ageOn('2023-05-10', '2026-05-09')).toBe(2);
    expect(ageOn('2023-05-10', '2026-05-10')).toBe(3);
  });
});

describe('Area SENCo: "The Early Years Improvement Advisor is also your allocated Area SENCo. Area SENCO makes contact throughout the year" (Leicestershire)', () => {
  const terms = [
    { name: 'Autumn 2026', startsOn: '2026-09-01', endsOn: '2026-12-18' },
    { name: 'Spring 2027', startsOn: '2027-01-04', endsOn: '2027-03-26' },
  ];
  const settings = [{ urn: 'EY1' }, { urn: 'EY2' }, { urn: 'EY3' }];
  const contacts = [{ urn: 'EY1', contactedOn: '2026-10-05' }, { urn: 'EY2', contactedOn: '2026-07-10' }, { urn: 'EY3', contactedOn: '2026-09-01' }, { urn: 'EY3', contactedOn: '2026-12-18' }];
  it('lists the settings with no recorded contact this term (a contact last term does not count)', () => {
    expect(settingsNotContacted(settings, contacts, terms[0]!, 1)).toEqual([{ urn: 'EY2', contacts: 0 }]);
  });
  it('an LA can ask for more than one contact a term', () => {
    expect(settingsNotContacted(settings, contacts, terms[0]!, 2).map((s) => s.urn)).toEqual(['EY1', 'EY2']);
  });
  it('in the Christmas holiday the term that just ended still counts; a new term starts with none', () => {
    expect(termFor('2026-12-28', terms)?.name).toBe('Autumn 2026');
    expect(termFor('2027-01-04', terms)?.name).toBe('Spring 2027');
    expect(settingsNotContacted(settings, contacts, termFor('2027-01-04', terms)!, 1)).toHaveLength(3);
    expect(termFor('2026-08-01', terms)).toBeNull();
  });
});

describe('SEND drop-ins: "We have now moved the SEND drop-ins to online every 3 weeks" (Leicestershire)', () => {
  const calendar = workingCalendar(['2026-12-25', '2026-12-28', '2027-01-01']);
  it('a series runs every 3 weeks from its first date; a bank holiday is skipped', () => {
    expect(dropinDates('2026-11-20', '2027-01-31', 3, calendar)).toEqual(['2026-11-20', '2026-12-11', '2027-01-22']); // New Year's Day skipped, the series carries on
    expect(dropinDates('2026-12-04', '2026-12-31', 3, calendar)).toEqual(['2026-12-04']); // 25 December skipped
  });
  it('slots follow one another', () => {
    expect(slotTimes('09:30', 20, 4)).toEqual(['09:30', '09:50', '10:10', '10:30']);
  });
  it('"we ask that you complete the paperwork beforehand": a booking without it is flagged from two working days before', () => {
    const slot = { onDate: '2026-12-01', booked: true, hasPaperwork: false }; // a Tuesday
    expect(paperworkMissing(slot, '2026-11-26', calendar)).toBe(false);
    expect(paperworkMissing(slot, '2026-11-27', calendar)).toBe(true); // Friday: Friday and Monday are the two working days before
    expect(paperworkMissing({ ...slot, hasPaperwork: true }, '2026-11-30', calendar)).toBe(false);
    expect(paperworkMissing({ ...slot, booked: false }, '2026-11-30', calendar)).toBe(false);
  });
});
