import { z } from 'zod';
import { reportCardGradesWeakestFirst } from '../vocabulary/index.js';

/*
 * Funding eligibility by Ofsted outcome, as pure functions of dated facts and the LA's rules.
 * Each rule quotes the sentence of Kent's strategy (002) it implements, so a decision can be
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

export const seed = {
  ff2Good: '"local authorities should only fund early learning places for two year olds in settings judged to be ‘good’ or ‘outstanding’"',
  riCondition: '"providers ‘requiring improvement’ take-up appropriate support as a condition of funding"',
  inadequate: '"Where a setting is judged as ‘inadequate’ by Ofsted the local authority will withdraw funding for any subsequent early learning places for two, three and four year olds"',
  disengagement: '"Continued disengagement with this process or insufficient improvement will result in withdrawal of funding"',
  enforcement: '"Where the Local Authority receives notification from Ofsted that they intend to cancel or suspend a registration provision the Local Authority will withdraw funding"',
} as const;

/** The law behind the strategy: the early education entitlements are delivered by providers on Ofsted's Early Years Register. */
export const statutory = {
  earlyYearsRegister: 'funded early education (for two-year-olds, three and four-year-olds and children of working parents) is only for settings registered on the Early Years Register',
} as const;

/** An LA's settings (Kent's defaults). Versioned as data; the admin page edits them. */
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
});
export type FundingRules = z.infer<typeof fundingRulesSchema>;
export const kentDefaults: FundingRules = fundingRulesSchema.parse({});

export interface FundingFacts {
  registrationDate: string | null;
  /** Ofsted's registers the setting is on (EYR, CCR, VCR); unknown when Ofsted's data did not say */
  registers?: readonly string[] | null;
  status: string | null;
  statusDate: string | null;
  inspections: { date: string; kind: string; overall: string | null; reportCard: Record<string, string> | null; safeguardingMet: boolean | null }[];
  enforcement: { date: string; type: string }[];
  /** from the support pathway: insufficient improvement (recorded by the SIA), or disengagement (support declined, or closed as not engaging) */
  pathway: { date: string; type: 'insufficient_improvement' | 'support_declined' | 'not_engaging' }[];
}

export type Eligibility = Record<Stream, { status: Status; reason: string }>;

const all = (status: Status, reason: string): Eligibility => Object.fromEntries(streams.map((s) => [s, { status, reason }])) as Eligibility;
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
export function eligibility(facts: FundingFacts, rules: FundingRules, asAt: string): Eligibility {
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
  if (enforcement) return all('not_eligible', `Ofsted ${enforcementWords[enforcement.type]} on ${longDate(enforcement.date)}. Kent strategy: ${seed.enforcement}.`);

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
  if (standing === 'withdraw') return all('not_eligible', `${what}. Kent strategy: ${seed.inadequate}.`);
  if (standing === 'good') return all('eligible', `${what}: Good or better`);
  const disengaged = facts.pathway.filter((p) => p.date <= asAt && p.date >= latest.date).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const rest: { status: Status; reason: string } = disengaged
    ? { status: 'not_eligible', reason: `${{ support_declined: 'Support declined', not_engaging: 'The setting did not engage with support', insufficient_improvement: 'Insufficient improvement recorded by the SIA' }[disengaged.type]} on ${longDate(disengaged.date)}. Kent strategy: ${seed.disengagement}.` }
    : { status: 'conditional', reason: `${what}. Kent strategy: ${seed.riCondition}.` };
  return { ff2: { status: 'not_eligible', reason: `${what}. Kent strategy: ${seed.ff2Good}.` }, universal: rest, extended: rest, under_threes: rest };
}

/** Whether two eligibilities differ in any stream's status. */
export function differs(a: Record<Stream, { status: Status }>, b: Record<Stream, { status: Status }>): boolean {
  return streams.some((s) => a[s].status !== b[s].status);
}

/** Counts as funded on that date (conditional funding continues). */
export const funded = (status: Status) => status !== 'not_eligible';
