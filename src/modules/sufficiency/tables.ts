import type { Generated } from 'kysely';
import type { Json } from '../../db/columns.js';

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

export interface SufficiencyVacancyReturnsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  /** '2026-autumn' */
  term: string;
  /** places and vacancies by age band: { under_2: { places, vacancies }, … } */
  figures: Json;
  waiting_list: number;
  funded_places: number;
  opens_at: string;
  closes_at: string;
  weeks_per_year: number;
  submitted_by: string | null;
  submitted_at: Date;
}

export interface SufficiencyReturnRemindersTable {
  la_code: string;
  urn: string;
  term: string;
  sent_at: Date;
  sent_by: string | null;
  /** sent by the scheduled job (at most one per setting per term) */
  automatic: Generated<boolean>;
}

/** The LA's return deadline for a term and how many working days before it the scheduled reminders start. */
export interface SufficiencyReturnSchedulesTable {
  la_code: string;
  term: string;
  deadline: string;
  remind_working_days: number;
  updated_at: Date;
}

export interface SufficiencyFeeeHeadcountsTable {
  la_code: string;
  /** '2026-autumn' */
  term: string;
  urn: string;
  age_band: 'two' | 'three_four';
  children: number;
}
