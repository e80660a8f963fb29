import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { ConflictError } from '../../platform/errors.js';
import { formErrors, formValues, validateForm } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { actionStatusLabels, itemsFor, updateItem } from '../action-plans/repository.js';
import { ragFor } from '../action-plans/presenters.js';
import { appendAudit } from '../audit-log/repository.js';
import { actionAreas } from '../notes/schemas.js';
import { composeNote, loadNote } from '../notes/service.js';
import { visitName } from '../pathways/presenters.js';
import { cancelVisit, close } from '../pathways/service.js';
import { PathwayWrites, saveWrites } from '../pathways/writes.js';
import { latestOutcomeText } from '../providers/presenters.js';
import { calendar } from '../visits/ics.js';
import { visitEvent } from '../visits/invitations.js';
import * as repo from './repository.js';
import { actionPage } from './presenters.js';
import { evidenceFor } from '../evidence/repository.js';
import { documentsFor } from './documents.js';
import { auditsFor } from '../audits/repository.js';

const permission: Permission = 'portal:view';
type UrnParams = { Params: { urn: string } };
type ItemParams = { Params: { urn: string; id: string } };

const plainPathway: Record<string, string> = {
  requires_improvement: 'Because Ofsted said your setting requires improvement, we are working with you to help you get to Good.',
  inadequate: 'Because Ofsted judged your setting inadequate, we are working closely with you to make the changes needed quickly.',
  new_registration: 'Because your setting is newly registered, we are supporting you until your first Ofsted inspection.',
};
const text = (label: string, max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, `Enter ${label}`).max(max, `This must be ${max} characters or fewer`));
const updateSchema = z.object({ status: z.enum(['not_started', 'in_progress', 'done'], { error: 'Choose how it is going' }), comment: text('what you have done', 2000) });
const reasonSchema = z.object({ reason: text('the reason', 2000) });

