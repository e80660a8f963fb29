/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface SufficiencyWardLookupTable {
  la_code: string;
  /** upper case, one space before the inward code ("ME14 1XX") */
  postcode: string;
  ward: string;
  ward_code: string | null;
}

export interface SufficiencyPopulationTable {
  la_code: string;
  ward: string;
  age: number;
  children: number;
}

export interface SufficiencySettingsTable {
  la_code: string;
  /** places per 100 children below which a ward is flagged (numeric: read as a string) */
  threshold: string | number;
  population_file: string | null;
  population_uploaded_at: Date | null;
  population_uploaded_by: string | null;
  lookup_file: string | null;
  lookup_uploaded_at: Date | null;
  lookup_uploaded_by: string | null;
}
