import { vocabulary } from '../vocabulary/index.js';
/** Column names change between years ("Registered_Person_Name" / "Registered person name"): match them normalised. */
export function normaliseColumn(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Canonical field → every normalised column name seen for it. */
export const columnAliases = {
  urn: ['provider urn', 'urn', 'ca reference', 'reference number'],
  registrationDate: ['registration date'],
  providerType: ['provider type'],
  providerSubtype: ['provider subtype'],
  status: ['provider status', 'registration status'],
  registerCombination: ['individual register combinations'],
  eyrFlag: ['provider early years register flag'],
  ccrFlag: ['provider compulsory childcare register flag'],
  vcrFlag: ['provider voluntary childcare register flag'],
  rpUrn: ['registered person urn'],
  rpName: ['registered person name'],
  name: ['provider name'],
  address1: ['provider address line 1', 'provider address 1'],
  address2: ['provider address line 2', 'provider address 2'],
  address3: ['provider address line 3', 'provider address 3'],
  town: ['provider town'],
  postcode: ['postcode', 'provider postcode'],
  telephone: ['telephone number'],
  constituency: ['parliamentary constituency'],
  ward: ['ward', 'electoral ward', 'ward name'],
  localAuthority: ['local authority'],
  places: ['places'],
  placesEstimate: ['places including estimates'],
  fullNumber: ['most recent full inspection number'],
  fullDate: ['most recent full inspection date', 'eyr most recent inspection date'],
  fullOverall: ['most recent full overall effectiveness', 'eyr oeif cif most recent overall effectiveness'],
  qualityOfEducation: ['quality of education'],
  behaviourAndAttitudes: ['behaviour and attitudes'],
  personalDevelopment: ['personal development'],
  leadershipAndManagement: ['effectiveness of leadership and management', 'leadership and management'],
  safeguardingEffective: ['safeguarding is effective'],
  secondOverall: ['second most recent full overall effectiveness'],
  secondNumber: ['second most recent full inspection number'],
  secondDate: ['second most recent full inspection date'],
  thirdOverall: ['third most recent full overall effectiveness'],
  thirdNumber: ['third most recent full inspection number'],
  thirdDate: ['third most recent full inspection date'],
  ncorNumber: ['ncor inspection number'],
  ncorDate: ['ncor inspection date'],
  ncorOverall: ['ncor overall effectiveness'],
  crNumber: ['cr inspection number'],
  crDate: ['cr inspection date'],
  crOverall: ['cr overall effectiveness'],
  agencyDate: ['ca most recent inspection date'],
  agencyOutcome: ['ca most recent inspection outcome'],
  rcInclusion: ['eyr reif most recent inclusion'],
  rcCurriculum: ['eyr reif most recent curriculum and teaching'],
  rcAchievement: ['eyr reif most recent achievement'],
  rcBehaviour: ['eyr reif most recent behaviour attitudes and establishing routines'],
  rcWelfare: ['eyr reif most recent children s welfare and wellbeing', 'eyr reif most recent childrens welfare and wellbeing'],
  rcLeadership: ['eyr reif most recent leadership and governance'],
  rcSafeguarding: ['eyr reif most recent safeguarding standards met'],
  ccrRequirements: ['ccr requirements suitability'],
  vcrRequirements: ['vcr requirements suitability'],
  region: ['region'],
  ofstedRegion: ['ofsted region'],
  deprivationBand: ['deprivation band'],
} as const;

export type Field = keyof typeof columnAliases;

/** The register's report-card areas and key judgements, each with the column it is read from. */
export const reportCardAreas: readonly { field: Field; key: string; label: string }[] = vocabulary.reportCardAreas;
export const keyJudgements: readonly { field: Field; key: string; label: string }[] = vocabulary.keyJudgements;

const lookup = new Map<string, Field>();
for (const [field, aliases] of Object.entries(columnAliases) as [Field, readonly string[]][]) {
  for (const alias of aliases) lookup.set(alias, field);
}

export interface ColumnMap {
  index: Partial<Record<Field, number>>;
  names: Partial<Record<Field, string>>;
  unused: string[];
}

export function mapColumns(header: readonly string[]): ColumnMap {
  const index: Partial<Record<Field, number>> = {};
  const names: Partial<Record<Field, string>> = {};
  const unused: string[] = [];
  header.forEach((raw, i) => {
    const field = lookup.get(normaliseColumn(raw));
    if (field && index[field] === undefined) {
      index[field] = i;
      names[field] = raw.trim();
    } else if (normaliseColumn(raw) !== 'web link' && raw.trim() !== '') unused.push(raw.trim());
  });
  return { index, names, unused };
}

export function isHeaderRow(cells: readonly string[]): boolean {
  return cells.some((c) => columnAliases.urn.includes(normaliseColumn(c) as never));
}
