import type { ActionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import * as repo from './repository.js';
import { dafDecision, type DafDecision } from './rules.js';

/** Records a Disability Access Fund claim: paid, or refused with the reason (rules.ts). Refusals are kept in the register too. */
export async function recordDafClaim(ctx: ActionContext, claim: { childId: string; urn: string; dlaEvidence: string; amountPence: number | null }): Promise<DafDecision> {
  return ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    const today = londonDate(now);
    const child = await repo.findChild(tx, claim.childId, today);
    const attended = (await repo.settingsOf(tx, child.id)).some((s) => s.urn === claim.urn);
    if (!attended) throw new NotFoundError();
    const paid = await tx.selectFrom('inclusion_daf_claims').innerJoin('providers', 'providers.urn', 'inclusion_daf_claims.urn')
      .select(['child_id', 'inclusion_daf_claims.urn', 'financial_year', 'providers.name']).where('child_id', '=', child.id).where('inclusion_daf_claims.status', '=', 'paid').execute();
    const decision = dafDecision({ childId: child.id, urn: claim.urn, claimedOn: today, dlaEvidence: claim.dlaEvidence }, { dateOfBirth: child.date_of_birth }, paid.map((p) => ({ childId: p.child_id ?? '', urn: p.urn, financialYear: p.financial_year, settingName: p.name ?? p.urn })));
    const row = await tx.insertInto('inclusion_daf_claims', { child_id: child.id, urn: claim.urn, financial_year: decision.financialYear, status: decision.paid ? 'paid' : 'refused', dla_evidence: claim.dlaEvidence, amount_pence: decision.paid ? claim.amountPence : null, reason: decision.paid ? null : decision.reason, recorded_by: ctx.user.id, recorded_at: now }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.ip, { action: decision.paid ? 'inclusion_daf.paid' : 'inclusion_daf.refused', recordType: 'inclusion_child', recordId: child.id, details: { claim: row.id, urn: claim.urn, year: decision.financialYear } });
    return decision;
  });
}

/** The register: every claim of the LA, newest first, with the child's name while their record is kept. */
export async function dafRegister(ctx: ActionContext) {
  return ctx.tenant.selectFrom('inclusion_daf_claims')
    .innerJoin('providers', 'providers.urn', 'inclusion_daf_claims.urn')
    .leftJoin('inclusion_children', 'inclusion_children.id', 'inclusion_daf_claims.child_id')
    .select(['inclusion_daf_claims.id', 'inclusion_daf_claims.child_id', 'inclusion_daf_claims.urn', 'financial_year', 'inclusion_daf_claims.status', 'dla_evidence', 'amount_pence', 'reason', 'recorded_at', 'providers.name as provider_name', 'inclusion_children.first_name', 'inclusion_children.last_name'])
    .orderBy('recorded_at', 'desc')
    .execute();
}
