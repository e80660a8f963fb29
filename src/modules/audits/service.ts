import { sql } from 'kysely';
import type { ActionContext } from '../../platform/context.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { addItems } from '../action-plans/index.js';
import { appendAudit } from '../audit-log/index.js';
import { NOT_APPLICABLE, yesNoPoints, type AuditTemplate } from './definition.js';
import { getAudit, type LoadedAudit } from './repository.js';
import { lowItems, scaleOf, unanswered, type Answers } from './scoring.js';
import { auditTemplate } from './templates.js';

export type AuditKind = 'staff' | 'self';

/** Who may complete a template: staff audits need "staff" or "both", settings' self-assessments "setting" or "both". */
export function allowsKind(template: AuditTemplate, kind: AuditKind): boolean {
  return template.completedBy === 'both' || (kind === 'staff' ? template.completedBy === 'staff' : template.completedBy === 'setting');
}

export async function startAudit(ctx: ActionContext, input: { urn: string; templateId: string; visitId: string | null; kind: AuditKind }): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    const template = await auditTemplate(tx, input.templateId);
    if (!allowsKind(template.definition, input.kind)) throw new ConflictError(input.kind === 'self' ? 'This audit is completed by staff' : 'This is a self-assessment for the setting');
    const provider = await tx.selectFrom('providers').select('urn').where('urn', '=', input.urn).executeTakeFirst();
    if (!provider) throw new NotFoundError();
    if (input.visitId && !(await tx.selectFrom('visits').select('id').where('id', '=', input.visitId).where('urn', '=', input.urn).executeTakeFirst())) throw new NotFoundError();
    const now = ctx.clock.now();
    const row = await tx
      .insertInto('audits', { urn: input.urn, template_id: template.id, template_key: template.key, visit_id: input.visitId, kind: input.kind, answers: '{}', started_by: ctx.user.id, started_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.ip, { action: input.kind === 'self' ? 'self_assessment.started' : 'audit.started', recordType: 'provider', recordId: input.urn, details: { audit: row.id, template: template.key, version: template.version } });
    return row.id;
  });
}

/**
 * Reads one section's answers from a form: a valid choice (or "not applicable" for yes/no items),
 * text up to 4,000 characters, a comment per item. Anything else is an error naming the item.
 */
export function readSection(template: AuditTemplate, sectionIndex: number, body: Record<string, unknown>): { answers: Answers; errors: [string, string][] } {
  const section = template.sections[sectionIndex];
  if (!section) throw new NotFoundError();
  const answers: Answers = {};
  const errors: [string, string][] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  for (const item of section.items) {
    const value = str(body[item.key]);
    const comment = str(body[`${item.key}-comment`]);
    if (comment.length > 2000) errors.push([`${item.key}-comment`, `The comment on “${item.prompt.slice(0, 60)}” must be 2,000 characters or fewer`]);
    if (item.response === 'text' || item.response === 'evidence') {
      if (value.length > 4000) errors.push([item.key, `“${item.prompt.slice(0, 60)}” must be 4,000 characters or fewer`]);
      answers[item.key] = { value: value || null, comment };
      continue;
    }
    const allowed = item.response === 'yes_no' ? [...yesNoPoints.map((p) => p.value), NOT_APPLICABLE] : (scaleOf(template, item)?.points.map((p) => p.value) ?? []);
    if (value && !allowed.includes(value)) errors.push([item.key, `Choose an answer for “${item.prompt.slice(0, 60)}” from the list`]);
    answers[item.key] = { value: value || null, comment };
  }
  return { answers, errors };
}

async function draft(ctx: ActionContext, id: string, urn?: string): Promise<LoadedAudit> {
  const audit = await getAudit(ctx.tenant, id, urn);
  if (audit.status !== 'draft') throw new ConflictError('This audit is completed and can no longer be changed');
  return audit;
}

