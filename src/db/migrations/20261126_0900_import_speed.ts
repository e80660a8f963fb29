import { sql, type Kysely } from 'kysely';
import { up as createValueFunctions } from './20261123_1100_ofsted_value_functions.js';

/*
 * The national import loads ~71,000 providers and ~60,000 inspections in one
 * transaction; a foreign-key check per row was over half of that time. The
 * importer guarantees these references itself (every row's local authority is
 * looked up, inspections are written only with their provider, providers are
 * never deleted) and the importer's tests check for orphans (ADR 0005).
 * CSV values are now read in TypeScript, so the SQL twins of values.ts go.
 */
const foreignKeys = [
  ['providers', 'providers_la_code_fkey', 'foreign key (la_code) references local_authorities (la_code)'],
  ['inspections', 'inspections_la_code_fkey', 'foreign key (la_code) references local_authorities (la_code)'],
  ['inspections', 'inspections_urn_fkey', 'foreign key (urn) references providers (urn) on delete cascade'],
] as const;

const valueFunctions = [
  'ey_blank(text)', 'ey_text(text)', 'ey_date_parts(text)', 'ey_valid_ymd(int[])', 'ey_date(text)', 'ey_date_problem(text)',
  'ey_outcome(text)', 'ey_outcome_problem(text)', 'ey_rc_grade(text)', 'ey_rc_grade_problem(text)', 'ey_yes_no(text)',
  'ey_yes_no_problem(text)', 'ey_number(text)', 'ey_number_problem(text)', 'ey_urn_problem(text)', 'ey_la_key(text)',
  'ey_provider_type(text)', 'ey_status(text)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, name] of foreignKeys) await sql.raw(`alter table ${table} drop constraint ${name}`).execute(db);
  for (const f of [...valueFunctions].reverse()) await sql.raw(`drop function ${f}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createValueFunctions(db);
  for (const [table, name, definition] of foreignKeys) await sql.raw(`alter table ${table} add constraint ${name} ${definition}`).execute(db);
}
