import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export interface OrgTeamsTable {
  id: Generated<string>;
  la_code: string;
  /** a stable name for templates and other modules (e.g. "improvement") */
  key: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Generated<Date>;
}

/** The pathway slots a job title's queue receives when nobody is allocated: the SIA, the adviser, the officer. */
export type OrgSlot = 'manager' | 'adviser' | 'officer';

export interface OrgJobTitlesTable {
  id: Generated<string>;
  la_code: string;
  team_id: string;
  /** a stable name for templates and other modules (e.g. "sia", "ciso", "area_senco") */
  key: string;
  name: string;
  /** what staff call it ("SIA", "CISO") */
  short_name: Generated<string>;
  description: Generated<string>;
  /** the holder manages the team (the manager of its members) */
  manages_team: Generated<boolean>;
  /** pathway slots whose unallocated work comes to this job title's queue */
  slots: Generated<OrgSlot[]>;
  /** for a setting, this job title is held by whoever holds that one (Leicestershire: the Area SENCo is the setting's EYIA) */
  same_person_as: Generated<string | null>;
  position: Generated<number>;
  created_at: Generated<Date>;
}

export interface OrgUserJobTitlesTable {
  la_code: string;
  user_id: string;
  job_title_id: string;
  created_at: Generated<Date>;
}
