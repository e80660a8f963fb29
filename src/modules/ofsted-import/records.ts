import type { ProvidersTable } from '../../db/types.js';
import type { Outcome, ReportCardGrade } from './values.js';

/** What one Ofsted file says about a provider, normalised, before it meets the database. */
export type StagedProvider = Omit<
  ProvidersTable,
  | 'source_date'
  | 'source_hash'
  | 'created_at'
  | 'updated_at'
  | 'redacted'
  | 'places_estimate'
  | 'contact_email'
  | 'contact_name'
  | 'contact_phone'
| 'address_withheld'
> & {
  redacted: boolean;
  places_estimate: number | null;
  /** why the address is withheld; '' when the file says it is not, null when the file does not say (the CSVs) */
  address_withheld: string | null;
};

/** full = EYR graded inspection; ncor = registered, no children on roll; ccr = Childcare Register; agency = childminder agency. */
export type InspectionKind = 'full' | 'ncor' | 'ccr' | 'agency' | 'registration';

export interface StagedInspection {
  urn: string;
  la_code: string;
  kind: InspectionKind;
  inspection_date: string;
  inspection_number: string | null;
  inspection_type: string | null;
  framework: string;
  overall: Outcome | null;
  enforcement: boolean;
  key_judgements: Record<string, Outcome> | null;
  report_card: Record<string, ReportCardGrade> | null;
  safeguarding_effective: boolean | null;
  /** the Childcare Register requirements suitability judged at a full inspection (provider-level file) */
  ccr_requirements?: Outcome | null;
  vcr_requirements?: Outcome | null;
}

export interface StagedNotice {
  urn: string;
  la_code: string;
  event_type: string;
  event_date: string;
  details: string | null;
}

export interface Rejection {
  rowNumber: number;
  column: string;
  reason: string;
  urn: string | null;
  laCode: string | null;
}

export type FileFormat = 'ofsted-provider-csv' | 'ofsted-childminders-csv' | 'ofsted-agencies-csv' | 'ofsted-la-xml';

export interface ReadResult {
  format: FileFormat;
  encoding: string;
  asAt: string | null;
  rowCount: number;
  providers: StagedProvider[];
  inspections: StagedInspection[];
  notices: StagedNotice[];
  rejections: Rejection[];
  skipped: number;
  unusedColumns: string[];
}

/** The file as a whole cannot be used: nothing is imported. */
export class FileRejectedError extends Error {}

/** Framework by date: EIF from September 2019, report cards from 10 November 2025. */
export function frameworkFor(date: string, hasReportCard: boolean): string {
  if (hasReportCard || date >= '2025-11-10') return 'Report card (renewed framework)';
  if (date >= '2019-09-01') return 'Education inspection framework (EIF)';
  return 'Earlier framework';
}
