import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { ConflictError } from '../../platform/errors.js';
import { formErrors, formValues, requiredText, validateForm } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { close } from './service.js';

/* A setting's support pathway as the setting sees it in the portal: in plain words, and a way to decline it. */

const permission: Permission = 'portal:view';
type UrnParams = { Params: { urn: string } };

const plainPathway: Record<string, string> = {
  requires_improvement: 'Because Ofsted said your setting requires improvement, we are working with you to help you get to Good.',
  inadequate: 'Because Ofsted judged your setting inadequate, we are working closely with you to make the changes needed quickly.',
  new_registration: 'Because your setting is newly registered, we are supporting you until your first Ofsted inspection.',
};
const reasonSchema = z.object({ reason: requiredText('the reason', 2000) });

/** The running support pathway (not the Annual Conversation), with the adviser the setting may contact. */
async function runningPathway(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('pathways')
    .leftJoin('users as a', 'a.id', 'pathways.adviser_id')
    .select(['pathways.id', 'pathways.kind', 'pathways.started_at', 'pathways.cadence', 'a.name as adviser_name', 'a.email as adviser_email'])
    .where('pathways.urn', '=', urn)
    .where('pathways.status', '=', 'active')
    .where('pathways.kind', '<>', 'good_or_better')
    .executeTakeFirst();
}

export function contributePortalSupport(): void {
  portalPage.sections.add('support', {
    async load(ctx, provider) {
      const pathway = await runningPathway(ctx.tenant, provider.urn);
      return { template: 'pathways/views/portal-support.njk', data: { pathway: pathway ? { ...pathway, plain: plainPathway[pathway.kind] ?? '' } : null } };
    },
  }, 10);
}

export function portalSupportRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const declinePage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const pathway = await runningPathway(ctx.tenant, provider.urn);
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