/** The provider portal: a setting's own record, support, visits, notes and action plan. */
export function portalRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get('/portal', { config: { permission } }, async (request, reply) => {
      const settings = await repo.linkedProviders(ctxOf(request).tenant);
      if (settings.length === 1) return reply.redirect(`/portal/${settings[0]!.urn}`, 303);
      return render(request, reply, 'portal/views/list.njk', { settings });
    });

    app.get('/portal/help/positive-practice-tool', { config: { permission } }, async (request, reply) => render(request, reply, 'portal/views/help.njk'));

    app.get<UrnParams>('/portal/:urn', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await repo.ownProvider(ctx.tenant, request.params.urn);
      const today = londonDate(ctx.clock.now());
      const [outcome, pathway, visits, notes, items, documents, pendingContact] = await Promise.all([
        repo.latestOutcome(ctx.tenant, provider.urn),
        repo.runningPathway(ctx.tenant, provider.urn),
        repo.upcomingVisits(ctx.tenant, provider.urn, ctx.clock.now()),
        repo.sentNotes(ctx.tenant, provider.urn),
        itemsFor(ctx.tenant, provider.urn),
        documentsFor(ctx.tenant, provider.urn),
        repo.pendingContactRequest(ctx.tenant, provider.urn),
      ]);
      const sharedAudits = (await auditsFor(ctx.tenant, provider.urn, true)).slice(0, 5);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.viewed', recordType: 'provider', recordId: provider.urn });
      const open = items.filter((i) => i.status === 'not_started' || i.status === 'in_progress');
      return render(request, reply, 'portal/views/setting.njk', {
        provider,
        outcomeText: latestOutcomeText(outcome ?? null),
        pathway: pathway ? { ...pathway, plain: plainPathway[pathway.kind] ?? '' } : null,
        visits: visits.map((v) => ({ ...v, label: visitName(v) })),
        notes,
        items: items.map((i) => ({ ...i, rag: ragFor(i, today) })),
        openCount: open.length,
        overdueCount: open.filter((i) => i.due_date !== null && i.due_date < today).length,
        actionStatusLabels,
        actionAreas,
        documents,
        pendingContact,
        sharedAudits,
      });
    });

    app.get<ItemParams>('/portal/:urn/visits/:id/calendar.ics', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await repo.ownProvider(ctx.tenant, request.params.urn);
      const visit = await repo.ownVisit(ctx.tenant, provider.urn, request.params.id);
      const found = await visitEvent(ctx.tenant, visit.id);
      if (!found) throw new ConflictError('This visit has no date yet');
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="visit.ics"').header('cache-control', 'no-store').send(calendar([found.event], { method: 'PUBLISH', now: ctx.clock.now() }));
    });

    /** Confirm, cancel or ask to rearrange a booked visit. */
    app.post<ItemParams>('/portal/:urn/visits/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await repo.ownProvider(ctx.tenant, request.params.urn);
      const visit = await repo.ownVisit(ctx.tenant, provider.urn, request.params.id);
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

    app.get<ItemParams>('/portal/:urn/notes/:id/pdf', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await repo.ownProvider(ctx.tenant, request.params.urn);
      await repo.ownSentNote(ctx.tenant, provider.urn, request.params.id);
      const note = await loadNote(ctx.tenant, request.params.id);
      const { pdf, visitDate } = await composeNote(ctx.tenant, note, londonDate(note.sent_at ?? ctx.clock.now()));
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.note_downloaded', recordType: 'note_of_visit', recordId: note.id });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="note-of-visit-${provider.urn}-${visitDate}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });

    const itemPage = async (request: FastifyRequest<ItemParams>) => {
      const ctx = ctxOf(request);
      const provider = await repo.ownProvider(ctx.tenant, request.params.urn);
      const item = await repo.ownActionItem(ctx.tenant, provider.urn, request.params.id);
      return { provider, item, page: actionPage(provider, item) };
    };
    app.get<ItemParams>('/portal/:urn/actions/:id', { config: { permission } }, async (request, reply) => {
      const { page, item } = await itemPage(request);
      return render(request, reply, 'portal/views/action.njk', { ...page, item, files: await evidenceFor(ctxOf(request).tenant, item.id), values: { status: item.status } });
    });
    app.post<ItemParams>('/portal/:urn/actions/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { page, item, provider } = await itemPage(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateForm(updateSchema, body);
      if (!form.ok) return render(request, reply, 'portal/views/action.njk', { ...page, item, files: await evidenceFor(ctx.tenant, item.id), values: formValues(body), errors: form.errors }, 400);
      await updateItem(ctx.tenant, item.id, form.value.status, form.value.comment, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.action_updated', recordType: 'provider', recordId: provider.urn, details: { item: item.id, status: form.value.status } });
      setFlash(reply, 'Thank you: your adviser can see your update');
      return reply.redirect(`/portal/${provider.urn}`, 303);
    });

    const declinePage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await repo.ownProvider(ctx.tenant, request.params.urn);
      const pathway = await repo.runningPathway(ctx.tenant, provider.urn);
      if (!pathway) throw new ConflictError('Your setting has no support to decline');
      return { ctx, provider, pathway, page: {
        title: 'Decline support', caption: provider.name ?? 'Your setting', action: `/portal/${provider.urn}/decline-support`, backHref: `/portal/${provider.urn}`,
        intro: 'If you decline support from the local authority, we must tell Ofsted. Your adviser will contact you. You can ask for support again at any time.',
        fields: [{ type: 'textarea', name: 'reason', label: 'Why do you not want support?' }],
        submitText: 'Decline support and tell Ofsted', submitClasses: 'govuk-button--warning',
      } };
    };
    app.get<UrnParams>('/portal/:urn/decline-support', { config: { permission } }, async (request, reply) => render(request, reply, 'components/action-form.njk', { ...(await declinePage(request)).page, values: {} }));
    app.post<UrnParams>('/portal/:urn/decline-support', { config: { permission } }, async (request, reply) => {
      const { ctx, provider, pathway, page } = await declinePage(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateForm(reasonSchema, body);
      if (!form.ok) return render(request, reply, 'components/action-form.njk', { ...page, values: formValues(body), errors: form.errors ?? formErrors([]) }, 400);
      await close(ctx, pathway.id, `Support declined by the setting through the portal. ${form.value.reason}`, true);
      setFlash(reply, 'You have declined support. We will tell Ofsted, and your adviser will contact you.');
      return reply.redirect(`/portal/${provider.urn}`, 303);
    });
  };
}
