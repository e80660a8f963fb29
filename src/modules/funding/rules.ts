import { z } from 'zod';
import { reportCardGradesWeakestFirst } from '../vocabulary/index.js';
import { defaultPolicy, kentPolicy, neutralPolicy, policySchema, quote, type FundingPolicy } from './policy.js';

/*
 * Funding eligibility by Ofsted outcome, as pure functions of dated facts and the LA's rules.
 * Each rule quotes the sentence of the LA's own policy it implements (Kent's strategy, 002, for
 * Kent; a neutral text for other LAs until they write theirs: ./policy.ts), so a decision can be
 * explained in the words staff and settings know.
 */

export const streams = ['ff2', 'universal', 'extended', 'under_threes'] as const;
export type Stream = (typeof streams)[number];
export const streamLabels: Record<Stream, string> = {
  ff2: 'Funded places for two-year-olds (FF2)',
  universal: '3 and 4 year olds: universal 15 hours',
  extended: '3 and 4 year olds: extended hours (working parents)',
  under_threes: 'Working-parent entitlement for under-threes',
};
export type Status = 'eligible' | 'conditional' | 'not_eligible';
export const statusLabels: Record<Status, string> = { eligible: 'Eligible', conditional: 'Eligible on condition of support', not_eligible: 'Not eligible' };

/** Kent's strategy sentences (seed 002), as the rules quote them for Kent. */
export const seed = kentPolicy;

/** The law behind the strategy: the early education entitlements are delivered by providers on Ofsted's Early Years Register. */
export const statutory = {
  earlyYearsRegister: 'funded early education (for two-year-olds, three and four-year-olds and children of working parents) is only for settings registered on the Early Years Register',
} as const;

/** An LA's settings (Kent's defaults). Versioned as data; the admin page edits them. */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const fundingRulesSchema = z.object({
  /** report cards count as Good or better when no area is below this grade … */
  reportCardLowestArea: z.enum(['expected_standard', 'strong_standard']).default('expected_standard'),
  /** … and safeguarding is Met */
  reportCardSafeguardingMet: z.boolean().default(true),
  /** report cards that propose withdrawal */
  withdrawOnSafeguardingNotMet: z.boolean().default(true),
  withdrawOnUrgentImprovementIn: z.array(z.string()).default(['leadership_and_governance']),
  /** newly registered, not yet inspected */
  newlyRegisteredFf2: z.boolean().default(true),
  newlyRegisteredThreeFour: z.boolean().default(true),
  newlyRegisteredUnderThrees: z.boolean().default(true),
  /** FEEE audit child records are deleted after this many years */
  childRecordRetentionYears: z.number().int().min(1).max(20).default(7),
  /** … and those of an audit never completed, this many months after it was planned */
  unfinishedAuditChildMonths: z.number().int().min(1).max(60).default(12),
  /** the LA's own policy words, quoted in every reason (filled with the LA's default when not saved) */
  policy: policySchema.optional(),
  /** after Requires improvement, FF2 continues where the LA records insufficient accessible good provision … */
  ff2ContinuesWhereProvisionInsufficient: z.boolean().default(false),
  /** … for these settings: why, when it was recorded, when it is reviewed */
  insufficientProvision: z.array(z.object({ urn: z.string().trim().min(6).max(10), reason: z.string().trim().min(1).max(600), recordedOn: isoDay, reviewBy: isoDay })).max(500).default([]),
  /** a withdrawal applies to children starting after the report date (Kent §3: "any subsequent early learning places"), or to all funded children */
  withdrawalAppliesTo: z.enum(['children_starting_after', 'all_children']).default('children_starting_after'),
});
export type FundingRules = z.infer<typeof fundingRulesSchema>;
export type InsufficientProvision = FundingRules['insufficientProvision'][number];
export const kentDefaults: FundingRules = fundingRulesSchema.parse({ policy: kentPolicy });
/** The rules an LA starts from: Kent's strategy for Kent, a neutral policy for every other LA. */
export const defaultRules = (laCode: string): FundingRules => fundingRulesSchema.parse({ policy: defaultPolicy(laCode) });
/** The policy the rules quote. */
export const policyOf = (rules: FundingRules): FundingPolicy => rules.policy ?? neutralPolicy;

export interface FundingFacts {
  registrationDate: string | null;
  /** Ofsted's registers the setting is on (EYR, CCR, VCR); unknown when Ofsted's data did not say */
  registers?: readonly string[] | null;
  status: string | null;
  statusDate: string | null;
  inspections: {
    date: string;
    kind: string;
    overall: string | null;
    reportCard: Record<string, string> | null;
    safeguardingMet: boolean | null;
    /** the Childcare Register requirements judged at the same inspection (CCR, VCR suitability) */
    requirements?: readonly (string | null)[];
  }[];
  enforcement: { date: string; type: string }[];
  /** from the support pathway: insufficient improvement (recorded by the SIA), or disengagement (support declined, or closed as not engaging) */
  pathway: { date: string; type: 'insufficient_improvement' | 'support_declined' | 'not_engaging' }[];
}

