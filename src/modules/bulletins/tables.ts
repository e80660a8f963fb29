import type { ColumnType, Generated } from 'kysely';

/** This module's tables (src/db/types.ts assembles the DB type from every module's). */

export type BulletinStatus = 'draft' | 'scheduled' | 'sending' | 'sent';
export type BulletinRepeat = 'none' | 'weekly' | 'twice_monthly';

/** A provider update (bulletin): what it says, who it goes to, when. */
export interface BulletinsTable {
  id: Generated<string>;
  la_code: string;
  title: string;
  /** the safe subset of formatting staff type (format.ts) */
  body: string;
  /** Audience (audience.ts) as JSON */
  audience: ColumnType<unknown, string, string>;
  status: Generated<BulletinStatus>;
  send_at: Date | null;
  repeat: Generated<BulletinRepeat>;
  created_by: string | null;
  created_at: Date;
  sent_at: Date | null;
  recipients: Generated<number>;
}

/** One address an update goes to: unique per update, so nobody gets it twice. */
export interface BulletinRecipientsTable {
  id: Generated<string>;
  la_code: string;
  bulletin_id: string;
  email: string;
  /** the secret in the unsubscribe link */
  token: string;
  /** the e-mail in the outbox once queued; null: not yet (a crashed send resumes from here) */
  outbox_id: string | null;
}

/** Addresses that asked not to get provider updates (never statutory or case e-mail). */
export interface BulletinUnsubscribesTable {
  la_code: string;
  email: string;
  at: Date;
}
