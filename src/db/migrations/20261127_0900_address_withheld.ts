import { sql, type Kysely } from 'kysely';

/*
 * Ofsted's LA extract marks settings whose address must not be shown —
 * SpecialConsiderations ANON (anonymity requested), MOD (military base), WREF
 * (women's refuge). EY Hub does not keep such an address at all; it keeps why
 * (ADR 0005).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers add column address_withheld text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table providers drop column address_withheld`.execute(db);
}
