import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formValues, type FormErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { ownProvider, portalPage } from '../portal/index.js';
import * as repo from './repository.js';
import { parseRecord } from './schemas.js';
import { record } from './service.js';

/* A setting's compliment or complaint in the portal (Kent §7: "please share this with the officer. Alternatively, please contact the relevant Manager"). */

const permission: Permission = 'portal:view';
type UrnParams = { Params: { urn: string } };

export function contributePortalComplaints(): void {
  portalPage.sections.add('complaints', {
    async load(_ctx, provider) {
      return { template: 'complaints/views/portal-section.njk', data: { href: `/portal/${provider.urn}/complaints/new` } };
    },
  }, 95);
}

export function portalComplaintRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const page = async (request: FastifyRequest<UrnParams>, reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      return render(request, reply, 'complaints/views/new.njk', { provider, staff: await repo.staffList(ctx.tenant), values, errors, action: `/portal/${provider.urn}/complaints`, askWho: false, backHref: `/portal/${provider.urn}` }, errors ? 400 : 200);
    };
    app.get<UrnParams>('/portal/:urn/complaints/new', { config: { permission } }, async (request, reply) => page(request, reply, {}));
    app.post<UrnParams>('/portal/:urn/complaints', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = parseRecord(body, (await repo.staffList(ctx.tenant)).map((s) => s.id), false);
      if (!form.ok) return page(request, reply, formValues(body), form.errors);
      const saved = await record(ctx.tenant, { ...form.value, fromName: `${ctx.user.name}, ${provider.name}`, fromEmail: ctx.user.email, source: 'portal', urn: provider.urn }, ctx.clock.now(), ctx.ip);
      setFlash(reply, saved.kind === 'complaint' ? 'Thank you: your complaint has been sent to the manager, who will acknowledge it' : 'Thank you: your compliment has been passed on');
      return reply.redirect(`/portal/${provider.urn}`, 303);
    });
  };
}
