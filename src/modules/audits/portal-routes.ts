import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { render } from '../../platform/views.js';
import { ownProvider } from '../portal/index.js';
import { registerAuditPages } from './pages.js';
import { kindLabels } from './presenters.js';
import { auditsFor, getAudit } from './repository.js';
import { allowsKind, startAudit } from './service.js';
import { currentAuditTemplates } from './templates.js';

type UrnParams = { Params: { urn: string } };

/** In the portal: the audits staff shared with the setting, and its own self-assessments. */
export function portalAuditRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const listPage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const [templates, audits] = await Promise.all([currentAuditTemplates(ctx.tenant), auditsFor(ctx.tenant, provider.urn, true)]);
      return {
        ctx, provider, audits, kindLabels,
        templates: templates.filter((t) => allowsKind(t.definition, 'self')).map((t) => ({ value: t.id, text: t.name })),
      };
    };
    app.get<UrnParams>('/portal/:urn/audits', { config: { permission: 'portal:view' } }, async (request, reply) => render(request, reply, 'audits/views/portal-list.njk', await listPage(request)));
    app.post<UrnParams>('/portal/:urn/audits', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const page = await listPage(request);
      const templateId = String((request.body as Record<string, unknown> | undefined)?.templateId ?? '');
      if (!page.templates.some((t) => t.value === templateId)) return render(request, reply, 'audits/views/portal-list.njk', { ...page, errors: formErrors([['templateId', 'Choose a self-assessment']]) }, 400);
      const id = await startAudit(page.ctx, { urn: page.provider.urn, templateId, visitId: null, kind: 'self' });
      return reply.redirect(`/portal/${page.provider.urn}/audits/${id}/sections/1`, 303);
    });

    registerAuditPages(app, '/portal/:urn/audits/:id', 'portal:view', deps.uploadsDir, async (request) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn ?? '');
      const audit = await getAudit(ctx.tenant, request.params.id ?? '', provider.urn);
      // a staff audit is the setting's to read only once staff share it
      if (audit.kind === 'staff' && !audit.shared_at) throw new NotFoundError();
      return { ctx, audit, urn: provider.urn, base: `/portal/${provider.urn}/audits/${audit.id}`, backHref: `/portal/${provider.urn}/audits`, canEdit: audit.kind === 'self', fileHref: `/portal/${provider.urn}/evidence/` };
    });
  };
}
