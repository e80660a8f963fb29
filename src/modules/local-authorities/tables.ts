import type { Generated } from 'kysely';
/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface LocalAuthoritiesTable {
  la_code: string;
  name: string;
  gss_code: string;
  region: string;
  ofsted_names: string[];
  status: string;
  replaced_by: string[];
  /** below this share of the providers held, an LA's rows in an Ofsted file need a confirmation (issue 16.8) */
  import_coverage_percent: Generated<number>;
}
