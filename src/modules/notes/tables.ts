import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type NoteStatus = 'draft' | 'submitted' | 'returned' | 'quality_assured' | 'sent';

export interface NotesOfVisitTable {
  id: Generated<string>;
  la_code: string;
  urn: string;
  visit_id: string;
  pathway_id: string | null;
  status: Generated<NoteStatus>;
  attendees: Generated<string>;
  purpose: Generated<string>;
  working_well: ColumnType<string[], string, string>;
  worried_about: ColumnType<string[], string, string>;
  needs_to_happen: ColumnType<string[], string, string>;
  scaling: number | null;
  scaling_question: string | null;
  /** "Review and evaluate recommendations from the previous visit": prefilled with the open actions */
  review_previous: Generated<string>;
  recommendations: Generated<string>;
  /** [{ action, area, dueWeeks }] agreed at the visit; they become action plan items when the note is sent */
  actions: ColumnType<{ action: string; area: string; dueWeeks: number }[], string, string>;
  author_id: string;
  submitted_at: Date | null;
  qa_by: string | null;
  qa_comments: string | null;
  qa_at: Date | null;
  sent_at: Date | null;
  sent_to: string | null;
  created_at: Date;
  updated_at: Date;
  /** raised by every save; an edit form posts the version it was loaded with (concurrent edits) */
  version: Generated<number>;
  updated_by: string | null;
}

export interface NoteAddendaTable {
  id: Generated<string>;
  la_code: string;
  note_id: string;
  at: Date;
  by_user: string;
  text: string;
}
