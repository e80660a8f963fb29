import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type StreamStatuses = Record<string, { status: 'eligible' | 'conditional' | 'not_eligible'; reason: string }>;

export interface FundingRulesTable {
  id: Generated<string>;
  la_code: string;
  version: number;
  rules: Json<unknown>;
  created_by: string | null;
  created_at: Date;
}

export interface FundingDecisionsTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  kind: 'baseline' | 'change';
  status: 'proposed' | 'confirmed' | 'overridden' | 'superseded';
  /** what the rules say */
  proposed: Json<StreamStatuses>;
  /** what the manager decided (the proposal, or an override) */
  decided: ColumnType<StreamStatuses | null, string | null, string | null>;
  trigger: string;
  proposed_at: Date;
  effective_from: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** One period of a provider's funding eligibility in force (ADR 0020): written only by the funding engine (eligibility.ts). */
export interface FundingEligibilityTable {
  urn: string;
  la_code: string;
  /** the provider's name and whether Ofsted withholds it, kept with the row for the list's order */
  name: string | null;
  redacted: boolean;
  valid_from: string;
  /** exclusive; null: still in force */
  valid_to: string | null;
  ff2: 'eligible' | 'conditional' | 'not_eligible';
  universal: 'eligible' | 'conditional' | 'not_eligible';
  extended: 'eligible' | 'conditional' | 'not_eligible';
  under_threes: 'eligible' | 'conditional' | 'not_eligible';
  eligibility: Json<StreamStatuses>;
  decision_id: string | null;
}

/** Providers whose eligibility timeline must be recomputed (marked by database triggers). */
export interface FundingEligibilityStaleTable {
  la_code: string;
  urn: string;
}

/** LAs whose timelines are complete. */
export interface FundingEligibilityStateTable {
  la_code: string;
  refreshed_at: Date;
}
