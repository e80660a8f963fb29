import type { TenantDb } from '../../db/tenant.js';
import type { ActionContext } from '../../platform/context.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { addItems } from '../action-plans/index.js';
import { appendAudit } from '../audit-log/index.js';
import { startAudit } from '../audits/index.js';
import { currentAuditTemplates } from '../audits/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { findingsFor, type ChildCheck } from './checks.js';
import type { ChildRow } from './children-csv.js';
import { feeeReport } from './report.js';
import { sampleIndices } from './sample.js';
import { auditOutcomes, type auditReasons, type auditTypes, type supportOffers } from './labels.js';

export async function getFeeeAudit(tenant: TenantDb, id: string) {
  const row = await tenant
    .selectFrom('feee_audits')
    .innerJoin('providers', 'providers.urn', 'feee_audits.urn')
    .leftJoin('users', 'users.id', 'feee_audits.auditor_id')
    .selectAll('feee_audits')
    .select(['providers.name as provider_name', 'providers.redacted', 'providers.address_line1', 'providers.town', 'providers.postcode', 'providers.contact_email', 'users.name as auditor_name'])
    .where('feee_audits.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function planFeeeAudit(ctx: ActionContext, urn: string, input: { auditType: keyof typeof auditTypes; term: string; reason: keyof typeof auditReasons; auditorId: string | null; plannedFor: string | null }): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    let selfId: string | null = null;
    if (input.auditType === 'self_evaluation') {
      const template = (await currentAuditTemplates(tx)).find((t) => t.key === 'feee_self_evaluation');
      if (template) selfId = await startAudit({ ...ctx, tenant: tx }, { urn, templateId: template.id, visitId: null, kind: 'self' });
    }
    const row = await tx.insertInto('feee_audits', { urn, audit_type: input.auditType, term: input.term, reason: input.reason, auditor_id: input.auditorId, planned_for: input.plannedFor, self_assessment_id: selfId, created_by: ctx.user.id, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.ip, { action: 'feee_audit.planned', recordType: 'provider', recordId: urn, details: { audit: row.id, type: input.auditType, term: input.term } });
    return row.id;
  });
}

const notCompleted = (a: { status: string }) => {
  if (a.status === 'completed') throw new ConflictError('This audit is completed');
};

/** Replaces the audit's list of funded children (only before any child has been checked). */
export async function importChildren(ctx: ActionContext, auditId: string, children: ChildRow[]): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const audit = await getFeeeAudit(tx, auditId);
    notCompleted(audit);
    if (await tx.selectFrom('feee_children').select('id').where('audit_id', '=', auditId).where('checked_at', 'is not', null).limit(1).executeTakeFirst()) throw new ConflictError('Children have already been checked: the list cannot be replaced');
    await tx.deleteFrom('feee_children').where('audit_id', '=', auditId).execute();
    if (children.length) await tx.insertInto('feee_children', children.map((c) => ({ audit_id: auditId, row_number: c.rowNumber, child_ref: c.childRef, date_of_birth: c.dateOfBirth, entitlement: c.entitlement, funded_hours: c.fundedHours, start_date: c.startDate }))).execute();
    await tx.updateTable('feee_audits').set({ status: 'in_progress', sample_method: null, sample_seed: null }).where('id', '=', auditId).execute();
    await appendAudit(tx, ctx.ip, { action: 'feee_audit.children_imported', recordType: 'provider', recordId: audit.urn, details: { audit: auditId, children: children.length } });
  });
}

/** Picks the children to check: all, or a random sample reproducible from its seed. */
export async function sampleChildren(ctx: ActionContext, auditId: string, method: 'random' | 'all', size: number, seed: number): Promise<number> {
  return ctx.tenant.transaction(async (tx) => {
    const audit = await getFeeeAudit(tx, auditId);
    notCompleted(audit);
    const children = await tx.selectFrom('feee_children').select(['id', 'checked_at']).where('audit_id', '=', auditId).orderBy('row_number').execute();
    if (children.some((c) => c.checked_at)) throw new ConflictError('Children have already been checked: the sample cannot change');
    const chosen = new Set(method === 'all' ? children.map((_, i) => i) : sampleIndices(children.length, size, seed));
    const ids = children.filter((_, i) => chosen.has(i)).map((c) => c.id);
    await tx.updateTable('feee_children').set({ sampled: false }).where('audit_id', '=', auditId).execute();
    if (ids.length) await tx.updateTable('feee_children').set({ sampled: true }).where('id', 'in', ids).execute();
    await tx.updateTable('feee_audits').set({ sample_method: method, sample_seed: method === 'random' ? seed : null }).where('id', '=', auditId).execute();
    await appendAudit(tx, ctx.ip, { action: 'feee_audit.sampled', recordType: 'provider', recordId: audit.urn, details: { audit: auditId, method, seed, size: ids.length } });
    return ids.length;
  });
}

