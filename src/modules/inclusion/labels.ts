/** The words of SEND and inclusion work, as EY Hub stores them (ADR 0027). */

export const levelsOfNeed = { low: 'Low', emerging: 'Emerging', developing: 'Developing', high: 'High' } as const;

/** The four broad areas of need of the SEND Code of Practice 2015 (paragraph 5.32). */
export const areasOfNeed = {
  communication: 'Communication and interaction',
  cognition: 'Cognition and learning',
  semh: 'Social, emotional and mental health',
  sensory: 'Sensory and/or physical needs',
} as const;

/** Who a panel allocates a child to (Leicestershire's Early Years SEND Inclusion team). */
export const services = {
  portage: 'Portage (children 0 to 2½ years)',
  eysend: 'EYSEND adviser',
  communication: 'Communication and Interaction adviser',
  inclusion_practitioner: 'Inclusion Practitioner (children at risk of exclusion with SEMH needs)',
} as const;
export type Service = keyof typeof services;

/** What a parent or carer can consent to. */
export const consentPurposes = {
  referral: 'Referral to the Early Years panel and sharing this information with the Early Years SEND Inclusion team',
  home_visits: 'Home visits by the Early Years SEND Inclusion team',
  share_settings: 'Sharing information with the settings the child attends',
} as const;

export const entryKinds = { contact: 'Contact', visit: 'Visit', note: 'Note', target: 'Target' } as const;
export const contactMethods = { phone: 'Telephone', email: 'E-mail', in_person: 'In person', video: 'Video call' } as const;
export const visitPlaces = { home: 'Home visit', setting: 'Setting visit' } as const;

export const referralStatuses = { draft: 'Draft', submitted: 'Waiting for panel', decided: 'Decided' } as const;
export const decisions = { meets: 'Meets criteria', does_not_meet: 'Does not meet criteria' } as const;

export const options = (labels: Record<string, string>, chosen: string | readonly string[] = []) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: typeof chosen === 'string' ? chosen === value : chosen.includes(value), selected: chosen === value }));
