import { sql, type Kysely } from 'kysely';

/**
 * The strategy register (Rutland's case study): headings the LA edits, recommendations mapped to a
 * heading and the statutory duties, each RAG status kept as a dated update, and engagement records
 * (sessions, mystery shoppers, partnership meetings) linked to recommendations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table strategy_headings (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      name text not null,
      position integer not null,
      created_at timestamptz not null,
      unique (la_code, name)
    )`.execute(db);
  await sql`
    create table strategy_recommendations (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      heading_id uuid not null references strategy_headings (id),
      title text not null,
      detail text not null default '',
      duties text[] not null check (cardinality(duties) > 0 and duties <@ array['outcomes', 'sufficiency', 'information']::text[]),
      owner text not null default '',
      target_date date,
      rag text not null check (rag in ('red', 'amber', 'green')),
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1
    )`.execute(db);
  await sql`create index strategy_recommendations_la on strategy_recommendations (la_code, heading_id)`.execute(db);
  await sql`
    create table strategy_rag_updates (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      recommendation_id uuid not null references strategy_recommendations (id),
      at timestamptz not null,
      by_user uuid references users (id),
      rag text not null check (rag in ('red', 'amber', 'green')),
      comment text not null default ''
    )`.execute(db);
  await sql`create index strategy_rag_updates_rec on strategy_rag_updates (recommendation_id, at)`.execute(db);
  await sql`create index strategy_rag_updates_la on strategy_rag_updates (la_code, at)`.execute(db);
  await sql`
    create table strategy_engagements (
      id uuid primary key default gen_random_uuid(),
      la_code text not null references local_authorities (la_code),
      kind text not null,
      held_on date not null,
      title text not null,
      summary text not null default '',
      recommendation_ids uuid[] not null default '{}',
      recorded_by uuid references users (id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index strategy_engagements_la on strategy_engagements (la_code, held_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table strategy_engagements`.execute(db);
  await sql`drop table strategy_rag_updates`.execute(db);
  await sql`drop table strategy_recommendations`.execute(db);
  await sql`drop table strategy_headings`.execute(db);
}
