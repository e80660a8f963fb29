import { sql, type Kysely } from 'kysely';

/*
 * The local authority's own organisation as data (issue 19.1): teams, the job titles in each team,
 * which staff hold which job titles, and a job-title queue on tasks and planned visits. A permission
 * role says what a person may do; a job title says what work comes to them. The shipped structures
 * (Kent, Leicestershire, a neutral default) are loaded after the schema by src/app/migrate.ts for
 * every LA that has staff, and when an LA's first page needs them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_teams (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      key text not null,
      name text not null,
      description text not null default '',
      position integer not null default 0,
      created_at timestamptz not null default now(),
      unique (la_code, key)
    )`.execute(db);
  await sql`
    create table org_job_titles (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      team_id uuid not null references org_teams (id),
      key text not null,
      name text not null,
      short_name text not null default '',
      description text not null default '',
      manages_team boolean not null default false,
      slots text[] not null default '{}',
      same_person_as text,
      position integer not null default 0,
      created_at timestamptz not null default now(),
      unique (la_code, key)
    )`.execute(db);
  await sql`create index org_job_titles_team on org_job_titles (team_id)`.execute(db);
  await sql`
    create table org_user_job_titles (
      la_code text not null references local_authorities (la_code),
      user_id uuid not null references users (id),
      job_title_id uuid not null references org_job_titles (id),
      created_at timestamptz not null default now(),
      primary key (user_id, job_title_id)
    )`.execute(db);
  await sql`create index org_user_job_titles_title on org_user_job_titles (job_title_id)`.execute(db);
  await sql`alter table tasks add column owner_job_title_id uuid references org_job_titles (id)`.execute(db);
  await sql`create index tasks_open_queue on tasks (owner_job_title_id, due_at) where done_at is null and cancelled_at is null and owner_user_id is null`.execute(db);
  await sql`alter table visits add column job_title_id uuid references org_job_titles (id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table visits drop column job_title_id`.execute(db);
  await sql`drop index tasks_open_queue`.execute(db);
  await sql`alter table tasks drop column owner_job_title_id`.execute(db);
  await sql`drop table org_user_job_titles`.execute(db);
  await sql`drop table org_job_titles`.execute(db);
  await sql`drop table org_teams`.execute(db);
}
