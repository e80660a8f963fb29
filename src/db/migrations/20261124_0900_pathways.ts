import { sql, type Kysely } from 'kysely';

/** Support pathways, the shared task table (one SLA state machine), planned visits and LA term dates. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pathway_templates (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      kind text not null,
      version integer not null,
      definition jsonb not null,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      unique (la_code, kind, version)
    )`.execute(db);

  await sql`
    create table pathways (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      kind text not null,
      template_id uuid not null references pathway_templates (id),
      status text not null default 'active' check (status in ('active', 'paused', 'closed')),
      started_at timestamptz not null,
      start_reason text not null,
      change_id uuid references ofsted_changes (id),
      started_by uuid references users (id),
      adviser_id uuid references users (id),
      officer_id uuid references users (id),
      cadence text,
      management_actions boolean not null default false,
      allocated_at timestamptz,
      paused_reason text,
      closed_at timestamptz,
      close_outcome text,
      updated_at timestamptz not null default now()
    )`.execute(db);
  // one running pathway of each kind per provider: a re-import or a second click never duplicates one
  await sql`create unique index pathways_one_running on pathways (urn, kind) where status <> 'closed'`.execute(db);
  await sql`create index pathways_la_status on pathways (la_code, status)`.execute(db);
  await sql`create index pathways_adviser on pathways (adviser_id) where status <> 'closed'`.execute(db);

  await sql`
    create table pathway_events (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      pathway_id uuid not null references pathways (id),
      at timestamptz not null,
      event_type text not null,
      by_user uuid references users (id),
      summary text not null,
      details jsonb
    )`.execute(db);
  await sql`create index pathway_events_pathway on pathway_events (pathway_id, at)`.execute(db);

  await sql`
    create table tasks (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text references providers (urn),
      pathway_id uuid references pathways (id),
      rule_key text not null,
      title text not null,
      owner_role text not null check (owner_role in ('manager', 'adviser', 'officer')),
      owner_user_id uuid references users (id),
      created_at timestamptz not null,
      due_date date not null,
      due_at timestamptz not null,
      done_at timestamptz,
      done_by uuid references users (id),
      done_note text,
      cancelled_at timestamptz
    )`.execute(db);
  await sql`create unique index tasks_one_per_step on tasks (pathway_id, rule_key) where rule_key like 'step:%' and cancelled_at is null`.execute(db);
  await sql`create index tasks_open on tasks (la_code, due_at) where done_at is null and cancelled_at is null`.execute(db);
  await sql`create index tasks_owner on tasks (owner_user_id, due_at) where done_at is null and cancelled_at is null`.execute(db);
  await sql`create index tasks_urn on tasks (urn)`.execute(db);
  await sql`create index tasks_due on tasks (la_code, due_at)`.execute(db);

  await sql`
    create table visits (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      urn text not null references providers (urn),
      pathway_id uuid references pathways (id),
      visit_type text not null,
      number integer,
      focus text not null,
      with_sia boolean not null default false,
      adviser_id uuid references users (id),
      planned_date date not null,
      status text not null default 'planned' check (status in ('planned', 'booked', 'done', 'cancelled', 'withdrawn')),
      booked_for timestamptz,
      done_on date,
      cancelled_by text check (cancelled_by in ('setting', 'la')),
      cancel_reason text,
      cancelled_on date,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index visits_pathway on visits (pathway_id, planned_date)`.execute(db);
  await sql`create index visits_adviser_open on visits (adviser_id, planned_date) where status in ('planned', 'booked')`.execute(db);
  await sql`create index visits_urn on visits (urn, planned_date)`.execute(db);

  await sql`
    create table term_dates (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      name text not null,
      starts_on date not null,
      ends_on date not null,
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index term_dates_la on term_dates (la_code, starts_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['term_dates', 'visits', 'tasks', 'pathway_events', 'pathways', 'pathway_templates']) {
    await sql`drop table ${sql.raw(t)}`.execute(db);
  }
}
