import { sql, type Kysely } from 'kysely';

/** Compliments and complaints (issue 22, Kent §7): the record, its clock stops, the LA's deadlines. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table complaints (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    kind text not null check (kind in ('complaint', 'compliment')),
    source text not null check (source in ('portal', 'staff')),
    urn text,
    officer_id uuid references users(id),
    from_name text not null,
    from_email text not null default '',
    summary text not null,
    received_at timestamptz not null,
    recorded_by uuid,
    handler_id uuid references users(id),
    stage integer not null default 1 check (stage in (1, 2)),
    escalated_at timestamptz,
    escalation_reason text not null default '',
    acknowledged_at timestamptz,
    outcome text check (outcome in ('upheld', 'partly_upheld', 'not_upheld')),
    response_text text not null default '',
    lessons_learned text not null default '',
    answered_at timestamptz,
    passed_on_at timestamptz,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index complaints_la on complaints (la_code, received_at)`.execute(db);
  await sql`create table complaint_stops (
    id uuid primary key default gen_random_uuid(),
    la_code text not null references local_authorities(la_code),
    complaint_id uuid not null references complaints(id),
    reason text not null,
    stopped_at timestamptz not null,
    restarted_at timestamptz,
    stopped_by uuid
  )`.execute(db);
  await sql`create index complaint_stops_complaint on complaint_stops (complaint_id, stopped_at)`.execute(db);
  await sql`create table complaint_rules (
    la_code text primary key references local_authorities(la_code),
    acknowledge_working_days integer not null check (acknowledge_working_days >= 0),
    respond_working_days integer not null check (respond_working_days > 0),
    stage2_working_days integer not null check (stage2_working_days > 0),
    updated_at timestamptz not null
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table complaint_rules`.execute(db);
  await sql`drop table complaint_stops`.execute(db);
  await sql`drop table complaints`.execute(db);
}
