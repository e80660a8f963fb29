import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<string>;
  la_code: string;
  to_addresses: string[];
  cc_addresses: Generated<string[]>;
  subject: string;
  text_body: string;
  html_body: string;
  /** [{ filename, contentType, contentBase64 }] */
  attachments: ColumnType<unknown, string, string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  claimed_at: Date | null;
  last_error: string | null;
  record_type: string | null;
  record_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  /** when the retention job emptied the body and attachments of this sent e-mail */
  body_purged_at: Date | null;
}
