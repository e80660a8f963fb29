/*
 * The register's vocabulary: Ofsted's outcomes and the report card's scale and areas, as EY Hub
 * stores them. The importer reads files into these values; the register, pathway templates and
 * funding rules use them. A module of plain values with no dependencies, so the importer's worker
 * thread loads nothing else.
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
export const vocabulary = { reportCardAreas, keyJudgements };
