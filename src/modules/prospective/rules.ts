import type { ProspectiveStage } from './tables.js';

/*
 * "Support for prospective providers": the Childcare Improvement Sufficiency Officers "support
 * proposed childcare providers through the Ofsted registration process" (Leicestershire). A record
 * moves enquiry → application to Ofsted → registered; registered only when staff link the URN
 * Ofsted's data shows.
 */

export const stageLabels: Record<ProspectiveStage, string> = { enquiry: 'Enquiry', applied: 'Applied to Ofsted', registered: 'Registered', withdrawn: 'Withdrawn' };
export const stageClasses: Record<ProspectiveStage, string> = { enquiry: 'govuk-tag--blue', applied: 'govuk-tag--purple', registered: 'govuk-tag--green', withdrawn: 'govuk-tag--grey' };

/** The planned provision, with the Ofsted provider type its registration will have. */
export const provisions = {
  childminder: { label: 'Childminder', ofstedType: 'Childminder' },
  day_nursery: { label: 'Day nursery', ofstedType: 'Childcare on non-domestic premises' },
  pre_school: { label: 'Pre-school', ofstedType: 'Childcare on non-domestic premises' },
  out_of_school: { label: 'Out-of-school or holiday club', ofstedType: 'Childcare on non-domestic premises' },
  domestic: { label: 'Childcare on domestic premises', ofstedType: 'Childcare on domestic premises' },
  home_childcarer: { label: 'Home childcarer (nanny)', ofstedType: 'Home childcarer' },
} as const;
export type Provision = keyof typeof provisions;

/** Where staff may move a record by hand (registered comes from linking the URN; a withdrawn enquiry can be reopened). */
export function nextStages(stage: ProspectiveStage): ProspectiveStage[] {
  switch (stage) {
    case 'enquiry': return ['applied', 'withdrawn'];
    case 'applied': return ['enquiry', 'withdrawn'];
    case 'withdrawn': return ['enquiry'];
    case 'registered': return [];
  }
}

/** A URN can be linked while the record is not yet registered, to a setting that no record holds. */
export function canLink(stage: ProspectiveStage): boolean {
  return stage === 'enquiry' || stage === 'applied';
}

/** Ofsted URNs: "EY" and digits, or digits (older registrations), or "2" and six digits for newer childminders. */
export function normaliseUrn(value: string): string | null {
  const v = value.trim().toUpperCase().replace(/\s+/g, '');
  return /^(EY|SC|CA|RP)?\d{5,8}$/.test(v) ? v : null;
}
