import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formatDateTime, londonDate } from '../../platform/dates.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { requiredText, validateForm } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { cancelVisit, PathwayWrites, saveWrites, visitName } from '../pathways/index.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { calendar } from './ics.js';
import { visitEvent } from './invitations.js';

/* A setting's booked visits in the portal: confirm, ask to rearrange, cancel, add to a calendar. */

const permission: Permission = 'portal:view';
type ItemParams = { Params: { urn: string; id: string } };
const reasonSchema = z.object({ reason: requiredText('the reason', 2000) });

async function upcomingVisits(tenant: TenantDb, urn: string, from: Date) {
  return tenant
    .selectFrom('visits')
    .leftJoin('users as a', 'a.id', 'visits.adviser_id')
    .select(['visits.id', 'visits.visit_type', 'visits.number', 'visits.status', 'visits.booked_for', 'visits.location', 'visits.planned_date', 'visits.done_on', 'visits.cancelled_by', 'visits.cancelled_on', 'a.name as adviser_name'])
    .where('visits.urn', '=', urn)
    .where('visits.status', '=', 'booked')
    .where('visits.booked_for', '>=', from)
    .orderBy('visits.booked_for')
    .execute();
}

async function ownVisit(tenant: TenantDb, urn: string, visitId: string) {
  const v = await tenant.selectFrom('visits').selectAll().where('id', '=', visitId).where('urn', '=', urn).executeTakeFirst();
  if (!v) throw new NotFoundError();
  return v;
}

export function contributePortalVisits(): void {
  portalPage.sections.add('visits', {
    async load(ctx, provider) {
      const visits = (await upcomingVisits(ctx.tenant, provider.urn, ctx.clock.now())).map((v) => ({ ...v, label: visitName(v) }));
      return {
        template: 'visits/views/portal-visits.njk',
        data: { visits },
        nextSteps: visits.map((v) => ({ title: { text: `Get ready for ${v.label.toLowerCase()} on ${formatDateTime(v.booked_for)}` }, href: `#visit-${v.id}`, status: { text: 'Booked' } })),
      };
    },
  }, 20);
}

export function portalVisitRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<ItemParams>('/portal/:urn/visits/:id/calendar.ics', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const visit = await ownVisit(ctx.tenant, provider.urn, request.params.id);
      const found = await visitEvent(ctx.tenant, visit.id);
      if (!found) throw new ConflictError('This visit has no date yet');
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="visit.ics"').header('cache-control', 'no-store').send(calendar([found.event], { method: 'PUBLISH', now: ctx.clock.now() }));
    });

    /** Confirm, cancel or ask to rearrange a booked visit. */
    app.post<ItemParams>('/portal/:urn/visits/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const visit = await ownVisit(ctx.tenant, provider.urn, request.params.id);
      if (visit.status !== 'booked') throw new ConflictError('This visit is not booked');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const choice = body.choice;
      if (choice !== 'confirm') {
        const form = validateForm(reasonSchema, body);
        if (!form.ok || (choice !== 'cancel' && choice !== 'rearrange')) {
          setFlash(reply, 'Tell us why, so we can plan: your answer was not sent');
          return reply.redirect(`/portal/${provider.urn}#visit-${visit.id}`, 303);
        }
        if (choice === 'cancel') {
          await cancelVisit(ctx, visit.id, { by: 'setting', reason: form.value.reason, date: londonDate(ctx.clock.now()) });
          setFlash(reply, 'The visit is cancelled. Your adviser will be in touch to plan the next one.');
          return reply.redirect(`/portal/${provider.urn}`, 303);
        }
        await ctx.tenant.transaction(async (tx) => {
          const writes = new PathwayWrites();
          writes.tasks.push(writes.taskRow(tx.scope.laCode, provider.urn, visit.pathway_id, `rule:rearrange:${visit.id}:${ctx.clock.now().toISOString()}`, `The setting asked to rearrange ${visitName(visit).toLowerCase()}: ${form.value.reason}`, 'adviser', visit.adviser_id, ctx.clock.now(), { dueDate: londonDate(ctx.clock.now()), dueAt: new Date(ctx.clock.now().getTime() + 2 * 86_400_000) }));
          await tx.forJob((db) => saveWrites(db, writes));
          await appendAudit(tx, ctx.ip, { action: 'portal.visit_rearrange_asked', recordType: 'visit', recordId: visit.id });
        });
        setFlash(reply, 'We have asked your adviser to find a new date with you');
        return reply.redirect(`/portal/${provider.urn}`, 303);
      }
      if (visit.pathway_id) {
        const writes = new PathwayWrites();
        writes.event(ctx.tenant.scope.laCode, visit.pathway_id, ctx.clock.now(), 'visit_confirmed', `The setting confirmed ${visitName(visit).toLowerCase()}`, ctx.user.id);
        await ctx.tenant.forJob((db) => saveWrites(db, writes));
      }
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.visit_confirmed', recordType: 'visit', recordId: visit.id });
      setFlash(reply, 'Thank you: the visit is confirmed');
      return reply.redirect(`/portal/${provider.urn}`, 303);
    });
  };
}
