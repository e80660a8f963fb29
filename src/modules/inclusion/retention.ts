import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { londonDate } from '../../platform/dates.js';
import { appendAudit } from '../audit-log/index.js';

const SYSTEM = '00000000-0000-0000-0000-000000000000';

/**
 * A child's record is kept for the LA's retention period (Inclusion → Settings, 3 years unless set)
 * after their case closed (or the panel found they did not meet the criteria), then deleted with
 * everything about them: settings, consents, referrals, their files, case entries. Each deletion is in
 * the audit log by id (no name). A DAF payment stays in the register without the child.
 */
export async function deleteExpiredChildren(db: Kysely<DB>, now: Date, uploadsDir: string): Promise<number> {
  await deleteExpiredDropinPaperwork(db, now);
  const las = await db.selectFrom('inclusion_children').select('la_code').distinct().where('closed_at', 'is not', null).execute();
  let deleted = 0;
  for (const { la_code: laCode } of las) {
    const settings = await db.selectFrom('inclusion_settings').select('retention_years').where('la_code', '=', laCode).executeTakeFirst();
    const years = settings?.retention_years ?? 3;
    const cutoff = cutoffFor(now, years);
    const files = await db.transaction().execute(async (trx) => {
      const tenant = new TenantDb(trx, { laCode, userId: SYSTEM, role: 'admin', userEmail: 'scheduled job' });
      const expired = await tenant.selectFrom('inclusion_children').select('id').where('closed_at', 'is not', null).where(sql<boolean>`(closed_at at time zone 'Europe/London')::date < ${cutoff}::date`).execute();
      if (!expired.length) return [];
      const ids = expired.map((c) => c.id);
      const stored = await tenant.selectFrom('inclusion_files').innerJoin('inclusion_referrals', 'inclusion_referrals.id', 'inclusion_files.referral_id').select('inclusion_files.storage_key').where('inclusion_referrals.child_id', 'in', ids).execute();
      await tenant.updateTable('inclusion_referrals').set({ consent_id: null }).where('child_id', 'in', ids).execute();
      await tenant.deleteFrom('inclusion_children').where('id', 'in', ids).execute();
      for (const id of ids) await appendAudit(tenant, null, { action: 'inclusion_child.deleted', recordType: 'inclusion_child', recordId: id, details: { reason: `retention period of ${years} years after the case closed` } });
      deleted += ids.length;
      return stored.map((f) => f.storage_key);
    });
    for (const key of files) await rm(path.join(uploadsDir, laCode, key), { force: true });
  }
  return deleted;
}

/** The date before which a record has been kept for `years` (London date, same day and month). */
function cutoffFor(now: Date, years: number): string {
  const today = londonDate(now);
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
}

/**
 * A SEND drop-in's paperwork and the host's note are about a child but name no child record, so
 * they are kept for the LA's retention period after the drop-in's date, then erased (the booking
 * and attendance stay, for the drop-in use figures); each erasure is in the audit log.
 */
export async function deleteExpiredDropinPaperwork(db: Kysely<DB>, now: Date): Promise<number> {
  const las = await db.selectFrom('inclusion_dropin_slots').select('la_code').distinct()
    .where((eb) => eb.or([eb('paperwork', 'is not', null), eb('note', 'is not', null)])).execute();
  let erased = 0;
  for (const { la_code: laCode } of las) {
    const settings = await db.selectFrom('inclusion_settings').select('retention_years').where('la_code', '=', laCode).executeTakeFirst();
    const years = settings?.retention_years ?? 3;
    const cutoff = cutoffFor(now, years);
    await db.transaction().execute(async (trx) => {
      const tenant = new TenantDb(trx, { laCode, userId: SYSTEM, role: 'admin', userEmail: 'scheduled job' });
      const expired = await tenant.selectFrom('inclusion_dropin_slots').select(['id', 'urn']).where('on_date', '<', cutoff)
        .where((eb) => eb.or([eb('paperwork', 'is not', null), eb('note', 'is not', null)])).execute();
      if (!expired.length) return;
      await tenant.updateTable('inclusion_dropin_slots').set({ paperwork: null, note: null }).where('id', 'in', expired.map((s) => s.id)).execute();
      for (const slot of expired) await appendAudit(tenant, null, { action: 'inclusion_dropin.paperwork_deleted', recordType: 'provider', recordId: slot.urn ?? '', details: { slot: slot.id, reason: `retention period of ${years} years after the drop-in` } });
      erased += expired.length;
    });
  }
  return erased;
}
