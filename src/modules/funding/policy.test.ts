import { describe, expect, it } from 'vitest';
import { kentPolicy, neutralPolicy } from './policy.js';
import { defaultRules, eligibility, fundingRulesSchema, provisionException, withdrawalScope, withdrawalSentence, type FundingFacts } from './rules.js';

const base: FundingFacts = { registrationDate: '2015-04-01', status: 'Active', statusDate: null, inspections: [], enforcement: [], pathway: [] };
const graded = (date: string, overall: string) => ({ date, kind: 'full', overall, reportCard: null, safeguardingMet: null });
const KENT = '886';
const LEICESTERSHIRE = '855';

describe('funding rules are each LA’s own (issue 19.8)', () => {
  const inadequate = { ...base, inspections: [graded('2026-03-02', 'inadequate')] };

  it('Kent’s reasons quote its strategy: "the local authority will withdraw funding for any subsequent early learning places for two, three and four year olds"', () => {
    const e = eligibility(inadequate, defaultRules(KENT), '2026-04-01');
    expect(e.universal.reason).toBe('Ofsted inadequate on 2 March 2026. Kent strategy: "Where a setting is judged as ‘inadequate’ by Ofsted the local authority will withdraw funding for any subsequent early learning places for two, three and four year olds".');
  });

  it('a Leicestershire decision never quotes "Kent strategy": other LAs start from a neutral policy text', () => {
    for (const facts of [inadequate, { ...base, inspections: [graded('2026-03-02', 'requires_improvement')] }, { ...base, inspections: [graded('2024-01-10', 'good')], enforcement: [{ date: '2026-03-01', type: 'suspension' }] }]) {
      const e = eligibility(facts, defaultRules(LEICESTERSHIRE), '2026-04-01');
      for (const s of Object.values(e)) {
        expect(s.reason).not.toMatch(/Kent/);
      }
    }
    expect(eligibility(inadequate, defaultRules(LEICESTERSHIRE), '2026-04-01').ff2.reason).toBe(`Ofsted inadequate on 2 March 2026. Our funding policy: ${neutralPolicy.inadequate}.`);
    expect(defaultRules(KENT).policy).toEqual(kentPolicy);
  });

  it('an LA’s own words replace the default ones', () => {
    const rules = fundingRulesSchema.parse({ policy: { ...neutralPolicy, title: 'Leicestershire early education funding policy', riCondition: 'providers graded Requires improvement must agree an action plan with their adviser' } });
    expect(eligibility({ ...base, inspections: [graded('2026-03-02', 'requires_improvement')] }, rules, '2026-04-01').universal.reason).toBe('Ofsted requires improvement on 2 March 2026. Leicestershire early education funding policy: providers graded Requires improvement must agree an action plan with their adviser.');
  });
});

describe('after Requires improvement, FF2 may continue where the LA records insufficient accessible good provision', () => {
  const ri = { ...base, inspections: [graded('2026-03-02', 'requires_improvement')] };
  const record = { urn: 'EY100001', reason: 'No Good setting with FF2 places within 5 miles on a bus route', recordedOn: '2026-03-10', reviewBy: '2026-09-10' };
  const rules = fundingRulesSchema.parse({ policy: kentPolicy, ff2ContinuesWhereProvisionInsufficient: true, insufficientProvision: [record] });

  it('continues from the day recorded to the review date, saying why and until when', () => {
    const e = eligibility(ri, rules, '2026-04-01', 'EY100001');
    expect(e.ff2.status).toBe('conditional');
    expect(e.ff2.reason).toBe('Ofsted requires improvement on 2 March 2026. FF2 continues: the local authority recorded insufficient accessible good provision on 10 March 2026 (No Good setting with FF2 places within 5 miles on a bus route); it is reviewed by 10 September 2026. Kent strategy: "providers ‘requiring improvement’ take-up appropriate support as a condition of funding".');
    expect(eligibility(ri, rules, '2026-03-09', 'EY100001').ff2.status).toBe('not_eligible'); // before it was recorded
    expect(eligibility(ri, rules, '2026-09-11', 'EY100001').ff2.status).toBe('not_eligible'); // after the review date
    expect(eligibility(ri, rules, '2026-04-01', 'EY100002').ff2.status).toBe('not_eligible'); // another setting
  });

  it('only where the LA’s rules allow it, and not for a setting that stopped engaging', () => {
    expect(provisionException({ ...rules, ff2ContinuesWhereProvisionInsufficient: false }, 'EY100001', '2026-04-01')).toBeUndefined();
    expect(eligibility({ ...ri, pathway: [{ date: '2026-03-20', type: 'support_declined' }] }, rules, '2026-04-01', 'EY100001').ff2.status).toBe('not_eligible');
  });
});

describe('a withdrawal applies to children starting after the report date, and the letter says so', () => {
  it('the withdrawal carries the date it counts from', () => {
    const e = eligibility({ ...base, inspections: [graded('2026-03-02', 'inadequate')] }, defaultRules(KENT), '2026-04-01');
    expect(e.ff2.withdrawnFrom).toBe('2026-03-02');
    expect(eligibility({ ...base, inspections: [graded('2024-01-10', 'good')] }, defaultRules(KENT), '2026-04-01').ff2.withdrawnFrom).toBeUndefined();
  });

  it('"withdraw funding for any subsequent early learning places": children who start after the report; or, where the LA chose so, every child', () => {
    expect(withdrawalScope(defaultRules(KENT), '2026-03-02', '2026-04-01')).toBe('This applies to children who start at your setting after 2 March 2026. Children who started before then keep their funded place.');
    expect(withdrawalScope(fundingRulesSchema.parse({ withdrawalAppliesTo: 'all_children' }), '2026-03-02', '2026-04-01')).toBe('This applies to every funded child at your setting from 1 April 2026.');
    const e = eligibility({ ...base, inspections: [graded('2026-03-02', 'inadequate')] }, defaultRules(KENT), '2026-04-01');
    expect(withdrawalSentence(e, defaultRules(KENT), '2026-04-01')).toContain('after 2 March 2026');
    expect(withdrawalSentence(eligibility({ ...base, inspections: [graded('2024-01-10', 'good')] }, defaultRules(KENT), '2026-04-01'), defaultRules(KENT), '2026-04-01')).toBeNull();
  });
});