/** `withdrawnFrom`: the date a withdrawal counts from (the report, the notice, the pathway's record) */
export type Eligibility = Record<Stream, { status: Status; reason: string; withdrawnFrom?: string }>;

const all = (status: Status, reason: string, withdrawnFrom?: string): Eligibility => Object.fromEntries(streams.map((s) => [s, { status, reason, ...(withdrawnFrom ? { withdrawnFrom } : {}) }])) as Eligibility;
const gradeOrder: readonly string[] = reportCardGradesWeakestFirst;
const withdrawing = new Set(['notice_of_intention_to_cancel', 'notice_of_intention_to_suspend', 'notice_of_intention', 'suspension', 'cancellation']);
const enforcementWords: Record<string, string> = {
  notice_of_intention_to_cancel: 'notice of intention to cancel', notice_of_intention_to_suspend: 'notice of intention to suspend', notice_of_intention: 'notice of intention',
  suspension: 'suspension', cancellation: 'cancellation',
};
const registerNames: Record<string, string> = { EYR: 'Early Years Register', CCR: 'compulsory Childcare Register', VCR: 'voluntary Childcare Register' };
const longFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const longDate = (iso: string) => longFormat.format(new Date(`${iso}T00:00:00Z`));

/** How a report card reads for funding: good (or better), below good, or a withdrawal. */
export function reportCardStanding(card: Record<string, string>, safeguardingMet: boolean | null, rules: FundingRules): { standing: 'good' | 'below_good' | 'withdraw'; why: string } {
  if (rules.withdrawOnSafeguardingNotMet && safeguardingMet === false) return { standing: 'withdraw', why: 'safeguarding Not met' };
  const urgent = rules.withdrawOnUrgentImprovementIn.find((area) => card[area] === 'urgent_improvement');
  if (urgent) return { standing: 'withdraw', why: `Urgent improvement in ${urgent.replace(/_/g, ' ')}` };
  const lowest = Math.min(...Object.values(card).map((g) => gradeOrder.indexOf(g)).filter((i) => i >= 0));
  const good = lowest >= gradeOrder.indexOf(rules.reportCardLowestArea) && (!rules.reportCardSafeguardingMet || safeguardingMet !== false);
  return good ? { standing: 'good', why: 'no area below the expected standard' } : { standing: 'below_good', why: 'an area below the expected standard' };
}

/**
 * Eligibility for each funding stream on `asAt`, from the facts known by then. A later
 * inspection supersedes earlier enforcement and pathway decisions; inspections from before a
 * re-registration do not count.
 */
