import { sql, type Kysely } from 'kysely';

/** Training and events: the catalogue, sessions, bookings with a waiting list, the LA's booking rules, evaluations (issue 22). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table event_courses (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    title text not null,
    kind text not null default 'training',
    audience text not null default '',
    description text not null default '',
    funding text not null check (funding in ('free', 'chargeable')),
    price_pence integer not null default 0 check (price_pence >= 0),
    team text not null default '',
    created_by uuid,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index event_courses_la on event_courses (la_code, title)`.execute(db);
  await sql`create table event_sessions (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    course_id uuid not null references event_courses(id),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    venue text not null default '',
    online_link text not null default '',
    capacity integer not null check (capacity > 0),
    booking_deadline date not null,
    register_taken_at timestamptz,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index event_sessions_course on event_sessions (la_code, course_id, starts_at)`.execute(db);
  await sql`create table event_bookings (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    session_id uuid not null references event_sessions(id),
    urn text not null,
    attendee_name text not null,
    attendee_email text not null,
    status text not null check (status in ('booked', 'waiting', 'cancelled')),
    requested_at timestamptz not null,
    booked_by uuid,
    charge_pence integer not null default 0,
    cancelled_at timestamptz,
    cancelled_by uuid,
    cancellation_charge_pence integer not null default 0,
    attendance text check (attendance in ('attended', 'did_not_attend')),
    certificate_sent_at timestamptz,
    reminder_sent_at timestamptz,
    evaluation_token text unique
  )`.execute(db);
  await sql`create index event_bookings_session on event_bookings (session_id, status, requested_at)`.execute(db);
  await sql`create index event_bookings_provider on event_bookings (la_code, urn)`.execute(db);
  // one place (or waiting-list place) per person per session
  await sql`create unique index event_bookings_one_per_person on event_bookings (session_id, lower(attendee_email)) where status <> 'cancelled'`.execute(db);
  await sql`create table event_rules (
    la_code text primary key references local_authorities(la_code),
    free_cancellation_working_days integer not null check (free_cancellation_working_days >= 0),
    late_cancellation_percent integer not null check (late_cancellation_percent between 0 and 100),
    reminder_days integer not null check (reminder_days >= 0),
    updated_at timestamptz not null,
    updated_by uuid
  )`.execute(db);
  await sql`create table event_evaluations (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    booking_id uuid not null unique references event_bookings(id),
    session_id uuid not null references event_sessions(id),
    rating integer not null check (rating between 1 and 5),
    learned text not null default '',
    improve text not null default '',
    submitted_at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['event_evaluations', 'event_rules', 'event_bookings', 'event_sessions', 'event_courses']) await sql`drop table ${sql.table(table)}`.execute(db);
}
