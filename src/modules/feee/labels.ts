/** The seed's forms of FEEE audit (000): "Pre-arranged monitoring visits; Adhoc and unannounced monitoring visits; Completion of a self-evaluation and providing evidence electronically; … birth certificates … cross reference against the … PSOU". */
export const auditTypes = {
  pre_arranged: 'Pre-arranged monitoring visit',
  unannounced: 'Ad hoc or unannounced monitoring visit',
  self_evaluation: 'Self-evaluation with evidence submitted electronically',
  document_check: 'Document check: birth certificates against PSOUs',
} as const;
export const auditReasons = { sample: 'Routine sample', concern: 'A concern about claims', new_provider: 'New provider', administration_change: 'Administration change' } as const;
export const auditOutcomes = { no_issues: 'No issues', advice: 'Advice given', recovery: 'Recovery of funding', referral: 'Referral' } as const;
/** "This may include one to one support visits, email/telephone support and signposting to the website." */
export const supportOffers = { one_to_one: 'One to one support visits', email_phone: 'Email/telephone support', signposting: 'Signposting to the website' } as const;
