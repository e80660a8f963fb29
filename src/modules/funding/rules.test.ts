import { describe, expect, it } from 'vitest';
import { eligibility, kentDefaults, reportCardStanding, seed, type FundingFacts } from './rules.js';

const base: FundingFacts = { registrationDate: '2015-04-01', status: 'Active', statusDate: null, inspections: [], enforcement: [], pathway: [] };
const graded = (date: string, overall: string) => ({ date, kind: 'full', overall, reportCard: null, safeguardingMet: null });
const statuses = (e: ReturnType<typeof eligibility>) => [e.ff2.status, e.universal.status, e.extended.status, e.under_threes.status];

describe('funding needs the Early Years Register', () => {
  const good = { ...base, inspections: [graded('2024-01-10', 'good')] };
  const newlyRegistered = { ...base, registrationDate: '2026-02-01' };
  const combinations: [readonly string[], boolean][] = [
    [['EYR'], true], [['EYR', 'CCR'], true], [['EYR', 'VCR'], true], [['EYR', 'CCR', 'VCR'], true],
    [['CCR'], false], [['VCR'], false], [['CCR', 'VCR'], false],
  ];
  for (const [registers, funded] of combinations) {
    it(`${registers.join(' + ')}: every stream ${funded ? 'follows the Ofsted outcome' : 'is not eligible, saying why'}`, () => {
      for (const facts of [good, newlyRegistered]) {
        const e = eligibility({ ...facts, registers }, kentDefaults, '2026-04-01');
        for (const stream of ['ff2', 'universal', 'extended', 'under_threes'] as const) {
          expect(e[stream].status, `${registers.join('+')} ${stream}`).toBe(funded ? 'eligible' : 'not_eligible');
          if (!funded) expect(e[stream].reason).toMatch(/^Not on the Early Years Register \(registered on the .*Childcare Register.* only\): funded early education .* is only for settings registered on the Early Years Register\.$/);
        }
      }
    });
  }

  it('an out-of-school club on the compulsory Childcare Register only is told so in words, not "newly registered"', () => {
    const e = eligibility({ ...base, registrationDate: '2026-02-01', registers: ['CCR'] }, kentDefaults, '2026-04-01');
    expect(e.ff2.reason).toBe('Not on the Early Years Register (registered on the compulsory Childcare Register only): funded early education (for two-year-olds, three and four-year-olds and children of working parents) is only for settings registered on the Early Years Register.');
  });

  it('when Ofsted’s data names no register, the outcome decides as before', () => {
    expect(eligibility({ ...good, registers: [] }, kentDefaults, '2026-04-01').ff2.status).toBe('eligible');
  });
});

