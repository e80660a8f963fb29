import { formatDate } from '../../platform/dates.js';
import { pdfDocument } from '../../platform/pdf.js';
import { findingTypes, pounds, type FindingType } from './checks.js';
import { auditOutcomes, auditTypes, supportOffers } from './labels.js';

/** The FEEE audit report for the setting. */
export function feeeReport(input: {
  laName: string; providerName: string; urn: string;
  audit: { audit_type: string; term: string; outcome: string; outcome_notes: string | null; support_offered: string[]; completed_at: Date };
  childrenChecked: number; findings: { child_ref: string | null; finding_type: string; details: string; amount_pence: number | null }[]; actions: string[];
}): Promise<Buffer> {
  const { audit } = input;
  const pdf = pdfDocument({ title: `Early education funding audit: ${input.providerName}`, author: input.laName, subject: 'Early education funding audit report' });
  pdf.kicker(`${input.laName} · Early Years and Childcare`);
  pdf.heading('Early education funding audit', 1);
  pdf.para(`${input.providerName} (URN ${input.urn})\n${auditTypes[audit.audit_type as keyof typeof auditTypes] ?? audit.audit_type}, ${audit.term}\nCompleted on ${formatDate(audit.completed_at)}`);
  pdf.para('Auditing of free early education entitlement (FEEE) funding is undertaken to ensure that the funding is being used appropriately and in line with the funding guidance and the provider agreement.');
  pdf.heading(`Outcome: ${auditOutcomes[audit.outcome as keyof typeof auditOutcomes] ?? audit.outcome}`);
  if (audit.outcome_notes) pdf.para(audit.outcome_notes);
  pdf.heading('What we checked');
  pdf.para(`${input.childrenChecked} ${input.childrenChecked === 1 ? 'child’s records' : 'children’s records'}: the Parental Statement of Understanding (PSOU), the hours claimed, proof of date of birth and eligibility codes.`);
  pdf.heading('What we found');
  if (input.findings.length) {
    pdf.list(input.findings.map((f) => `${findingTypes[f.finding_type as FindingType] ?? f.finding_type}: ${f.details}${f.amount_pence ? ` (to recover: ${pounds(f.amount_pence)})` : ''}`));
    const total = input.findings.reduce((n, f) => n + (f.amount_pence ?? 0), 0);
    if (total) pdf.para(`Total to recover: ${pounds(total)}`);
  } else pdf.para('No issues were found.');
  if (input.actions.length) {
    pdf.heading('What to do next');
    pdf.list(input.actions);
  }
  if (audit.support_offered.length) {
    pdf.heading('Support we offer');
    pdf.list(audit.support_offered.map((s) => supportOffers[s as keyof typeof supportOffers] ?? s));
  }
  return pdf.finish();
}
