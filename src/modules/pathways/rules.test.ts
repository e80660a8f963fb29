import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../platform/calendar.js';
import { decide, isNewlyRegistered, pathwayForOutcome, pathwayForRegistration, planVisits, stepsFrom, addMonths } from './rules.js';
import { defaultTemplates } from './templates.js';
import { allocateIntro, cadenceChoice } from './presenters.js';
import { handOver } from './moves.js';

const kent = defaultTemplates('886');
const leics = defaultTemplates('855');
const calendar = workingCalendar(['2026-12-25', '2026-12-28', '2027-01-01']);
const outcome = (overall: string | null, reportCard: Record<string, string> | null = null, safeguardingEffective: boolean | null = null) => ({ overall, reportCard, safeguardingEffective });

describe('which outcome starts which pathway', () => {
  it('"Where a setting receives a ‘requires improvement to be good’ rating from Ofsted, this will trigger intervention"', () => {
    expect(pathwayForOutcome(outcome('requires_improvement'), kent)).toBe('requires_improvement');
  });
  it('"Where a setting receives an inadequate rating from Ofsted, this will trigger intervention"', () => {
    expect(pathwayForOutcome(outcome('inadequate'), kent)).toBe('inadequate');
  });
  it('"Where a setting receives a good Ofsted judgement add to the Annual Conversation Programme"', () => {
    expect(pathwayForOutcome(outcome('good'), kent)).toBe('good_or_better');
    expect(pathwayForOutcome(outcome('outstanding'), kent)).toBe('good_or_better');
  });
  it('Leicestershire: "judged by Ofsted as ‘Inadequate’, ‘Requires Improvement’ or ‘Not Met’ ... can expect to receive the additional following support"', () => {
    expect(pathwayForOutcome(outcome('not_met_actions'), leics)).toBe('requires_improvement');
    expect(pathwayForOutcome(outcome('not_met_enforcement'), leics)).toBe('inadequate');
  });
  it('"… ‘Not Met’ in their most recent inspection report can expect to receive the additional following support": a Childcare Register requirement Not met at a Good inspection starts what that Not met would (issue 16.6)', () => {
    const good = { ...outcome('good'), requirements: ['met', 'not_met_enforcement'] };
    expect(pathwayForOutcome(good, kent)).toBe('inadequate');
    expect(pathwayForOutcome({ ...good, requirements: ['not_met_actions', 'met'] }, kent)).toBe('requires_improvement');
    expect(pathwayForOutcome({ ...good, requirements: ['met', 'met'] }, kent)).toBe('good_or_better');
    expect(pathwayForOutcome({ ...outcome('inadequate'), requirements: ['not_met_actions', null] }, kent)).toBe('inadequate');
  });
  it('a Met outcome for a registered-but-no-children inspection starts nothing', () => {
    expect(pathwayForOutcome(outcome('met'), kent)).toBeNull();
  });
  it('report cards: any area Urgent improvement or safeguarding Not met → Inadequate; any Needs attention → Requires improvement; otherwise Good or better', () => {
    expect(pathwayForOutcome(outcome(null, { inclusion: 'urgent_improvement', achievement: 'strong_standard' }, true), kent)).toBe('inadequate');
    expect(pathwayForOutcome(outcome(null, { inclusion: 'expected_standard' }, false), kent)).toBe('inadequate');
    expect(pathwayForOutcome(outcome(null, { inclusion: 'needs_attention', achievement: 'exceptional' }, true), kent)).toBe('requires_improvement');
    expect(pathwayForOutcome(outcome(null, { inclusion: 'expected_standard', achievement: 'exceptional' }, true), kent)).toBe('good_or_better');
  });
  it('the report-card mapping is the template’s, so an LA can change it', () => {
    const strict = structuredClone(kent);
    strict.requires_improvement!.trigger.reportCard.anyAreaGraded = ['needs_attention', 'expected_standard'];
    expect(pathwayForOutcome(outcome(null, { inclusion: 'expected_standard' }, true), strict)).toBe('requires_improvement');
  });
  it('"Where a setting is newly registered this will trigger support"; "Setting who re-register and were previously good or better" get the annual conversation', () => {
    expect(pathwayForRegistration(false, kent)).toBe('new_registration');
    expect(pathwayForRegistration(true, kent)).toBe('good_or_better');
  });
});

