import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TenantDb } from '../../db/tenant.js';
import type { ActionStatus, DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formValues, requiredText, validateForm } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { evidenceFor } from '../evidence/index.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { actionAreas } from './areas.js';
import { ragFor } from './presenters.js';
import { actionStatusLabels, itemsFor, updateItem } from './repository.js';

/* A setting's action plan in the portal: its actions, and updating one (status, what was done, evidence). */

const permission: Permission = 'portal:view';
type ItemParams = { Params: { urn: string; id: string } };
const updateSchema = z.object({ status: z.enum(['not_started', 'in_progress', 'done'], { error: 'Choose how it is going' }), comment: requiredText('what you have done', 2000) });

/** One of the setting's own actions; otherwise NotFoundError. */
export async function ownActionItem(tenant: TenantDb, urn: string, itemId: string) {
  const item = await tenant.selectFrom('action_plan_items').select(['id', 'urn', 'action', 'area', 'due_date', 'status', 'success_criteria']).where('id', '=', itemId).where('urn', '=', urn).executeTakeFirst();
  if (!item) throw new NotFoundError();
  return item;
}

/** The portal's "Update an action" page (status, comment; evidence is added below it). */
export function actionPage(provider: { urn: string; name: string | null }, item: { id: string; action: string }) {
  return {
    title: 'Update an action', caption: provider.name ?? 'Your setting', action: `/portal/${provider.urn}/actions/${item.id}`, backHref: `/portal/${provider.urn}`,
    intro: item.action, submitText: 'Save',
    fields: [
      { type: 'radios', name: 'status', label: 'How is it going?', items: (['not_started', 'in_progress', 'done'] as ActionStatus[]).map((s) => ({ value: s, text: actionStatusLabels[s] })) },
      { type: 'textarea', name: 'comment', label: 'What have you done?', hint: 'Your adviser reads this. Say what you did and what it changed.' },
    ],
  };
}

export function contributePortalActionPlan(): void {
  portalPage.sections.add('action-plan', {
    async load(ctx, provider) {
      const today = londonDate(ctx.clock.now());
      const items = (await itemsFor(ctx.tenant, provider.urn)).map((i) => ({ ...i, rag: ragFor(i, today) }));
      const open = items.filter((i) => i.status === 'not_started' || i.status === 'in_progress');
      return {
        template: 'action-plans/views/portal-plan.njk',
        data: { items, openCount: open.length, overdueCount: open.filter((i) => i.due_date !== null && i.due_date < today).length, actionStatusLabels, actionAreas },
        nextSteps: open.map((i) => ({ title: { text: i.action }, hint: { text: i.due_date ? `Due ${formatDate(i.due_date)}` : '' }, href: `/portal/${provider.urn}/actions/${i.id}`, status: { tag: { text: i.rag.text, classes: i.rag.classes } } })),
      };
    },
  }, 30);
}

export function portalActionRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const itemPage = async (request: FastifyRequest<ItemParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const item = await ownActionItem(ctx.tenant, provider.urn, request.params.id);
      return { provider, item, page: actionPage(provider, item) };
    };
    app.get<ItemParams>('/portal/:urn/actions/:id', { config: { permission } }, async (request, reply) => {
      const { page, item, provider } = await itemPage(request);
      await appendAudit(ctxOf(request).tenant, ctxOf(request).ip, { action: 'portal.action_viewed', recordType: 'provider', recordId: provider.urn, details: { item: item.id } });
      return render(request, reply, 'action-plans/views/portal-action.njk', { ...page, item, files: await evidenceFor(ctxOf(request).tenant, item.id), values: { status: item.status } });
    });
    app.post<ItemParams>('/portal/:urn/actions/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { page, item, provider } = await itemPage(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateForm(updateSchema, body);
      if (!form.ok) return render(request, reply, 'action-plans/views/portal-action.njk', { ...page, item, files: await evidenceFor(ctx.tenant, item.id), values: formValues(body), errors: form.errors }, 400);
      await updateItem(ctx.tenant, item.id, form.value.status, form.value.comment, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.action_updated', recordType: 'provider', recordId: provider.urn, details: { item: item.id, status: form.value.status } });
      setFlash(reply, 'Thank you: your adviser can see your update');
      return reply.redirect(`/portal/${provider.urn}`, 303);
    });
  };
}
