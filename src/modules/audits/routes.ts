import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { dueInWeeks, englandCalendar } from '../../platform/calendar.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { dueWeekOptions } from '../action-plans/index.js';
import { visitName } from '../pathways/index.js';
import { getProvider } from '../providers/index.js';
import { registerAuditPages } from './pages.js';
import { comparison, kindLabels, spreadReport, trend } from './presenters.js';
import { auditsFor, completedOf, getAudit, sectionSpread } from './repository.js';
import { addAuditActions, allowsKind, reviewSelfAssessment, shareAudit, startAudit } from './service.js';
import { currentAuditTemplates, suggestedTemplate } from './templates.js';

const work: Permission = 'audits:work';
type UrnParams = { Params: { urn: string }; Querystring: { visit?: string } };
type IdParams = { Params: { id: string } };

/** Staff audits: start (on its own or from a visit), answer, complete, share, raise actions, compare, trends, LA report. */
export function auditRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const providerPage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      const [templates, audits, visits] = await Promise.all([
        currentAuditTemplates(ctx.tenant),
        auditsFor(ctx.tenant, provider.urn),
        ctx.tenant.selectFrom('visits').select(['id', 'visit_type', 'number', 'focus', 'status', 'planned_date', 'booked_for', 'done_on', 'cancelled_by', 'cancelled_on']).where('urn', '=', provider.urn).where('status', 'in', ['planned', 'booked', 'done']).orderBy('planned_date').execute(),
      ]);
      const visit = visits.find((v) => v.id === request.query.visit);
      const suggested = suggestedTemplate(templates, visit?.focus);
      return {
        ctx, provider, audits, kindLabels,
        templates: templates.filter((t) => allowsKind(t.definition, 'staff')).map((t) => ({ value: t.id, text: t.name, checked: t.id === suggested?.id, hint: { text: t.definition.description.slice(0, 160) + (t.definition.description.length > 160 ? '…' : '') } })),
        visits: [{ value: '', text: 'Not part of a visit' }, ...visits.map((v) => ({ value: v.id, text: `${visitName(v)}${v.booked_for ? ` (${v.status === 'done' ? 'done' : 'booked'})` : ''}`, selected: v.id === visit?.id }))],
        visit, suggested,
        trends: [...new Set(audits.filter((a) => a.status === 'completed' && a.kind === 'staff').map((a) => a.template_key))].map((key) => ({ key, name: audits.find((a) => a.template_key === key)!.template.name })),
      };
    };
    app.get<UrnParams>('/providers/:urn/audits', { config: { permission: work } }, async (request, reply) => render(request, reply, 'audits/views/provider.njk', await providerPage(request)));
    app.post<UrnParams>('/providers/:urn/audits', { config: { permission: work } }, async (request, reply) => {
      const page = await providerPage(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const templateId = typeof body.templateId === 'string' ? body.templateId : '';
      if (!page.templates.some((t) => t.value === templateId)) return render(request, reply, 'audits/views/provider.njk', { ...page, errors: formErrors([['templateId', 'Choose which audit to do']]) }, 400);
      const visitId = typeof body.visitId === 'string' && body.visitId ? body.visitId : null;
      const id = await startAudit(page.ctx, { urn: page.provider.urn, templateId, visitId, kind: 'staff' });
      return reply.redirect(`/audits/${id}/sections/1`, 303);
    });

    app.get<{ Params: { urn: string; key: string } }>('/providers/:urn/audits/trend/:key', { config: { permission: work } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      const audits = await completedOf(ctx.tenant, provider.urn, request.params.key);
      if (!audits.length) throw new NotFoundError();
      return render(request, reply, 'audits/views/trend.njk', { provider, name: audits[0]!.template.name, trend: trend(audits) });
    });

    registerAuditPages(app, '/audits/:id', work, deps.uploadsDir, async (request) => {
      const ctx = ctxOf(request);
      const audit = await getAudit(ctx.tenant, request.params.id ?? '');
      return { ctx, audit, base: `/audits/${audit.id}`, backHref: `/providers/${audit.urn}/audits`, canEdit: audit.kind === 'staff', fileHref: '/evidence/' };
    }, async (r) => {
      const other = (await completedOf(r.ctx.tenant, r.audit.urn, r.audit.template_key, r.audit.kind === 'staff' ? 'self' : 'staff')).at(-1);
      return { isStaff: true, compareWith: other?.id ?? null };
    });

    app.post<IdParams>('/audits/:id/share', { config: { permission: work } }, async (request, reply) => {
      await shareAudit(ctxOf(request), request.params.id);
      setFlash(reply, 'Shared with the setting: they can read it in their portal');
      return reply.redirect(`/audits/${request.params.id}`, 303);
    });

    app.post<IdParams>('/audits/:id/review', { config: { permission: work } }, async (request, reply) => {
      const comment = String((request.body as Record<string, unknown> | undefined)?.comment ?? '').trim().slice(0, 2000);
      await reviewSelfAssessment(ctxOf(request), request.params.id, comment);
      setFlash(reply, 'Review recorded');
      return reply.redirect(`/audits/${request.params.id}`, 303);
    });

    app.post<IdParams>('/audits/:id/actions', { config: { permission: work } }, async (request, reply) => {
      await getAudit(ctxOf(request).tenant, request.params.id); // not found before anything else
      const body = (request.body ?? {}) as Record<string, unknown>;
      const items = ([] as unknown[]).concat(body.items ?? []).filter((v): v is string => typeof v === 'string');
      const weeks = Number(body.dueWeeks);
      const due = (dueWeekOptions as readonly number[]).includes(weeks) ? dueInWeeks(londonDate(deps.clock.now()), weeks, englandCalendar()) : null;
      if (!items.length) {
        setFlash(reply, 'Choose at least one item to add to the action plan: nothing was added');
        return reply.redirect(`/audits/${request.params.id}#actions`, 303);
      }
      const added = await addAuditActions(ctxOf(request), request.params.id, items, due);
      setFlash(reply, added === 1 ? '1 action added to the action plan' : `${added} actions added to the action plan`);
      return reply.redirect(`/audits/${request.params.id}`, 303);
    });

    app.get<IdParams & { Querystring: { with?: string } }>('/audits/:id/compare', { config: { permission: work } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const audit = await getAudit(ctx.tenant, request.params.id);
      const other = request.query.with ? await getAudit(ctx.tenant, request.query.with, audit.urn) : (await completedOf(ctx.tenant, audit.urn, audit.template_key, audit.kind === 'staff' ? 'self' : 'staff')).at(-1);
      if (!other || other.template_key !== audit.template_key) throw new ConflictError('There is nothing of the same kind to compare with yet');
      return render(request, reply, 'audits/views/compare.njk', { audit, comparison: comparison(audit, other) });
    });

    app.get<{ Querystring: { template?: string } }>('/audit-reports', { config: { permission: 'audits:report' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const templates = await currentAuditTemplates(ctx.tenant);
      const chosen = templates.find((t) => t.key === request.query.template) ?? templates.find((t) => t.key === 'sstew') ?? templates[0]!;
      const spread = await sectionSpread(ctx.tenant, chosen.key);
      const report = spreadReport(chosen.definition, spread.providers, spread.sections);
      return render(request, reply, 'audits/views/report.njk', { templates: templates.map((t) => ({ value: t.key, text: t.name, selected: t.key === chosen.key })), chosen, report });
    });
  };
}
