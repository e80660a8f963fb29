import { dateFromParts } from '../../platform/date-input.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { policyParts, type FundingPolicy } from './policy.js';
import { fundingRulesSchema, policyOf, type FundingRules, type InsufficientProvision } from './rules.js';

/*
 * The Funding rules page's form (issue 19.8 adds the LA's policy words, FF2 after Requires
 * improvement where good provision is insufficient, and whom a withdrawal applies to). A field the
 * form did not send keeps its saved value.
 */

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const parts = (iso: string, prefix: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y ?? '' };
};

/** The form's values for the new settings (the older ones are read from the rules by name). */
export function rulesFormValues(rules: FundingRules): Record<string, string> {
  const policy = policyOf(rules);
  const values: Record<string, string> = { policy_title: policy.title, ff2ContinuesWhereProvisionInsufficient: rules.ff2ContinuesWhereProvisionInsufficient ? 'yes' : 'no', withdrawalAppliesTo: rules.withdrawalAppliesTo };
  for (const part of policyParts) values[`policy_${part}`] = policy[part];
  rules.insufficientProvision.forEach((r, i) => Object.assign(values, { [`ip${i}_urn`]: r.urn, [`ip${i}_reason`]: r.reason }, parts(r.recordedOn, `ip${i}_recorded`), parts(r.reviewBy, `ip${i}_review`)));
  return values;
}

/** How many rows of insufficient provision the form posted (or the rules hold), with a blank one to add. */
export function provisionRows(values: Record<string, unknown>): number[] {
  let n = 0;
  for (const name of Object.keys(values)) {
    const m = /^ip(\d+)_/.exec(name);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Array.from({ length: Math.min(n, 200) + 1 }, (_, i) => i);
}

/** The rules the form describes; errors in the order of the page; `urns` to check are the LA's providers. */
export function parseRulesForm(body: Record<string, unknown>, current: FundingRules, today: string): { ok: true; rules: FundingRules; urns: string[] } | { ok: false; errors: FormErrors } {
  const errors: [string, string][] = [];
  const yes = (k: string) => body[k] === 'yes';
  const sent = (k: string) => k in body;
  const years = Number(body.childRecordRetentionYears);
  if (!Number.isInteger(years) || years < 1 || years > 20) errors.push(['childRecordRetentionYears', 'Enter the number of years to keep child records, from 1 to 20']);
  const months = sent('unfinishedAuditChildMonths') ? Number(body.unfinishedAuditChildMonths) : current.unfinishedAuditChildMonths;
  if (!Number.isInteger(months) || months < 1 || months > 60) errors.push(['unfinishedAuditChildMonths', 'Enter the number of months to keep the child records of an audit not completed, from 1 to 60']);
  const withdrawal = sent('withdrawalAppliesTo') ? str(body.withdrawalAppliesTo) : current.withdrawalAppliesTo;
  if (withdrawal !== 'children_starting_after' && withdrawal !== 'all_children') errors.push(['withdrawalAppliesTo', 'Select whom a withdrawal of funding applies to']);
  const continues = sent('ff2ContinuesWhereProvisionInsufficient') ? yes('ff2ContinuesWhereProvisionInsufficient') : current.ff2ContinuesWhereProvisionInsufficient;

  let provision: InsufficientProvision[] = current.insufficientProvision;
  if (Object.keys(body).some((k) => k.startsWith('ip'))) {
    provision = [];
    for (const i of provisionRows(body)) {
      const urn = str(body[`ip${i}_urn`]).toUpperCase();
      const reason = str(body[`ip${i}_reason`]);
      const anyDate = ['recorded', 'review'].some((d) => ['day', 'month', 'year'].some((p) => str(body[`ip${i}_${d}-${p}`])));
      if (!urn && !reason && !anyDate) continue;
      if (!/^[A-Z0-9]{6,10}$/.test(urn)) errors.push([`ip${i}_urn`, `Enter the URN of the setting in row ${i + 1}, like EY123456`]);
      if (!reason) errors.push([`ip${i}_reason`, `Enter why good provision is not accessible, in row ${i + 1}`]);
      const recorded = dateFromParts(body, `ip${i}_recorded`, `date it was recorded (row ${i + 1})`, today, 'past');
      if (recorded.error) errors.push([`ip${i}_recorded-day`, recorded.error]);
      const review = dateFromParts(body, `ip${i}_review`, `review date (row ${i + 1})`, today, 'any');
      if (review.error) errors.push([`ip${i}_review-day`, review.error]);
      else if (recorded.value && review.value && review.value <= recorded.value) errors.push([`ip${i}_review-day`, `The review date (row ${i + 1}) must be after the date it was recorded`]);
      if (recorded.value && review.value) provision.push({ urn, reason, recordedOn: recorded.value, reviewBy: review.value });
    }
  }

  const before = policyOf(current);
  const policy: FundingPolicy = { ...before };
  if (sent('policy_title')) {
    policy.title = str(body.policy_title);
    if (!policy.title) errors.push(['policy_title', 'Enter the name of your funding policy, as reasons quote it']);
  }
  for (const part of policyParts) {
    if (!sent(`policy_${part}`)) continue;
    policy[part] = str(body[`policy_${part}`]);
    if (!policy[part]) errors.push([`policy_${part}`, 'Enter the sentence of your policy that reasons quote here']);
    else if (policy[part].length > 600) errors.push([`policy_${part}`, 'The sentence must be 600 characters or fewer']);
  }
  if (errors.length) return { ok: false, errors: formErrors(errors) };
  const rules = fundingRulesSchema.parse({
    reportCardLowestArea: body.reportCardLowestArea === 'strong_standard' ? 'strong_standard' : 'expected_standard',
    reportCardSafeguardingMet: yes('reportCardSafeguardingMet'), withdrawOnSafeguardingNotMet: yes('withdrawOnSafeguardingNotMet'),
    withdrawOnUrgentImprovementIn: ([] as unknown[]).concat(body.withdrawOnUrgentImprovementIn ?? []).filter((v): v is string => typeof v === 'string'),
    newlyRegisteredFf2: yes('newlyRegisteredFf2'), newlyRegisteredThreeFour: yes('newlyRegisteredThreeFour'), newlyRegisteredUnderThrees: yes('newlyRegisteredUnderThrees'),
    childRecordRetentionYears: years, unfinishedAuditChildMonths: months,
    policy, ff2ContinuesWhereProvisionInsufficient: continues, insufficientProvision: provision, withdrawalAppliesTo: withdrawal,
  });
  return { ok: true, rules, urns: [...new Set(provision.map((p) => p.urn))] };
}
