import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import type { Permission } from '../../platform/permissions.js';
import { render } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import * as repo from './repository.js';
import { portalPage } from './page.js';

const permission: Permission = 'portal:view';
type UrnParams = { Params: { urn: string } };

/** The provider portal: the settings a user may see, and each setting's page built from the modules' sections (./page.ts). */
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
      const sections = await portalPage.sections.render(ctx, provider);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.viewed', recordType: 'provider', recordId: provider.urn });
      return render(request, reply, 'portal/views/setting.njk', {
        provider,
        nextSteps: sections.flatMap((section) => section.nextSteps ?? []),
        sections: sections.filter((section) => section.template),
      });
    });
  };
}