describe('which registrations are new (issue 16.11)', () => {
  const today = '2026-11-23';
  it('"Where a setting is newly registered this will trigger support … bi-monthly visits up until the first inspection": registered in the last 6 months and not inspected', () => {
    expect(isNewlyRegistered('2026-10-01', false, today)).toBe(true);
    expect(isNewlyRegistered('2026-05-24', false, today)).toBe(true);
    expect(decide({ type: 'registration', reRegistrationOfGoodSetting: false, newlyRegistered: true }, [], kent)).toEqual([{ type: 'start', kind: 'new_registration', reason: 'New registration' }]);
  });
  it('a setting first seen in EY Hub years after it registered, or already inspected ("up until the first inspection"), starts nothing', () => {
    expect(isNewlyRegistered('2026-05-23', false, today)).toBe(false);
    expect(isNewlyRegistered('2015-02-26', false, today)).toBe(false);
    expect(isNewlyRegistered('2026-10-01', true, today)).toBe(false);
    expect(isNewlyRegistered(null, false, today)).toBe(false);
    expect(decide({ type: 'registration', reRegistrationOfGoodSetting: false, newlyRegistered: false }, [], kent)).toEqual([]);
    expect(decide({ type: 'registration', reRegistrationOfGoodSetting: true, newlyRegistered: false }, [], kent)).toEqual([]);
  });
  it('the window is the local authority’s (months)', () => {
    expect(isNewlyRegistered('2026-01-10', false, today, 12)).toBe(true);
    expect(isNewlyRegistered('2026-10-01', false, today, 1)).toBe(false);
  });
});

describe('starting, switching and closing', () => {
  it('"(Where a setting receives a RI judgement see relevant flow chart)": Inadequate then RI switches pathway', () => {
    const d = decide({ type: 'outcome', outcome: outcome('requires_improvement'), label: 'Requires improvement' }, [{ id: 'p1', kind: 'inadequate' }], kent);
    expect(d).toEqual([
      { type: 'close', pathwayId: 'p1', outcome: 'Next Ofsted outcome: Requires improvement', exitStep: null },
      { type: 'start', kind: 'requires_improvement', reason: 'Ofsted outcome: Requires improvement' },
    ]);
  });
  it('the RI pathway closes with an exit step when the next outcome is Good', () => {
    const d = decide({ type: 'outcome', outcome: outcome('good'), label: 'Good' }, [{ id: 'p1', kind: 'requires_improvement' }], kent);
    expect(d[0]).toEqual({ type: 'close', pathwayId: 'p1', outcome: 'Next Ofsted outcome: Good', exitStep: 'Add the setting to the Annual Conversation Programme' });
    expect(d[1]).toMatchObject({ type: 'start', kind: 'good_or_better' });
  });
  it('Leicestershire: "If Good or better is given at the next inspection an exit visit will be arranged"', () => {
    const d = decide({ type: 'outcome', outcome: outcome('outstanding'), label: 'Outstanding' }, [{ id: 'p1', kind: 'requires_improvement' }], leics);
    expect(d[0]).toMatchObject({ type: 'close', exitStep: expect.stringContaining('exit visit') });
  });
  it('a second RI while the RI pathway runs keeps it (one pathway of each kind per provider)', () => {
    const d = decide({ type: 'outcome', outcome: outcome('requires_improvement'), label: 'Requires improvement' }, [{ id: 'p1', kind: 'requires_improvement' }], kent);
    expect(d).toEqual([{ type: 'note', pathwayId: 'p1', text: 'New Ofsted outcome: Requires improvement. The pathway continues.' }]);
  });
  it('"IA visits setting bi-monthly ... up until the first inspection": the first inspection closes the new registration pathway', () => {
    const d = decide({ type: 'outcome', outcome: outcome('good'), label: 'Good' }, [{ id: 'p1', kind: 'new_registration' }], kent);
    expect(d[0]).toEqual({ type: 'close', pathwayId: 'p1', outcome: 'Next Ofsted outcome: Good', exitStep: null });
  });
  it('a resigned or cancelled registration closes what is running', () => {
    expect(decide({ type: 'status', status: 'Resigned' }, [{ id: 'p1', kind: 'requires_improvement' }], kent)).toEqual([
      { type: 'close', pathwayId: 'p1', outcome: 'Registration ended: Resigned', exitStep: null },
    ]);
    expect(decide({ type: 'status', status: 'Active' }, [{ id: 'p1', kind: 'requires_improvement' }], kent)).toEqual([]);
  });
});

