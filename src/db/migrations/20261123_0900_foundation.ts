import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table local_authorities (
      la_code text primary key check (la_code ~ '^[0-9]{3}$'),
      name text not null,
      gss_code text not null,
      region text not null,
      ofsted_names text[] not null default '{}',
      status text not null check (status in ('current', 'former')),
      replaced_by text[] not null default '{}'
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      email text not null,
      name text not null,
      role text not null check (role in ('admin', 'manager', 'adviser', 'officer', 'viewer', 'provider')),
      password_hash text not null,
      must_change_password boolean not null default false,
      active boolean not null default true,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);
  await sql`create index users_la_code_idx on users (la_code, role)`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      la_code text not null references local_authorities (la_code),
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      la_code text references local_authorities (la_code),
      at timestamptz not null default now(),
      user_id uuid,
      user_email text,
      action text not null,
      record_type text,
      record_id text,
      ip text,
      details jsonb
    )`.execute(db);
  await sql`create index audit_log_la_at_idx on audit_log (la_code, at desc)`.execute(db);
  await sql`create index audit_log_record_idx on audit_log (la_code, record_type, record_id)`.execute(db);
  await sql`create index audit_log_user_idx on audit_log (la_code, user_id)`.execute(db);

  // The audit log is append-only: the database itself refuses updates and deletes.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end;
    $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
  await sql`drop function audit_log_append_only`.execute(db);
  await sql`drop table sessions`.execute(db);
  await sql`drop table users`.execute(db);
  await sql`drop table local_authorities`.execute(db);
}
