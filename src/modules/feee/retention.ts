import { sql, type Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { londonDate } from '../../platform/dates.js';
import { appendAudit } from '../audit-log/index.js';
import { rulesFor, type FundingRules } from '../funding/index.js';

const SYSTEM = '00000000-0000-0000-0000-000000000000';

/**
 * When the child records of an FEEE audit are due for deletion, by the LA's funding rules:
 * - a completed audit: `childRecordRetentionYears` after the London date it was completed;
 * - an audit never completed (planned or in progress): `unfinishedAuditChildMonths` after it was
 *   planned, so the children imported for an audit that was abandoned do not stay for ever.
 */
export function retentionCutoffs(now: Date, rules: Pick<FundingRules, 'childRecordRetentionYears' | 'unfinishedAuditChildMonths'>) {
  const today = londonDate(now);
  const completedBefore = `${Number(today.slice(0, 4)) - rules.childRecordRetentionYears}${today.slice(4)}`;
  const planned = new Date(now);
  planned.setUTCMonth(planned.getUTCMonth() - rules.unfinishedAuditChildMonths);
  return { completedBefore, plannedBefore: planned };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A finding's text with every child reference of its audit replaced (the finding itself is kept). */
export function withoutChildRefs(details: string, refs: readonly string[]): string {
  const named = refs.filter((r) => r.trim().length > 0).sort((a, b) => b.length - a.length);
  if (!named.length) return details;
  return details.replace(new RegExp(named.map(escape).join('|'), 'g'), '[child]');
}

/**
 * Personal data is kept no longer than the LA's retention period: the child records of an audit
 * past its cutoff are deleted, the child references in its findings are removed (the finding's type,
 * amount and text stay, with the reference replaced), and each deletion is in the audit log (by
 * audit id, never a child's reference). Runs hourly (src/service.ts).
 */
export async function deleteExpiredChildRecords(db: Kysely<DB>, now: Date): Promise<{ audits: number; children: number }> {
  const las = await db.selectFrom('feee_audits').select('la_code').distinct().where('children_deleted_at', 'is', null).execute();
  let audits = 0;
  let children = 0;
  for (const { la_code: laCode } of las) {
    const { rules } = await rulesFor(db, laCode);
    const { completedBefore, plannedBefore } = retentionCutoffs(now, rules);
    await db.transaction().execute(async (trx) => {
      const expired = await trx
        .selectFrom('feee_audits')
        .select(['id', 'urn', 'status'])
        .where('la_code', '=', laCode)
        .where('children_deleted_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'completed'), eb(sql<string>`(completed_at at time zone 'Europe/London')::date`, '<', sql<string>`${completedBefore}::date`)]),
            eb.and([
              eb('status', '!=', 'completed'),
              eb('created_at', '<', plannedBefore),
              eb.or([eb.exists(eb.selectFrom('feee_children').select('id').whereRef('feee_children.audit_id', '=', 'feee_audits.id')), eb.exists(eb.selectFrom('feee_findings').select('id').whereRef('feee_findings.audit_id', '=', 'feee_audits.id').where('feee_findings.child_ref', 'is not', null))]),
            ]),
          ]),
        )
        .execute();
      const tenant = new TenantDb(trx, { laCode, userId: SYSTEM, role: 'admin', userEmail: 'scheduled job' });
      for (const a of expired) {
        const refs = (await trx.selectFrom('feee_children').select('child_ref').where('audit_id', '=', a.id).execute()).map((c) => c.child_ref);
        const findings = await trx.selectFrom('feee_findings').select(['id', 'child_ref', 'details']).where('audit_id', '=', a.id).where((eb) => eb.or([eb('child_ref', 'is not', null), eb('child_id', 'is not', null)])).execute();
        const allRefs = [...new Set([...refs, ...findings.map((f) => f.child_ref).filter((r): r is string => r !== null)])];
        for (const f of findings) await trx.updateTable('feee_findings').set({ child_ref: null, child_id: null, details: withoutChildRefs(f.details, allRefs) }).where('id', '=', f.id).execute();
        const deleted = await trx.deleteFrom('feee_children').where('audit_id', '=', a.id).executeTakeFirst();
        await trx.updateTable('feee_audits').set({ children_deleted_at: now }).where('id', '=', a.id).execute();
        const period = a.status === 'completed' ? { retentionYears: rules.childRecordRetentionYears } : { notCompletedMonths: rules.unfinishedAuditChildMonths };
        await appendAudit(tenant, null, { action: 'feee_audit.children_deleted', recordType: 'provider', recordId: a.urn, details: { audit: a.id, status: a.status, children: Number(deleted.numDeletedRows), findings: findings.length, ...period } });
        audits++;
        children += Number(deleted.numDeletedRows);
      }
    });
  }
  return { audits, children };
}
