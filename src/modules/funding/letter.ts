import { formatDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import { statusLabels, streamLabels, streams, withdrawalSentence, type Eligibility, type FundingRules } from './rules.js';

/** The decision letter: what changes, from when and why, in the strategy's words. */
export function decisionLetter(input: { laName: string; providerName: string; urn: string; address: string; date: string; effectiveFrom: string; eligibility: Eligibility; reason: string | null; signedBy: string; rules: FundingRules }): Promise<Buffer> {
  const pdf = pdfDocument({ title: `Early education funding: ${input.providerName}`, author: input.laName, subject: 'Funding decision' });
  pdf.kicker(`${input.laName} · Early Years and Childcare`);
  pdf.para(`${input.providerName}\n${input.address}\nURN ${input.urn}\n\n${formatDate(input.date)}`);
  pdf.heading('Early education funding: our decision', 1);
  pdf.para(`From ${formatDate(input.effectiveFrom)} your setting’s funding for each kind of place is as follows.`);
  for (const s of streams) {
    pdf.heading(`${streamLabels[s]}: ${statusLabels[input.eligibility[s].status]}`);
    pdf.para(input.eligibility[s].reason);
  }
  // whom a withdrawal applies to, as the LA's rules say (issue 19.8)
  const scope = withdrawalSentence(input.eligibility, input.rules, input.effectiveFrom);
  if (scope) {
    pdf.heading('Who this applies to');
    pdf.para(scope);
  }
  if (input.reason) {
    pdf.heading('Why we decided this');
    pdf.para(input.reason);
  }
  pdf.para('This does not change places already claimed for this term unless we have told you so. If you think we have made a mistake, or your setting’s circumstances have changed, contact your Improvement Adviser or the funding team.');
  pdf.para(`${input.signedBy}\n${input.laName} Early Years and Childcare`);
  return pdf.finish();
}
