import type { ActionContext } from '../../platform/context.js';
import { appendAudit } from '../audit-log/index.js';
import { publishFrom } from '../../platform/events.js';

/*
 * Ofsted's data lags: staff can record an outcome or an enforcement event by
 * hand. It is marked as entered by staff and becomes a change record like an
 * imported one, so the support-pathway engine sees it too.
 */

export interface StaffInspection {
  urn: string;
  kind: 'full' | 'ncor' | 'ccr';
  date: string;
  overall: string | null;
  reportCard: Record<string, string> | null;
  safeguardingMet: boolean | null;
}

export async function recordInspection(ctx: ActionContext, input: StaffInspection): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const previous = await tx
      .selectFrom('inspections')
      .select(['overall', 'inspection_date', 'framework', 'report_card'])
      .where('urn', '=', input.urn)
      .where('kind', '=', input.kind)
      .orderBy('inspection_date', 'desc')
      .executeTakeFirst();
    const framework = input.reportCard ? 'Report card (renewed framework)' : input.kind === 'full' ? (input.date >= '2019-09-01' ? 'Education inspection framework (EIF)' : 'Earlier framework') : input.kind === 'ncor' ? 'No children on roll' : 'Childcare Register';
    const row = await tx
      .insertInto('inspections', {
        urn: input.urn,
        kind: input.kind,
        inspection_date: input.date,
        inspection_type: 'Entered by staff',
        framework,
        overall: input.overall,
        report_card: input.reportCard ? JSON.stringify(input.reportCard) : null,
        safeguarding_effective: input.safeguardingMet,
        source: 'staff',
        entered_by: ctx.user.id,
      })
      .onConflict((oc) => oc.columns(['urn', 'kind', 'inspection_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return;
    if (!previous || previous.inspection_date < input.date) {
      const change = await tx
        .insertInto('ofsted_changes', {
          urn: input.urn,
          change_type: 'new_inspection_outcome',
          detected_at: ctx.clock.now(),
          event_date: input.date,
          framework,
          from_value: previous?.overall ?? null,
          to_value: input.overall ?? 'report card',
          details: JSON.stringify({ kind: input.kind, report_card: input.reportCard, safeguarding_effective: input.safeguardingMet, previous_report_card: previous?.report_card ?? null, entered_by_staff: true }),
          source: 'staff',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await publishFrom(tx, ctx.clock.now(), 'register.changes-recorded', { changes: { changeIds: [change.id], laCode: tx.scope.laCode } });
    }
    await appendAudit(tx, ctx.ip, { action: 'inspection.entered', recordType: 'provider', recordId: input.urn, details: { date: input.date, overall: input.overall } });
  });
}

export async function recordEnforcement(ctx: ActionContext, input: { urn: string; eventType: string; date: string; details: string | null }): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const row = await tx
      .insertInto('enforcement_events', { urn: input.urn, event_type: input.eventType, event_date: input.date, details: input.details, source: 'staff', entered_by: ctx.user.id })
      .onConflict((oc) => oc.columns(['urn', 'event_type', 'event_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return;
    const change = await tx
      .insertInto('ofsted_changes', {
        urn: input.urn,
        change_type: 'enforcement',
        detected_at: ctx.clock.now(),
        event_date: input.date,
        to_value: input.eventType,
        details: JSON.stringify({ details: input.details, entered_by_staff: true }),
        source: 'staff',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await publishFrom(tx, ctx.clock.now(), 'register.changes-recorded', { changes: { changeIds: [change.id], laCode: tx.scope.laCode } });
    await appendAudit(tx, ctx.ip, { action: 'enforcement.entered', recordType: 'provider', recordId: input.urn, details: { type: input.eventType, date: input.date } });
  });
}
