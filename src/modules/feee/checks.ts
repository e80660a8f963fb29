import { formatDate } from '../../platform/dates.js';

/*
 * What the auditor saw for one sampled child, and the findings it makes. The seed: "Information,
 * for example birth certificates, may be requested to cross reference against the Parental
 * Statement Of Understanding (PSOU) to ensure that claims are correct."
 */

export interface ChildCheck {
  psouPresent: 'yes' | 'no';
  psouSigned: 'yes' | 'no' | '';
  psouHours: number | null;
  proof: 'birth_certificate' | 'passport' | 'other' | 'none';
  proofDob: string | null;
  codeChecked: 'yes' | 'no' | 'not_needed';
  /** money due back for this child, in pence, if any */
  amountPence: number | null;
  notes: string;
}

export const findingTypes = {
  psou_missing: 'No PSOU',
  psou_unsigned: 'PSOU not signed',
  hours_mismatch: 'Hours claimed differ from the PSOU',
  no_proof: 'No proof of date of birth',
  dob_mismatch: 'Date of birth differs from the proof',
  code_not_checked: 'Eligibility code not checked',
} as const;
export type FindingType = keyof typeof findingTypes;

export interface Finding {
  type: FindingType;
  details: string;
  amountPence: number | null;
}

const needsCode = new Set(['ff2', 'extended', 'under_threes']);

export function findingsFor(child: { childRef: string; dateOfBirth: string; entitlement: string; fundedHours: number }, check: ChildCheck): Finding[] {
  const findings: Finding[] = [];
  if (check.psouPresent === 'no') findings.push({ type: 'psou_missing', details: `Child ${child.childRef}: no Parental Statement of Understanding was seen`, amountPence: null });
  else {
    if (check.psouSigned === 'no') findings.push({ type: 'psou_unsigned', details: `Child ${child.childRef}: the PSOU is not signed by the parent`, amountPence: null });
    if (check.psouHours !== null && check.psouHours !== child.fundedHours) findings.push({ type: 'hours_mismatch', details: `Child ${child.childRef}: ${child.fundedHours} hours claimed; the PSOU says ${check.psouHours}`, amountPence: null });
  }
  if (check.proof === 'none') findings.push({ type: 'no_proof', details: `Child ${child.childRef}: no proof of date of birth was seen`, amountPence: null });
  else if (check.proofDob && check.proofDob !== child.dateOfBirth) {
    const proof = { birth_certificate: 'birth certificate', passport: 'passport', other: 'proof seen' }[check.proof];
    findings.push({ type: 'dob_mismatch', details: `Child ${child.childRef}: date of birth claimed ${formatDate(child.dateOfBirth)}; the ${proof} shows ${formatDate(check.proofDob)}`, amountPence: null });
  }
  if (needsCode.has(child.entitlement) && check.codeChecked === 'no') findings.push({ type: 'code_not_checked', details: `Child ${child.childRef}: the eligibility code was not checked`, amountPence: null });
  // money due back goes with the finding that explains it
  const money = findings.find((f) => f.type === 'dob_mismatch' || f.type === 'hours_mismatch') ?? findings[0];
  if (money && check.amountPence) money.amountPence = check.amountPence;
  return findings;
}

/** "£1,234.50" */
export function pounds(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
