import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type Rag = 'red' | 'amber' | 'green';
export type Duty = 'outcomes' | 'sufficiency' | 'information';

export interface StrategyHeadingsTable {
  id: Generated<string>;
  la_code: string;
  name: string;
  position: number;
  created_at: Date;
}

export interface StrategyRecommendationsTable {
  id: Generated<string>;
  la_code: string;
  heading_id: string;
  title: string;
  detail: Generated<string>;
  duties: Duty[];
  owner: Generated<string>;
  target_date: string | null;
  /** the latest status; every status is kept in strategy_rag_updates */
  rag: Rag;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface StrategyRagUpdatesTable {
  id: Generated<string>;
  la_code: string;
  recommendation_id: string;
  at: Date;
  by_user: string | null;
  rag: Rag;
  comment: Generated<string>;
}

export interface StrategyEngagementsTable {
  id: Generated<string>;
  la_code: string;
  kind: string;
  held_on: string;
  title: string;
  summary: Generated<string>;
  recommendation_ids: Generated<string[]>;
  recorded_by: string | null;
  created_at: Date;
}
