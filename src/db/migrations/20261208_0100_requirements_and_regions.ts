import { sql, type Kysely } from 'kysely';

/*
 * Issue 16.6 and 16.8. The national provider-level file's "CCR requirements suitability" and "VCR
 * requirements suitability" are judgements of the most recent full inspection (Met, Not met (with
 * actions), Not met (enforcement)): they are kept on that inspection. Region, Ofsted region and
 * Deprivation band are kept on the provider for reports. Each local authority says below what share
 * of the providers it holds a file's rows need a confirmation before they are imported (80 %).
 */
const judgements = sql.raw(`('met', 'not_met_actions', 'not_met_enforcement')`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers add column region text, add column ofsted_region text, add column deprivation_band text`.execute(db);
  await sql`alter table inspections
    add column ccr_requirements text check (ccr_requirements in ${judgements}),
    add column vcr_requirements text check (vcr_requirements in ${judgements})`.execute(db);
  await sql`alter table local_authorities add column import_coverage_percent integer not null default 80
    check (import_coverage_percent between 1 and 100)`.execute(db);
  // the next file is read whole again (not passed over as identical), so what it carries is kept
  await sql`update providers set source_hash = null where source_hash is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table local_authorities drop column import_coverage_percent`.execute(db);
  await sql`alter table inspections drop column ccr_requirements, drop column vcr_requirements`.execute(db);
  await sql`alter table providers drop column region, drop column ofsted_region, drop column deprivation_band`.execute(db);
}