export async function recordCheck(ctx: ActionContext, auditId: string, childId: string, check: ChildCheck): Promise<number> {
  return ctx.tenant.transaction(async (tx) => {
    const audit = await getFeeeAudit(tx, auditId);
    notCompleted(audit);
    const child = await tx.selectFrom('feee_children').selectAll().where('id', '=', childId).where('audit_id', '=', auditId).where('sampled', '=', true).executeTakeFirst();
    if (!child) throw new NotFoundError();
    const findings = findingsFor({ childRef: child.child_ref, dateOfBirth: child.date_of_birth, entitlement: child.entitlement, fundedHours: Number(child.funded_hours) }, check);
    const now = ctx.clock.now();
    await tx.updateTable('feee_children').set({ checks: JSON.stringify({ ...check, psouHours: check.psouHours === null ? '' : String(check.psouHours), amountPence: check.amountPence === null ? '' : String(check.amountPence) }), checked_at: now }).where('id', '=', childId).execute();
    await tx.deleteFrom('feee_findings').where('child_id', '=', childId).execute();
    if (findings.length) await tx.insertInto('feee_findings', findings.map((f) => ({ audit_id: auditId, child_id: childId, child_ref: child.child_ref, finding_type: f.type, details: f.details, amount_pence: f.amountPence, created_at: now }))).execute();
    await appendAudit(tx, ctx.ip, { action: 'feee_audit.child_checked', recordType: 'provider', recordId: audit.urn, details: { audit: auditId, child: child.id, findings: findings.map((f) => f.type) } }); // the record's id, not the child's reference
    return findings.length;
  });
}

export async function findingsOf(tenant: TenantDb, auditId: string) {
  return tenant.selectFrom('feee_findings').select(['id', 'child_ref', 'finding_type', 'details', 'amount_pence']).where('audit_id', '=', auditId).orderBy('child_ref').orderBy('created_at').execute();
}

/**
 * Completes the audit once every sampled child is checked: the outcome, the follow-up actions onto
 * the action plan, the admin support offered, and the report PDF e-mailed to the setting.
 */
export async function completeFeeeAudit(ctx: ActionContext, auditId: string, input: { outcome: keyof typeof auditOutcomes; notes: string; actions: string[]; support: (keyof typeof supportOffers)[] }): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const audit = await getFeeeAudit(tx, auditId);
    notCompleted(audit);
    const unchecked = await tx.selectFrom('feee_children').select('child_ref').where('audit_id', '=', auditId).where('sampled', '=', true).where('checked_at', 'is', null).execute();
    if (unchecked.length) throw new ConflictError(`Check every sampled child first: ${unchecked.length} still to check`);
    const now = ctx.clock.now();
    await tx.updateTable('feee_audits').set({ status: 'completed', outcome: input.outcome, outcome_notes: input.notes, support_offered: input.support, follow_up_actions: input.actions, completed_at: now }).where('id', '=', auditId).execute();
    if (input.actions.length) {
      const pathway = await tx.selectFrom('pathways').select('id').where('urn', '=', audit.urn).where('status', '=', 'active').executeTakeFirst();
      await addItems(tx, input.actions.map((action) => ({ urn: audit.urn, pathwayId: pathway?.id ?? null, noteId: null, source: 'audit', area: 'business', action: `FEEE audit (${audit.term}): ${action}`, dueDate: null })), now);
    }
    const [findings, checked, la] = await Promise.all([
      findingsOf(tx, auditId),
      tx.selectFrom('feee_children').select((eb) => eb.fn.countAll<number>().as('n')).where('audit_id', '=', auditId).where('sampled', '=', true).executeTakeFirstOrThrow(),
      tx.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', tx.scope.laCode).executeTakeFirstOrThrow()),
    ]);
    const providerName = audit.provider_name ?? 'Childminder';
    const pdf = await feeeReport({ laName: la.name, providerName, urn: audit.urn, audit: { ...audit, outcome: input.outcome, outcome_notes: input.notes, support_offered: input.support, completed_at: now }, childrenChecked: Number(checked.n), findings, actions: input.actions });
    const people = await tx.selectFrom('provider_users').innerJoin('users', 'users.id', 'provider_users.user_id').select('users.email').where('provider_users.urn', '=', audit.urn).where('users.active', '=', true).execute();
    const to = [...new Set([audit.contact_email, ...people.map((p) => p.email)].filter((e): e is string => Boolean(e)))];
    if (to.length) {
      const text = `Dear ${providerName},\n\nThe attached report sets out what we found in the audit of your early education funding for ${audit.term}: ${auditOutcomes[input.outcome].toLowerCase()}.\n\n${la.name} Early Years and Childcare`;
      await enqueue(tx, { to, cc: [ctx.user.email], subject: `Early education funding audit: ${providerName}`, text, html: textToHtml(text), attachments: [{ filename: `feee-audit-${audit.urn}.pdf`, contentType: 'application/pdf', content: pdf }], record: { type: 'feee_audit', id: auditId } }, now);
    }
    await appendAudit(tx, ctx.ip, { action: 'feee_audit.completed', recordType: 'provider', recordId: audit.urn, details: { audit: auditId, outcome: input.outcome, findings: findings.length } });
  });
}
