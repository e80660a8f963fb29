/*
 * The register's vocabulary: Ofsted's outcomes, the report card's scale and areas, the registers,
 * provider types and registration statuses, as EY Hub stores them. The importer reads files into
 * these values (a value outside them rejects its row); the register, pathway templates and funding
 * rules use them. A module of plain values with no dependencies, so the importer's worker thread
 * loads nothing else.
 */

export type Outcome =
  | 'outstanding'
  | 'good'
  | 'requires_improvement'
  | 'inadequate'
  | 'satisfactory'
  | 'met'
  | 'not_met_actions'
  | 'not_met_enforcement'
  | 'effective'
  | 'ineffective';

/** The report card's 5-point scale, best first (Ofsted's order). */
export const reportCardGrades = ['exceptional', 'strong_standard', 'expected_standard', 'needs_attention', 'urgent_improvement'] as const;
export type ReportCardGrade = (typeof reportCardGrades)[number];
/** The same scale, weakest first. */
export const reportCardGradesWeakestFirst: readonly ReportCardGrade[] = [...reportCardGrades].reverse();

/** Report-card evaluation areas: data, as the list may change. */
const areas = [
  { field: 'rcInclusion', key: 'inclusion', label: 'Inclusion' },
  { field: 'rcCurriculum', key: 'curriculum_and_teaching', label: 'Curriculum and teaching' },
  { field: 'rcAchievement', key: 'achievement', label: 'Achievement' },
  { field: 'rcBehaviour', key: 'behaviour_attitudes_routines', label: 'Behaviour, attitudes and establishing routines' },
  { field: 'rcWelfare', key: 'welfare_and_wellbeing', label: 'Children’s welfare and wellbeing' },
  { field: 'rcLeadership', key: 'leadership_and_governance', label: 'Leadership and governance' },
] as const;

const judgements = [
  { field: 'qualityOfEducation', key: 'quality_of_education', label: 'Quality of education' },
  { field: 'behaviourAndAttitudes', key: 'behaviour_and_attitudes', label: 'Behaviour and attitudes' },
  { field: 'personalDevelopment', key: 'personal_development', label: 'Personal development' },
  { field: 'leadershipAndManagement', key: 'leadership_and_management', label: 'Leadership and management' },
] as const;

/** Each area, key judgement and the importer's field it is read from (`ofsted-import/columns.ts` checks the field names). */
export const reportCardAreas: readonly { field: (typeof areas)[number]['field']; key: string; label: string }[] = areas;
export const keyJudgements: readonly { field: (typeof judgements)[number]['field']; key: string; label: string }[] = judgements;
/** Ofsted's three registers: Early Years, Childcare (compulsory part), Childcare (voluntary part). */
export const registerCodes = ['EYR', 'CCR', 'VCR'] as const;
export type RegisterCode = (typeof registerCodes)[number];

/** Provider types as Ofsted writes them in its CSV files, and the XML extract's ProvisionType codes. */
export const providerTypes = [
  'Childminder',
  'Childcare on non-domestic premises',
  'Childcare on domestic premises',
  'Home childcarer',
  'Childminder agency',
  'Childminder without domestic premises',
] as const;
export type ProviderType = (typeof providerTypes)[number];
export const providerTypeCodes: Readonly<Record<string, ProviderType>> = {
  CMR: 'Childminder',
  CCN: 'Childcare on non-domestic premises',
  CCD: 'Childcare on domestic premises',
  HCR: 'Home childcarer',
  CMA: 'Childminder agency',
};

/** Registration statuses as EY Hub stores them, and the XML extract's RegistrationStatus codes. */
export const providerStatuses = ['Active', 'Active - Suspended', 'Suspended', 'Resigned', 'Cancelled', 'Proposed', 'Inactive'] as const;
export type ProviderStatus = (typeof providerStatuses)[number];
export const providerStatusCodes: Readonly<Record<string, ProviderStatus>> = {
  ACTV: 'Active',
  SUSP: 'Suspended',
  RESG: 'Resigned',
  CANC: 'Cancelled',
  PROP: 'Proposed',
  INAC: 'Inactive',
};

export const vocabulary = { reportCardAreas, keyJudgements, registerCodes, providerTypes, providerStatuses };
