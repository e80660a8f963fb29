import type { ActionContext } from '../../platform/context.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { decisionLetter } from './letter.js';
import { rulesFor } from './repository.js';
import { statusLabels, streamLabels, streams, withdrawalSentence, type Eligibility, type Status, type Stream } from './rules.js';

export async function getDecision(ctx: ActionContext, id: string) {
  const row = await ctx.tenant
    .selectFrom('funding_decisions')
    .innerJoin('providers', 'providers.urn', 'funding_decisions.urn')
    .leftJoin('users', 'users.id', 'funding_decisions.decided_by')
    .select(['funding_decisions.id', 'funding_decisions.urn', 'funding_decisions.kind', 'funding_decisions.status', 'funding_decisions.proposed', 'funding_decisions.decided', 'funding_decisions.trigger', 'funding_decisions.proposed_at', 'funding_decisions.effective_from', 'funding_decisions.decided_at', 'funding_decisions.decision_reason',
      'providers.name as provider_name', 'providers.redacted', 'providers.address_line1', 'providers.town', 'providers.postcode', 'providers.contact_email', 'users.name as decided_by_name'])
    .where('funding_decisions.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export type DecisionInput = { decision: 'confirm' } | { decision: 'override'; statuses: Record<Stream, Status>; reason: string };

/**
 * A manager confirms the proposal (or overrides it with a reason) from a date: it is in force from
 * then, the SIA-queue task is done, a letter goes to the setting through the outbox, and the
 * provider's timeline shows it.
 */
export async function decideFunding(ctx: ActionContext, id: string, input: DecisionInput & { effectiveFrom: string; note: string }): Promise<{ emailed: boolean }> {
  return ctx.tenant.transaction(async (tx) => {
    const d = await getDecision({ ...ctx, tenant: tx }, id);
    if (d.status !== 'proposed') throw new ConflictError('This decision has already been made');
    const now = ctx.clock.now();
    const proposed = d.proposed as Eligibility;
    const decided: Eligibility = input.decision === 'confirm'
      ? proposed
      : (Object.fromEntries(streams.map((s) => [s, { status: input.statuses[s], reason: input.statuses[s] === proposed[s].status ? proposed[s].reason : `Decided by the local authority: ${input.reason}` }])) as Eligibility);
    const reason = input.decision === 'override' ? input.reason : input.note || null;
    await tx.updateTable('funding_decisions').set({ status: input.decision === 'confirm' ? 'confirmed' : 'overridden', decided: JSON.stringify(decided), effective_from: input.effectiveFrom, decided_by: ctx.user.id, decided_at: now, decision_reason: reason }).where('id', '=', id).execute();
    await tx.updateTable('tasks').set({ done_at: now, done_by: ctx.user.id, done_note: input.decision === 'confirm' ? 'Funding decision confirmed' : 'Funding decision overridden' }).where('rule_key', '=', `rule:funding:${id}`).where('done_at', 'is', null).execute();
    const la = await tx.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', tx.scope.laCode).executeTakeFirstOrThrow());
    const providerName = d.provider_name ?? 'Childminder';
    const { rules } = await tx.forJob((db) => rulesFor(db, tx.scope.laCode, londonDate(now)));
    const scope = withdrawalSentence(decided, rules, input.effectiveFrom);
    const letter = await decisionLetter({ laName: la.name, providerName, urn: d.urn, address: [d.address_line1, d.town, d.postcode].filter(Boolean).join(', ') || 'Address not published', date: londonDate(now), effectiveFrom: input.effectiveFrom, eligibility: decided, reason, signedBy: ctx.user.name, rules });
    const people = await tx.selectFrom('provider_users').innerJoin('users', 'users.id', 'provider_users.user_id').select('users.email').where('provider_users.urn', '=', d.urn).where('users.active', '=', true).execute();
    const to = [...new Set([d.contact_email, ...people.map((p) => p.email)].filter((e): e is string => Boolean(e)))];
    if (to.length) {
      const text = `Dear ${providerName},\n\nThe attached letter sets out our decision about your setting’s early education funding from ${formatDate(input.effectiveFrom)}:\n${streams.map((s) => `- ${streamLabels[s]}: ${statusLabels[decided[s].status]}`).join('\n')}\n${scope ? `\n${scope}\n` : ''}\n${la.name} Early Years and Childcare`;
      await enqueue(tx, { to, cc: [ctx.user.email], subject: `Early education funding decision: ${providerName}`, text, html: textToHtml(text), attachments: [{ filename: `funding-decision-${d.urn}.pdf`, contentType: 'application/pdf', content: letter }], record: { type: 'funding_decision', id } }, now);
    }
    await appendAudit(tx, ctx.ip, { action: input.decision === 'confirm' ? 'funding.confirmed' : 'funding.overridden', recordType: 'provider', recordId: d.urn, details: { decision: id, effectiveFrom: input.effectiveFrom, statuses: Object.fromEntries(streams.map((s) => [s, decided[s].status])) } });
    return { emailed: to.length > 0 };
  });
}