describe('deadlines and the visit plan', () => {
  const monday = new Date('2026-11-23T09:00:00Z');
  it('"SIA allocates the setting to an Improvement Adviser (IA) within three days" (working days)', () => {
    const [allocate] = stepsFrom(kent.requires_improvement!, 'start', new Date('2026-12-23T15:00:00Z'), calendar);
    // Wed 23 Dec → Thu 24, (25, 26, 27, 28 closed) Tue 29, Wed 30
    expect(allocate).toMatchObject({ key: 'allocate', owner: 'manager', deadline: { dueDate: '2026-12-30' } });
  });
  it('"SIA allocates the setting to an Improvement Adviser (IA) on the same day" (Inadequate): by the end of that working day', () => {
    const [allocate] = stepsFrom(kent.inadequate!, 'start', monday, calendar);
    expect(allocate?.deadline.dueDate).toBe('2026-11-23');
    expect(allocate?.deadline.dueAt.toISOString()).toBe('2026-11-23T23:59:59.999Z');
  });
  it('"IA contacts the setting to make an appointment to visit within two days" and "a business review to be undertaken within five days" run from allocation', () => {
    const steps = stepsFrom(kent.inadequate!, 'allocation', monday, calendar);
    expect(steps.map((s) => [s.key, s.deadline.dueDate])).toEqual([
      ['first_contact', '2026-11-25'],
      ['business_review', '2026-11-30'],
      ['support_letter', '2026-11-30'],
    ]);
  });
  it('Inadequate: "SIA & IA visit setting", IA visits 2 and 3 alone, then "Monthly Monitoring Visits: SIA accompanies IA"', () => {
    const visits = planVisits(kent.inadequate!, '2026-11-23', { cadence: 'monthly', managementActions: false }, calendar).filter((v) => v.visitType === 'improvement');
    expect(visits.filter((v) => !v.withSia).map((v) => v.number)).toEqual([2, 3]);
    expect(visits.filter((v) => v.withSia).map((v) => v.number)).toEqual([1, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(visits[3]?.focus).toMatch(/^Monthly Monitoring Visit: SIA accompanies IA .* Subsequent Visits:/);
    expect(kent.inadequate!.exit.step).toMatch(/^Following Ofsted re-inspection: .*add to the Annual Conversation Programme\.$/);
  });
  it('"IA visits setting fortnightly/monthly": 13 numbered visits with the seed’s focus, SIA accompanies visits 3, 6 and 9', () => {
    const visits = planVisits(kent.requires_improvement!, '2026-11-23', { cadence: 'fortnightly', managementActions: false }, calendar).filter((v) => v.visitType === 'improvement');
    expect(visits).toHaveLength(13);
    expect(visits.filter((v) => v.withSia).map((v) => v.number)).toEqual([3, 6, 9]);
    expect(visits[0]).toMatchObject({ number: 1, plannedDate: '2026-12-07' });
    expect(visits[0]?.focus).toContain('Review the SAWR');
    expect(visits[2]?.focus).toContain('SIA accompanies IA');
    // visit 2 on Mon 21 Dec; visit 3 a fortnight later, over Christmas, on Mon 4 January
    expect(visits[2]?.plannedDate).toBe('2027-01-04');
  });
  it('"Visit the setting quarterly" (SIA review) and the CSO’s monthly monitoring only "Should the report contain actions for the management committee"', () => {
    const without = planVisits(kent.requires_improvement!, '2026-11-23', { cadence: 'monthly', managementActions: false }, calendar);
    const withActions = planVisits(kent.requires_improvement!, '2026-11-23', { cadence: 'monthly', managementActions: true }, calendar);
    expect(without.filter((v) => v.visitType === 'sia_review').map((v) => v.plannedDate).slice(0, 2)).toEqual(['2027-02-23', '2027-05-24']);
    expect(without.some((v) => v.visitType === 'officer_monitoring')).toBe(false);
    expect(withActions.filter((v) => v.visitType === 'officer_monitoring').length).toBe(13);
  });
  it('"bi-monthly visits up until the first inspection" are every two months, visits 9-13 with the SSTEW audit', () => {
    const visits = planVisits(kent.new_registration!, '2026-01-31', { cadence: 'bi-monthly', managementActions: false }, calendar);
    expect(visits[0]?.plannedDate).toBe('2026-03-31');
    expect(visits[8]?.focus).toContain('SSTEW audit');
  });
  it('addMonths keeps to the end of short months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
  });
});

describe('the allocation form’s visit cadence', () => {
  // Seed (Leicestershire): the Requires Improvement / Inadequate plan is "monthly" visits only.
  it('offers no radio with a single option: it says the one cadence the visit plan has', () => {
    expect(cadenceChoice(['monthly'])).toBeNull();
    expect(allocateIntro('Requires Improvement', ['monthly'])).toContain('The adviser visits monthly: it is the only choice');
  });
  it('asks the SIA to choose when the plan offers more than one', () => {
    expect(cadenceChoice(['monthly', 'fortnightly'])?.items.map((i) => i.text)).toEqual(['Monthly', 'Fortnightly']);
    expect(allocateIntro('Requires Improvement', ['monthly', 'fortnightly'])).not.toContain('only choice');
  });
});

describe('a provider that moved to another local authority (ADR 0013)', () => {
  const move = { urn: 'EY1', fromLa: '857', fromName: 'Rutland', toLa: '855', toName: 'Leicestershire' };
  it('"running casework is never silently carried across or lost": the pathway is closed with the reason, both authorities get a task', () => {
    const d = handOver(move, [{ pathwayId: 'p1', kind: 'requires_improvement', bookedVisits: 2 }]);
    expect(d).toEqual([
      { type: 'close', pathwayId: 'p1', laCode: '857', outcome: 'Moved to another local authority (Leicestershire)' },
      { type: 'task', laCode: '857', ruleKey: 'move:left', title: 'The setting moved to Leicestershire: its support pathway was closed. Tell the setting and cancel or hand over its 2 booked visits.' },
      { type: 'task', laCode: '855', ruleKey: 'move:arrived', title: 'Arrived from Rutland, where it had a support pathway: decide what support it needs.' },
    ]);
  });
  it('a move without running casework (a reorganisation moving hundreds) creates no tasks', () => {
    expect(handOver(move, [])).toEqual([]);
  });
});
