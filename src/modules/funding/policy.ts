import { z } from 'zod';

/*
 * Funding rules are each LA's (issue 19.8): a decision quotes the LA's own policy, never another
 * LA's. Kent (886) starts from its strategy's sentences (seed 002, §3); every other LA starts from a
 * neutral policy text, in the words of the national expectations, that its admin can replace.
 */

export const policySchema = z.object({
  /** how a reason names the policy: "Kent strategy" */
  title: z.string().trim().min(1).max(120),
  ff2Good: z.string().trim().min(1).max(600),
  riCondition: z.string().trim().min(1).max(600),
  inadequate: z.string().trim().min(1).max(600),
  disengagement: z.string().trim().min(1).max(600),
  enforcement: z.string().trim().min(1).max(600),
});
export type FundingPolicy = z.infer<typeof policySchema>;
export const policyParts = ['ff2Good', 'riCondition', 'inadequate', 'disengagement', 'enforcement'] as const;
export const policyPartLabels: Record<(typeof policyParts)[number], string> = {
  ff2Good: 'Places for two-year-olds (FF2) and the Good grade',
  riCondition: 'Requires improvement: funding on condition of support',
  inadequate: 'Inadequate: withdrawal of funding',
  disengagement: 'Disengagement or insufficient improvement',
  enforcement: 'Ofsted’s notice to cancel or suspend',
};

export const KENT = '886';

/** Kent's strategy (seed 002, "Funding"), sentence by sentence. */
export const kentPolicy: FundingPolicy = {
  title: 'Kent strategy',
  ff2Good: '"local authorities should only fund early learning places for two year olds in settings judged to be ‘good’ or ‘outstanding’"',
  riCondition: '"providers ‘requiring improvement’ take-up appropriate support as a condition of funding"',
  inadequate: '"Where a setting is judged as ‘inadequate’ by Ofsted the local authority will withdraw funding for any subsequent early learning places for two, three and four year olds"',
  disengagement: '"Continued disengagement with this process or insufficient improvement will result in withdrawal of funding"',
  enforcement: '"Where the Local Authority receives notification from Ofsted that they intend to cancel or suspend a registration provision the Local Authority will withdraw funding"',
};

/** Where an LA has not written its own: plain statements of the usual policy, naming no LA. */
export const neutralPolicy: FundingPolicy = {
  title: 'Our funding policy',
  ff2Good: 'places for two-year-olds are funded in settings judged Good or Outstanding',
  riCondition: 'settings judged Requires improvement are funded on condition that they take up the support we offer',
  inadequate: 'where a setting is judged Inadequate, we withdraw funding for places that start after the inspection report',
  disengagement: 'continued disengagement from support, or insufficient improvement, leads to the withdrawal of funding',
  enforcement: 'where Ofsted tells us it intends to cancel or suspend a registration, we withdraw funding',
};

/** The policy an LA starts from. */
export const defaultPolicy = (laCode: string): FundingPolicy => (laCode === KENT ? kentPolicy : neutralPolicy);

/** "Kent strategy: "…"" or "Our funding policy: …" — the words a reason quotes. */
export const quote = (policy: FundingPolicy, part: (typeof policyParts)[number]) => `${policy.title}: ${policy[part]}`;
