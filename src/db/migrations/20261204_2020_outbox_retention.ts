import { sql, type Kysely } from 'kysely';

/*
 * Retention reaches the outbox: the body and attachments of a sent e-mail (a note of visit PDF names
 * children's needs) are purged after MAIL_RETENTION_DAYS; the row stays (who, when, subject, status).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table outbox add column body_purged_at timestamptz`.execute(db);
  await sql`create index outbox_sent_unpurged on outbox (sent_at) where body_purged_at is null and status = 'sent'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index outbox_sent_unpurged`.execute(db);
  await sql`alter table outbox drop column body_purged_at`.execute(db);
}
