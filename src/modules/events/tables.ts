import type { Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type CourseFunding = 'free' | 'chargeable';
export type BookingStatus = 'booked' | 'waiting' | 'cancelled';
export type Attendance = 'attended' | 'did_not_attend';

/** A course or event in the LA's catalogue (training, workshop, conference, forum, network meeting). */
export interface EventCoursesTable {
  id: Generated<string>;
  la_code: string;
  title: string;
  kind: Generated<string>;
  audience: Generated<string>;
  description: Generated<string>;
  funding: CourseFunding;
  /** per place, in pence; 0 when free or centrally funded */
  price_pence: number;
  /** the team that runs it (free text until teams are data) */
  team: Generated<string>;
  created_by: string | null;
  created_at: Date;
}

export interface EventSessionsTable {
  id: Generated<string>;
  la_code: string;
  course_id: string;
  starts_at: Date;
  ends_at: Date;
  venue: Generated<string>;
  online_link: Generated<string>;
  capacity: number;
  /** the last London date places can be booked */
  booking_deadline: string;
  register_taken_at: Date | null;
  created_at: Date;
}

export interface EventBookingsTable {
  id: Generated<string>;
  la_code: string;
  session_id: string;
  urn: string;
  attendee_name: string;
  attendee_email: string;
  status: BookingStatus;
  /** when the place was asked for: the waiting list is in this order */
  requested_at: Date;
  booked_by: string | null;
  /** what the place costs (pence), fixed when it is booked */
  charge_pence: Generated<number>;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  /** what a late cancellation costs (pence) */
  cancellation_charge_pence: Generated<number>;
  attendance: Attendance | null;
  certificate_sent_at: Date | null;
  reminder_sent_at: Date | null;
  /** the attendee's link to the evaluation form (a secret, made when the certificate is sent) */
  evaluation_token: string | null;
}

/** The LA's booking rules (one row per LA; missing: the defaults in rules.ts). */
export interface EventRulesTable {
  la_code: string;
  free_cancellation_working_days: number;
  late_cancellation_percent: number;
  reminder_days: number;
  updated_at: Date;
  updated_by: string | null;
}

export interface EventEvaluationsTable {
  id: Generated<string>;
  la_code: string;
  booking_id: string;
  session_id: string;
  /** 1 (not useful) to 5 (very useful) */
  rating: number;
  learned: string;
  improve: string;
  submitted_at: Date;
}
