import { sql, type Kysely } from 'kysely';

/**
 * Sufficiency: the LA's postcode-to-ward lookup (for files without wards), child population by ward
 * and single year of age, and the LA's threshold of places per 100 children below which a ward is flagged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sufficiency_ward_lookup (
      la_code text not null references local_authorities (la_code),
      postcode text not null,
      ward text not null,
      ward_code text,
      primary key (la_code, postcode)
    )`.execute(db);
  await sql`
    create table sufficiency_population (
      la_code text not null references local_authorities (la_code),
      ward text not null,
      age integer not null check (age between 0 and 17),
      children integer not null check (children >= 0),
      primary key (la_code, ward, age)
    )`.execute(db);
  await sql`
    create table sufficiency_settings (
      la_code text primary key references local_authorities (la_code),
      threshold numeric(6, 1) not null default 20,
      population_file text,
      population_uploaded_at timestamptz,
      population_uploaded_by uuid references users (id),
      lookup_file text,
      lookup_uploaded_at timestamptz,
      lookup_uploaded_by uuid references users (id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sufficiency_settings`.execute(db);
  await sql`drop table sufficiency_population`.execute(db);
  await sql`drop table sufficiency_ward_lookup`.execute(db);
}