/** Saves a section's answers into the draft (autosave and "Save and continue" both come here). */
export async function saveSection(ctx: ActionContext, id: string, answers: Answers, urn?: string): Promise<void> {
  const audit = await draft(ctx, id, urn);
  // merged in the database, not read-modify-write: an autosave of one section may arrive while the
  // next section is being saved, and neither may undo the other
  await ctx.tenant.updateTable('audits').set({ answers: sql`answers || ${JSON.stringify(answers)}::jsonb`, updated_at: ctx.clock.now() }).where('id', '=', audit.id).where('status', '=', 'draft').execute();
}

/** Completes the audit once every rating and yes/no item has an answer; returns what is missing otherwise. */
export async function completeAudit(ctx: ActionContext, id: string, urn?: string): Promise<{ ok: true } | { ok: false; missing: ReturnType<typeof unanswered> }> {
  const audit = await draft(ctx, id, urn);
  const missing = unanswered(audit.template, audit.answers);
  if (missing.length) return { ok: false, missing };
  await ctx.tenant.transaction(async (tx) => {
    await tx.updateTable('audits').set({ status: 'completed', completed_at: ctx.clock.now(), updated_at: ctx.clock.now() }).where('id', '=', audit.id).execute();
    await appendAudit(tx, ctx.ip, { action: audit.kind === 'self' ? 'self_assessment.completed' : 'audit.completed', recordType: 'provider', recordId: audit.urn, details: { audit: audit.id } });
  });
  return { ok: true };
}

export async function shareAudit(ctx: ActionContext, id: string): Promise<void> {
  const audit = await getAudit(ctx.tenant, id);
  if (audit.status !== 'completed' || audit.kind !== 'staff') throw new ConflictError('Only a completed staff audit can be shared');
  await ctx.tenant.transaction(async (tx) => {
    await tx.updateTable('audits').set({ shared_at: ctx.clock.now() }).where('id', '=', id).where('shared_at', 'is', null).execute();
    await appendAudit(tx, ctx.ip, { action: 'audit.shared', recordType: 'provider', recordId: audit.urn, details: { audit: id } });
  });
}

export async function reviewSelfAssessment(ctx: ActionContext, id: string, comment: string): Promise<void> {
  const audit = await getAudit(ctx.tenant, id);
  if (audit.status !== 'completed' || audit.kind !== 'self') throw new ConflictError('Only a completed self-assessment can be reviewed');
  await ctx.tenant.transaction(async (tx) => {
    await tx.updateTable('audits').set({ reviewed_by: ctx.user.id, reviewed_at: ctx.clock.now(), review_comment: comment }).where('id', '=', id).execute();
    await appendAudit(tx, ctx.ip, { action: 'self_assessment.reviewed', recordType: 'provider', recordId: audit.urn, details: { audit: id } });
  });
}

/** Adds the chosen low answers to the provider's action plan (each once), prefilled from the item. */
export async function addAuditActions(ctx: ActionContext, id: string, itemKeys: string[], dueDate: string | null): Promise<number> {
  const audit = await getAudit(ctx.tenant, id);
  const chosen = lowItems(audit.template, audit.answers).filter((l) => itemKeys.includes(l.key));
  return ctx.tenant.transaction(async (tx) => {
    const existing = new Set((await tx.selectFrom('action_plan_items').select('action').where('urn', '=', audit.urn).where('source', '=', 'audit').execute()).map((r) => r.action));
    const fresh = chosen.filter((c) => !existing.has(c.action));
    const pathway = await tx.selectFrom('pathways').select('id').where('urn', '=', audit.urn).where('status', '=', 'active').executeTakeFirst();
    if (fresh.length) await addItems(tx, fresh.map((c) => ({ urn: audit.urn, pathwayId: pathway?.id ?? null, noteId: null, source: 'audit', area: audit.template.actionArea, action: c.action, dueDate })), ctx.clock.now());
    await appendAudit(tx, ctx.ip, { action: 'audit.actions_added', recordType: 'provider', recordId: audit.urn, details: { audit: id, items: fresh.map((c) => c.key) } });
    return fresh.length;
  });
}