describe('funding eligibility (Kent strategy, 002)', () => {
  it('"only fund early learning places for two year olds in settings judged to be ‘good’ or ‘outstanding’"', () => {
    expect(statuses(eligibility({ ...base, inspections: [graded('2024-01-10', 'good')] }, kentDefaults, '2026-04-01'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    expect(statuses(eligibility({ ...base, inspections: [graded('2024-01-10', 'outstanding')] }, kentDefaults, '2026-04-01'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    const ri = eligibility({ ...base, inspections: [graded('2024-01-10', 'requires_improvement')] }, kentDefaults, '2026-04-01');
    expect(ri.ff2.status).toBe('not_eligible');
    expect(ri.ff2.reason).toContain('only fund early learning places for two year olds');
  });

  it('"providers ‘requiring improvement’ take-up appropriate support as a condition of funding"', () => {
    const ri = eligibility({ ...base, inspections: [graded('2024-01-10', 'requires_improvement')] }, kentDefaults, '2026-04-01');
    expect(statuses(ri)).toEqual(['not_eligible', 'conditional', 'conditional', 'conditional']);
    expect(ri.universal.reason).toContain('as a condition of funding');
  });

  it('"Continued disengagement with this process or insufficient improvement will result in withdrawal of funding"', () => {
    const facts = { ...base, inspections: [graded('2026-01-10', 'requires_improvement')], pathway: [{ date: '2026-03-03', type: 'support_declined' as const }] };
    expect(statuses(eligibility(facts, kentDefaults, '2026-03-02'))).toEqual(['not_eligible', 'conditional', 'conditional', 'conditional']);
    const after = eligibility(facts, kentDefaults, '2026-03-03');
    expect(statuses(after)).toEqual(['not_eligible', 'not_eligible', 'not_eligible', 'not_eligible']);
    expect(after.universal.reason).toBe('Support declined on 3 March 2026. Kent strategy: "Continued disengagement with this process or insufficient improvement will result in withdrawal of funding".');
    const closed = eligibility({ ...facts, pathway: [{ date: '2026-03-03', type: 'not_engaging' as const }] }, kentDefaults, '2026-03-04');
    expect(closed.extended.reason).toContain('The setting did not engage with support on 3 March 2026');
    expect(closed.extended.status).toBe('not_eligible');
    // a later inspection starts afresh
    expect(statuses(eligibility({ ...facts, inspections: [...facts.inspections, graded('2026-06-01', 'good')] }, kentDefaults, '2026-07-01'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
  });

  it('"Where a setting is judged as ‘inadequate’ by Ofsted the local authority will withdraw funding for any subsequent early learning places for two, three and four year olds"', () => {
    const facts = { ...base, inspections: [graded('2020-05-01', 'good'), graded('2026-03-03', 'inadequate')] };
    expect(statuses(eligibility(facts, kentDefaults, '2026-03-02'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    const e = eligibility(facts, kentDefaults, '2026-03-03');
    expect(statuses(e)).toEqual(['not_eligible', 'not_eligible', 'not_eligible', 'not_eligible']);
    expect(e.ff2.reason).toBe('Ofsted inadequate on 3 March 2026. Kent strategy: "Where a setting is judged as ‘inadequate’ by Ofsted the local authority will withdraw funding for any subsequent early learning places for two, three and four year olds".');
  });

  it('a Childcare Register requirement Not met (enforcement) at the latest inspection withdraws funding as an EYR Not met (enforcement) does; Not met (with actions) leaves the grade to decide (ADR 0018)', () => {
    const at = (requirements: (string | null)[]) => eligibility({ ...base, inspections: [{ ...graded('2026-03-03', 'good'), requirements }] }, kentDefaults, '2026-04-01');
    const enforced = at(['met', 'not_met_enforcement']);
    expect(statuses(enforced)).toEqual(['not_eligible', 'not_eligible', 'not_eligible', 'not_eligible']);
    expect(enforced.ff2.reason).toBe(`Ofsted good on 3 March 2026; VCR requirements Not met (enforcement). Kent strategy: ${seed.inadequate}.`);
    expect(statuses(at(['not_met_actions', 'met']))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    expect(statuses(at([null, null]))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
  });

  it('"Where the Local Authority receives notification from Ofsted that they intend to cancel or suspend a registration provision the Local Authority will withdraw funding" — even after a Good grade', () => {
    const facts = { ...base, inspections: [graded('2025-02-01', 'good')], enforcement: [{ date: '2026-02-10', type: 'notice_of_intention_to_cancel' }] };
    expect(statuses(eligibility(facts, kentDefaults, '2026-02-09'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    const e = eligibility(facts, kentDefaults, '2026-02-10');
    expect(statuses(e)).toEqual(['not_eligible', 'not_eligible', 'not_eligible', 'not_eligible']);
    expect(e.ff2.reason).toContain('Ofsted notice of intention to cancel on 10 February 2026');
    // a welfare requirements notice does not withdraw funding
    expect(eligibility({ ...facts, enforcement: [{ date: '2026-02-10', type: 'welfare_requirements_notice' }] }, kentDefaults, '2026-03-01').ff2.status).toBe('eligible');
  });

  it('report cards: Good or better when no area is below the expected standard and safeguarding is met (configurable)', () => {
    const card = (grades: Record<string, string>, safeguardingMet: boolean) => ({ ...base, inspections: [{ date: '2026-01-20', kind: 'full', overall: null, reportCard: grades, safeguardingMet }] });
    const expected = { inclusion: 'expected_standard', curriculum_and_teaching: 'strong_standard', leadership_and_governance: 'expected_standard' };
    expect(statuses(eligibility(card(expected, true), kentDefaults, '2026-02-01'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    const attention = eligibility(card({ ...expected, inclusion: 'needs_attention' }, true), kentDefaults, '2026-02-01');
    expect(statuses(attention)).toEqual(['not_eligible', 'conditional', 'conditional', 'conditional']);
    // a stricter LA: Strong standard everywhere
    expect(eligibility(card(expected, true), { ...kentDefaults, reportCardLowestArea: 'strong_standard' }, '2026-02-01').ff2.status).toBe('not_eligible');
  });

  it('report cards: safeguarding Not met, or Urgent improvement in leadership, proposes withdrawal (configurable)', () => {
    expect(reportCardStanding({ inclusion: 'strong_standard' }, false, kentDefaults).standing).toBe('withdraw');
    expect(reportCardStanding({ leadership_and_governance: 'urgent_improvement' }, true, kentDefaults)).toEqual({ standing: 'withdraw', why: 'Urgent improvement in leadership and governance' });
    expect(reportCardStanding({ inclusion: 'urgent_improvement' }, true, kentDefaults).standing).toBe('below_good');
    expect(reportCardStanding({ inclusion: 'strong_standard' }, false, { ...kentDefaults, withdrawOnSafeguardingNotMet: false, reportCardSafeguardingMet: false }).standing).toBe('good');
  });

  it('a provider with an old grade and a newer report card is judged on the newer', () => {
    const facts = { ...base, inspections: [graded('2022-01-01', 'inadequate'), { date: '2026-01-20', kind: 'full', overall: null, reportCard: { inclusion: 'strong_standard' }, safeguardingMet: true }] };
    expect(statuses(eligibility(facts, kentDefaults, '2026-02-01'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    expect(statuses(eligibility(facts, kentDefaults, '2025-02-01'))).toEqual(['not_eligible', 'not_eligible', 'not_eligible', 'not_eligible']);
  });

  it('newly registered, not yet inspected: eligible per LA setting (default yes); re-registration ignores the old registration’s inspections', () => {
    expect(statuses(eligibility(base, kentDefaults, '2026-02-01'))).toEqual(['eligible', 'eligible', 'eligible', 'eligible']);
    expect(statuses(eligibility(base, { ...kentDefaults, newlyRegisteredFf2: false }, '2026-02-01'))).toEqual(['not_eligible', 'eligible', 'eligible', 'eligible']);
    const reRegistered = { ...base, registrationDate: '2025-09-01', inspections: [graded('2023-01-01', 'inadequate')] };
    expect(eligibility(reRegistered, kentDefaults, '2026-02-01').ff2.reason).toContain('Newly registered');
  });

  it('resigned or cancelled registrations are not funded from the status date', () => {
    const e = eligibility({ ...base, inspections: [graded('2024-01-01', 'good')], status: 'Resigned', statusDate: '2026-05-01' }, kentDefaults, '2026-06-01');
    expect(statuses(e)).toEqual(['not_eligible', 'not_eligible', 'not_eligible', 'not_eligible']);
    expect(eligibility({ ...base, inspections: [graded('2024-01-01', 'good')], status: 'Resigned', statusDate: '2026-05-01' }, kentDefaults, '2026-04-01').ff2.status).toBe('eligible');
  });
});
