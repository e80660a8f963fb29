import { sql, type Kysely } from 'kysely';

/** Provider users linked to the settings they may see, and single-use invitation links. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table provider_users (
      la_code text not null references local_authorities (la_code),
      user_id uuid not null references users (id),
      urn text not null references providers (urn),
      created_at timestamptz not null,
      primary key (user_id, urn)
    )`.execute(db);
  await sql`create index provider_users_urn on provider_users (urn)`.execute(db);
  await sql`
    create table invitations (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      user_id uuid not null references users (id),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table invitations`.execute(db);
  await sql`drop table provider_users`.execute(db);
}
