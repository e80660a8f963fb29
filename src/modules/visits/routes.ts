import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { TenantDb } from '../../db/tenant.js';
import { calendar } from './ics.js';
import { visitEvent, visitEvents } from './invitations.js';

const view: Permission = 'pathways:view';
const account: Permission = 'account:manage';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Calendar files: one visit's .ics, and each member of staff's own feed at a secret, revocable address. */
/** `publicBaseUrl` (PUBLIC_BASE_URL) begins the calendar-feed address, never the request's Host header. */
export function visitCalendarRoutes(deps: { db: Kysely<DB>; clock: Clock; publicBaseUrl: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const ics = (body: string) => ({ 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store', body });

  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>('/visits/:id/calendar.ics', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const found = await visitEvent(ctx.tenant, request.params.id);
      if (!found) throw new NotFoundError();
      const file = ics(calendar([found.event], { method: 'PUBLISH', now: ctx.clock.now() }));
      return reply.header('content-type', file['content-type']).header('cache-control', file['cache-control']).header('content-disposition', 'attachment; filename="visit.ics"').send(file.body);
    });

    app.get('/account/calendar', { config: { permission: account } }, async (request, reply) => {
      const me = await ctxOf(request).tenant.selectFrom('users').select('calendar_token_hash').where('id', '=', request.user!.id).executeTakeFirstOrThrow();
      return render(request, reply, 'visits/views/calendar-feed.njk', { hasFeed: me.calendar_token_hash !== null, feedUrl: null });
    });
    app.post('/account/calendar', { config: { permission: account } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const token = randomBytes(24).toString('base64url');
      await ctx.tenant.updateTable('users').set({ calendar_token_hash: hash(token) }).where('id', '=', ctx.user.id).execute();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'calendar_feed.created', recordType: 'user', recordId: ctx.user.id });
      const feedUrl = `${deps.publicBaseUrl.replace(/\/$/, '')}/calendar/${token}.ics`;
      return render(request, reply, 'visits/views/calendar-feed.njk', { hasFeed: true, feedUrl });
    });
    app.post('/account/calendar/revoke', { config: { permission: account } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await ctx.tenant.updateTable('users').set({ calendar_token_hash: null }).where('id', '=', ctx.user.id).execute();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'calendar_feed.revoked', recordType: 'user', recordId: ctx.user.id });
      setFlash(reply, 'Calendar address turned off. Calendars using it will stop updating.');
      return reply.redirect('/account/calendar', 303);
    });

    // The feed is fetched by calendar programs, which cannot sign in: the secret address is the key.
    app.get<{ Params: { token: string } }>('/calendar/:token', { config: { permission: 'public' } }, async (request, reply) => {
      const token = request.params.token.replace(/\.ics$/, '');
      const user = token.length >= 20 ? await deps.db.selectFrom('users').select(['id', 'la_code', 'role', 'name', 'active']).where('calendar_token_hash', '=', hash(token)).executeTakeFirst() : undefined;
      if (!user || !user.active) throw new NotFoundError();
      const tenant = new TenantDb(deps.db, { laCode: user.la_code, userId: user.id, role: user.role });
      const from = new Date(deps.clock.now().getTime() - 30 * 86_400_000);
      const visits = await tenant
        .selectFrom('visits')
        .select('id')
        .where('status', 'in', ['booked', 'done'])
        .where('booked_for', '>=', from)
        .where((eb) => eb.or([eb('adviser_id', '=', user.id), eb(sql<string>`${user.id}::uuid`, '=', sql<string>`any(accompanying)`), ...(user.role === 'manager' ? [eb('with_sia', '=', true)] : [])]))
        .orderBy('booked_for')
        .limit(500)
        .execute();
      const events = (await visitEvents(tenant, visits.map((v) => v.id))).map((found) => found.event);
      const body = calendar(events, { method: 'PUBLISH', name: `EY Hub visits: ${user.name}`, now: deps.clock.now() });
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'no-store').send(body);
    });
  };
}
