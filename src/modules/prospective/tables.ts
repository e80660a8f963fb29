import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type ProspectiveStage = 'enquiry' | 'applied' | 'registered' | 'withdrawn';
export type ProspectiveEventKind = 'enquiry' | 'stage' | 'contact' | 'visit' | 'linked';

export interface ProspectiveProvidersTable {
  id: Generated<string>;
  la_code: string;
  name: string;
  contact_name: string;
  contact_email: Generated<string>;
  contact_phone: Generated<string>;
  planned_provision: string;
  planned_places: number | null;
  area: string;
  stage: ProspectiveStage;
  /** the URN Ofsted gave it, linked by staff once Ofsted's data shows it */
  urn: string | null;
  enquiry_date: string;
  created_at: Date;
  updated_at: Date;
}

export interface ProspectiveEventsTable {
  id: Generated<string>;
  la_code: string;
  prospective_id: string;
  kind: ProspectiveEventKind;
  on_date: string;
  summary: string;
  by_user: string | null;
  at: Date;
}

/** A sustainability concern about an existing or a prospective provider, its package of support, the business review and closure. */
export interface SustainabilityCasesTable {
  id: Generated<string>;
  la_code: string;
  urn: string | null;
  prospective_id: string | null;
  concern: string;
  raised_on: string;
  package: Generated<string[]>;
  business_review_on: string | null;
  business_review: Generated<string>;
  closed_on: string | null;
  closure: Generated<string>;
  /** the support pathway whose business-review step opened (or was linked to) this case, and the step's due date */
  pathway_id: Generated<string | null>;
  business_review_due: Generated<string | null>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}