export function eligibility(facts: FundingFacts, rules: FundingRules, asAt: string, urn?: string): Eligibility {
  const policy = policyOf(rules);
  if (facts.status && /^(resigned|cancelled)/i.test(facts.status) && (facts.statusDate ?? '') <= asAt) return all('not_eligible', `Registration ${facts.status.toLowerCase()}${facts.statusDate ? ` on ${longDate(facts.statusDate)}` : ''}: no longer registered`);
  if (facts.registers?.length && !facts.registers.includes('EYR')) {
    const on = facts.registers.map((r) => registerNames[r] ?? r).join(' and ');
    return all('not_eligible', `Not on the Early Years Register (registered on the ${on} only): ${statutory.earlyYearsRegister}.`);
  }
  const registered = facts.registrationDate ?? '0000-01-01';
  const latest = facts.inspections
    .filter((i) => i.date <= asAt && i.date >= registered && (i.kind === 'full' || i.kind === 'ncor'))
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const since = latest?.date ?? registered;
  const enforcement = facts.enforcement.filter((e) => e.date <= asAt && e.date >= since && withdrawing.has(e.type)).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  if (enforcement) return all('not_eligible', `Ofsted ${enforcementWords[enforcement.type]} on ${longDate(enforcement.date)}. ${quote(policy, 'enforcement')}.`, enforcement.date);

  if (!latest || latest.overall === 'met') {
    const reason = 'Newly registered, not yet inspected with children on roll (the local authority’s rule for new settings)';
    const yes = (b: boolean): Status => (b ? 'eligible' : 'not_eligible');
    return {
      ff2: { status: yes(rules.newlyRegisteredFf2), reason },
      universal: { status: yes(rules.newlyRegisteredThreeFour), reason },
      extended: { status: yes(rules.newlyRegisteredThreeFour), reason },
      under_threes: { status: yes(rules.newlyRegisteredUnderThrees), reason },
    };
  }
  let standing: 'good' | 'below_good' | 'withdraw';
  let what: string;
  if (latest.reportCard && Object.keys(latest.reportCard).length) {
    const card = reportCardStanding(latest.reportCard, latest.safeguardingMet, rules);
    standing = card.standing;
    what = `Report card of ${longDate(latest.date)}: ${card.why}`;
  } else {
    const overall = latest.overall ?? '';
    standing = overall === 'outstanding' || overall === 'good' ? 'good' : overall === 'inadequate' || overall === 'not_met_enforcement' ? 'withdraw' : 'below_good';
    what = `Ofsted ${overall.replace(/_/g, ' ')} on ${longDate(latest.date)}`;
  }
  // Childcare Register requirements Not met (enforcement) at the same inspection: as an EYR Not met (enforcement) (ADR 0018)
  const enforced = (['CCR', 'VCR'] as const).filter((_, i) => latest.requirements?.[i] === 'not_met_enforcement');
  if (enforced.length) {
    standing = 'withdraw';
    what = `${what}; ${enforced.join(' and ')} requirements Not met (enforcement)`;
  }
  if (standing === 'withdraw') return all('not_eligible', `${what}. ${quote(policy, 'inadequate')}.`, latest.date);
  if (standing === 'good') return all('eligible', `${what}: Good or better`);
  const disengaged = facts.pathway.filter((p) => p.date <= asAt && p.date >= latest.date).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const rest: Eligibility[Stream] = disengaged
    ? { status: 'not_eligible', reason: `${{ support_declined: 'Support declined', not_engaging: 'The setting did not engage with support', insufficient_improvement: 'Insufficient improvement recorded by the SIA' }[disengaged.type]} on ${longDate(disengaged.date)}. ${quote(policy, 'disengagement')}.`, withdrawnFrom: disengaged.date }
    : { status: 'conditional', reason: `${what}. ${quote(policy, 'riCondition')}.` };
  const exception = disengaged ? undefined : provisionException(rules, urn, asAt);
  const ff2: Eligibility[Stream] = exception
    ? { status: 'conditional', reason: `${what}. FF2 continues: the local authority recorded insufficient accessible good provision on ${longDate(exception.recordedOn)} (${exception.reason}); it is reviewed by ${longDate(exception.reviewBy)}. ${quote(policy, 'riCondition')}.` }
    : { status: 'not_eligible', reason: `${what}. ${quote(policy, 'ff2Good')}.`, withdrawnFrom: latest.date };
  return { ff2, universal: rest, extended: rest, under_threes: rest };
}

/**
 * The LA's record that there is not enough accessible good provision near a Requires-improvement
 * setting, in force on `asAt` (from the day it was recorded to its review date), when the LA's rules
 * let FF2 continue on that ground.
 */
export function provisionException(rules: FundingRules, urn: string | undefined, asAt: string): InsufficientProvision | undefined {
  if (!rules.ff2ContinuesWhereProvisionInsufficient || !urn) return undefined;
  return rules.insufficientProvision.filter((r) => r.urn === urn && r.recordedOn <= asAt && asAt <= r.reviewBy).sort((a, b) => (a.recordedOn < b.recordedOn ? 1 : -1))[0];
}

/**
 * What a letter says about whom a withdrawal applies to (Kent §3: "withdraw funding for any
 * subsequent early learning places"): children who start after the report date, or every funded child.
 */
export function withdrawalScope(rules: FundingRules, withdrawnFrom: string, effectiveFrom: string): string {
  return rules.withdrawalAppliesTo === 'children_starting_after'
    ? `This applies to children who start at your setting after ${longDate(withdrawnFrom)}. Children who started before then keep their funded place.`
    : `This applies to every funded child at your setting from ${longDate(effectiveFrom)}.`;
}

/** The letter's and e-mail's sentence on whom a withdrawal applies to, when the decision withdraws funding. */
export function withdrawalSentence(e: Eligibility, rules: FundingRules, effectiveFrom: string): string | null {
  const withdrawn = streams.map((s) => e[s]).find((x) => x.status === 'not_eligible' && x.withdrawnFrom);
  return withdrawn?.withdrawnFrom ? withdrawalScope(rules, withdrawn.withdrawnFrom, effectiveFrom) : null;
}

/** Whether two eligibilities differ in any stream's status. */
export function differs(a: Record<Stream, { status: Status }>, b: Record<Stream, { status: Status }>): boolean {
  return streams.some((s) => a[s].status !== b[s].status);
}

/** Counts as funded on that date (conditional funding continues). */
export const funded = (status: Status) => status !== 'not_eligible';
