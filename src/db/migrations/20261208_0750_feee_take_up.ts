import { sql, type Kysely } from 'kysely';

/** FEEE headcount per term from the funding system: children funded by setting and age band, for take-up by ward. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sufficiency_feee_headcounts (
      la_code text not null references local_authorities (la_code),
      term text not null,
      urn text not null references providers (urn),
      age_band text not null check (age_band in ('two', 'three_four')),
      children integer not null check (children >= 0),
      primary key (la_code, term, urn, age_band)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sufficiency_feee_headcounts`.execute(db);
}
