import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ActionStatus, DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { changedWhileEditing, conflictErrors, EditConflictError, postedVersion } from '../../platform/edit-conflict.js';
import { toCsv } from '../../platform/csv.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { actionAreas } from './areas.js';
import { getProvider } from '../providers/index.js';
import { actionPlanPdf } from './pdf.js';
import { ragFor } from './presenters.js';
import { evidenceFor } from '../evidence/index.js';
import { documentsFor } from '../portal/index.js';
import { lastLook, recordLook, settingActivity } from '../portal/index.js';
import { actionStatusLabels, addItems, getItem, itemHistory, itemsFor, sourceLabels, updateItem } from './repository.js';

const view: Permission = 'action-plans:view';
type UrnParams = { Params: { urn: string } };
type IdParams = { Params: { id: string } };

const text = (label: string, max: number, required: boolean) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), required ? z.string().min(1, `Enter ${label}`).max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`) : z.string().max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`));
const itemSchema = z.object({
  source: z.enum(Object.keys(sourceLabels) as [string, ...string[]], { error: 'Select where the action comes from' }),
  area: z.enum(Object.keys(actionAreas) as [string, ...string[]], { error: 'Select the area' }),
  action: text('the action', 1000, true),
  successCriteria: text('how you will know it is done', 1000, false),
  owner: text('who is responsible', 200, false),
});
const updateSchema = z.object({
  status: z.enum(Object.keys(actionStatusLabels) as [ActionStatus, ...ActionStatus[]], { error: 'Select the status' }),
  comment: text('a comment', 2000, false),
});

