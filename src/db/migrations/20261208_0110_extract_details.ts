import { sql, type Kysely } from 'kysely';

/*
 * Issue 16.10: what the LA XML extract carries beyond the register entry, kept on the provider: the
 * secondary provision type (e.g. Home childcarer), the childcare periods (Ofsted's codes, such as
 * ALYR), the childcare ages ([{ from, to, max, register }]) and the registration status history
 * ([{ status, date }], suspensions included), each as the latest extract gives it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers add column secondary_provision_type text, add column childcare_periods text[],
    add column childcare_ages jsonb, add column status_history jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers drop column secondary_provision_type, drop column childcare_periods,
    drop column childcare_ages, drop column status_history`.execute(db);
}
