import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { appendAudit } from '../audit-log/index.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { render, setFlash } from '../../platform/views.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { updateHtml } from './format.js';
import * as repo from './repository.js';

/* Provider updates in the portal (the archive) and the one-click unsubscribe from an update's e-mail. */

type UrnParams = { Params: { urn: string } };
type ItemParams = { Params: { urn: string; id: string } };
type TokenParams = { Params: { token: string } };

export function contributePortalUpdates(): void {
  portalPage.sections.add('updates', {
    async load(ctx) {
      return { template: 'bulletins/views/portal-section.njk', data: { latest: (await repo.listUpdates(ctx.tenant, true)).slice(0, 3) } };
    },
  }, 60);
}

export function portalUpdateRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<UrnParams>('/portal/:urn/updates', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      return render(request, reply, 'bulletins/views/portal-archive.njk', { provider, updates: await repo.listUpdates(ctx.tenant, true) });
    });
    app.get<ItemParams>('/portal/:urn/updates/:id', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const update = await repo.getUpdate(ctx.tenant, request.params.id, true);
      return render(request, reply, 'bulletins/views/portal-update.njk', { provider, update, html: updateHtml(update.body) });
    });

    const recipient = async (token: string) => {
      const row = token.length >= 32 ? await deps.db.selectFrom('bulletin_recipients').select(['la_code', 'email']).where('token', '=', token).executeTakeFirst() : undefined;
      if (!row) throw new NotFoundError('This unsubscribe link is not known. Check it was copied whole.');
      const done = await deps.db.selectFrom('bulletin_unsubscribes').select('at').where('la_code', '=', row.la_code).where('email', '=', row.email).executeTakeFirst();
      return { ...row, done: Boolean(done) };
    };
    app.get<TokenParams>('/updates/unsubscribe/:token', { config: { permission: 'public' } }, async (request, reply) => render(request, reply, 'bulletins/views/unsubscribe.njk', { who: await recipient(request.params.token) }));
    app.post<TokenParams>('/updates/unsubscribe/:token', { config: { permission: 'public' } }, async (request, reply) => {
      const who = await recipient(request.params.token);
      await deps.db.insertInto('bulletin_unsubscribes').values({ la_code: who.la_code, email: who.email, at: deps.clock.now() }).onConflict((oc) => oc.columns(['la_code', 'email']).doNothing()).execute();
      // the log names the address by a hash, not the address
      const tenant = new TenantDb(deps.db, { laCode: who.la_code, userId: '00000000-0000-0000-0000-000000000000', role: 'admin', userEmail: 'unsubscribe link' });
      await appendAudit(tenant, request.ip ?? null, { action: 'updates.unsubscribed', recordType: 'unsubscribe', recordId: createHash('sha256').update(who.email).digest('hex').slice(0, 16) });
      setFlash(reply, 'You will not get provider updates any more');
      return reply.redirect(`/updates/unsubscribe/${request.params.token}`, 303);
    });
  };
}