export function actionPlanRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  async function provider(request: FastifyRequest<UrnParams>) {
    const p = await getProvider(ctxOf(request).tenant, request.params.urn);
    if (!p) throw new NotFoundError();
    return p;
  }
  const options = {
    sources: [{ value: '', text: 'Select a source' }, ...Object.entries(sourceLabels).map(([value, text]) => ({ value, text }))],
    areas: [{ value: '', text: 'Select an area' }, ...Object.entries(actionAreas).map(([value, text]) => ({ value, text }))],
  };

  return async (app: FastifyInstance) => {
    app.get<UrnParams>('/providers/:urn/action-plan', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const p = await provider(request);
      const today = londonDate(ctx.clock.now());
      const [rows, seen, activity, documents] = await Promise.all([itemsFor(ctx.tenant, p.urn), lastLook(ctx.tenant, p.urn), settingActivity(ctx.tenant, p.urn), documentsFor(ctx.tenant, p.urn)]);
      const isNew = (at: Date | undefined) => at !== undefined && (seen === null || at > seen);
      const items = rows.map((i) => ({ ...i, rag: ragFor(i, today), changedBySetting: isNew(activity.get(i.id)) }));
      const newDocuments = documents.flatMap((d) => d.versions.filter((v) => isNew(v.created_at)).map((v) => ({ ...v, title: d.title })));
      await recordLook(ctx.tenant, p.urn, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'action_plan.viewed', recordType: 'provider', recordId: p.urn });
      return render(request, reply, 'action-plans/views/plan.njk', {
        provider: p, items, actionStatusLabels, sourceLabels, actionAreas, overdue: items.filter((i) => i.rag.text === 'Overdue').length,
        seen, changed: items.filter((i) => i.changedBySetting).length, newDocuments, documentCount: documents.reduce((n, d) => n + d.versions.length, 0),
      });
    });

    app.get<UrnParams>('/providers/:urn/action-plan.csv', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const p = await provider(request);
      const items = await itemsFor(ctx.tenant, p.urn);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'action_plan.exported', recordType: 'provider', recordId: p.urn });
      const csv = toCsv(['Area', 'Action', 'Source', 'Success criteria', 'Owner', 'Due date', 'Status', 'Latest comment'], items.map((i) => [actionAreas[i.area as keyof typeof actionAreas] ?? i.area, i.action, sourceLabels[i.source] ?? i.source, i.success_criteria, i.owner, i.due_date, actionStatusLabels[i.status], i.last_comment]));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="action-plan-${p.urn}.csv"`).header('cache-control', 'no-store').send(csv);
    });

    app.get<UrnParams>('/providers/:urn/action-plan.pdf', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const p = await provider(request);
      const today = londonDate(ctx.clock.now());
      const la = await ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', ctx.tenant.scope.laCode).executeTakeFirstOrThrow());
      const items = await itemsFor(ctx.tenant, p.urn);
      const pdf = await actionPlanPdf({
        laName: la.name, providerName: p.name ?? 'Childminder', urn: p.urn, printedOn: today,
        items: items.map((i) => ({ area: actionAreas[i.area as keyof typeof actionAreas] ?? i.area, action: i.action, source: sourceLabels[i.source] ?? i.source, successCriteria: i.success_criteria, owner: i.owner, due: i.due_date, status: actionStatusLabels[i.status], rag: ragFor(i, today).text, lastComment: i.last_comment })),
      });
      await appendAudit(ctx.tenant, ctx.ip, { action: 'action_plan.exported', recordType: 'provider', recordId: p.urn, details: { format: 'pdf' } });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="action-plan-${p.urn}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });

    const newPage = (urn: string) => ({ urn, options });
    app.get<UrnParams>('/providers/:urn/action-plan/new', { config: { permission: view } }, async (request, reply) => {
      const p = await provider(request);
      return render(request, reply, 'action-plans/views/new.njk', { provider: p, ...newPage(p.urn), values: {} });
    });
    app.post<UrnParams>('/providers/:urn/action-plan', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const p = await provider(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = itemSchema.safeParse(body);
      const due = dateFromParts(body, 'due', 'due date', '', 'any');
      const problems: [string, string][] = parsed.success ? [] : parsed.error.issues.map((i) => [String(i.path[0]), i.message]);
      if (due.error) problems.push(['due-day', due.error]);
      if (!parsed.success || problems.length) {
        return render(request, reply, 'action-plans/views/new.njk', { provider: p, ...newPage(p.urn), values: formValues(body), errors: formErrors(problems) }, 400);
      }
      const v = parsed.data;
      await ctx.tenant.transaction(async (tx) => {
        await addItems(tx, [{ urn: p.urn, pathwayId: null, noteId: null, source: v.source, area: v.area, action: v.action, successCriteria: v.successCriteria, owner: v.owner, dueDate: due.value ?? null }], ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'action_plan.item_added', recordType: 'provider', recordId: p.urn });
      });
      setFlash(reply, 'Action added to the action plan');
      return reply.redirect(`/providers/${p.urn}/action-plan`, 303);
    });

    const itemPage = async (request: FastifyRequest<IdParams>) => {
      const ctx = ctxOf(request);
      const item = await getItem(ctx.tenant, request.params.id);
      if (!item) throw new NotFoundError();
      const p = await getProvider(ctx.tenant, item.urn);
      return { item, provider: p, history: await itemHistory(ctx.tenant, item.id), files: await evidenceFor(ctx.tenant, item.id), actionStatusLabels, sourceLabels, actionAreas, rag: ragFor(item, londonDate(ctx.clock.now())) };
    };
    app.get<IdParams>('/action-plan-items/:id', { config: { permission: view } }, async (request, reply) => {
      const page = await itemPage(request);
      await appendAudit(ctxOf(request).tenant, ctxOf(request).ip, { action: 'action_plan.item_viewed', recordType: 'provider', recordId: page.item.urn, details: { item: page.item.id } });
      return render(request, reply, 'action-plans/views/item.njk', { ...page, values: { status: page.item.status, version: String(page.item.version) } });
    });
    app.post<IdParams>('/action-plan-items/:id', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await itemPage(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = updateSchema.safeParse(body);
      const problems: [string, string][] = parsed.success ? [] : parsed.error.issues.map((i) => [String(i.path[0]), i.message]);
      if (parsed.success && parsed.data.status === 'dropped' && !parsed.data.comment) problems.push(['comment', 'Enter why the action is dropped']);
      if (!parsed.success || problems.length) return render(request, reply, 'action-plans/views/item.njk', { ...page, values: formValues(body), errors: formErrors(problems) }, 400);
      try {
        await updateItem(ctx.tenant, page.item.id, parsed.data.status, parsed.data.comment, ctx.clock.now(), postedVersion(body));
      } catch (error) {
        if (!(error instanceof EditConflictError)) throw error;
        // the page shows their update (status and history reloaded); yours stays in the form, now carrying their version
        const message = changedWhileEditing('action', error.byName, error.at, ctx.clock.now());
        return render(request, reply, 'action-plans/views/item.njk', { ...page, conflict: true, values: { ...formValues(body), version: String(error.version) }, errors: conflictErrors(message) }, 409);
      }
      await appendAudit(ctx.tenant, ctx.ip, { action: 'action_plan.item_updated', recordType: 'provider', recordId: page.item.urn, details: { item: page.item.id, status: parsed.data.status } });
      setFlash(reply, 'Action updated');
      return reply.redirect(`/providers/${page.item.urn}/action-plan`, 303);
    });
  };
}
