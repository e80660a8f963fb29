import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { countResendable, getMessage, listMessages, resendFailed, resendMessage } from './repository.js';

/** Reading and resending e-mails: admins only (the messages hold children's and settings' details). */
const permission: Permission = 'outbox:view';
const statusLabels: Record<string, string> = { queued: 'Waiting to be sent', sending: 'Sending', sent: 'Sent', failed: 'Failed' };
type IdParams = { Params: { id: string } };

/** Admins see every e-mail EY Hub sends for their LA; without an SMTP server this is where they wait. */
export function outboxRoutes(deps: { db: Kysely<DB>; clock: Clock; smtpConfigured: boolean }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string | undefined> }>('/outbox', { config: { permission } }, async (request, reply) => {
      const page = parsePage(request.query.page);
      const status = Object.hasOwn(statusLabels, request.query.status ?? '') ? request.query.status : undefined;
      const q = (request.query.q ?? '').trim().slice(0, 100) || undefined;
      const tenant = ctxOf(request).tenant;
      const { rows, total } = await listMessages(tenant, { ...(status ? { status } : {}), ...(q ? { q } : {}) }, page.limit, page.offset);
      return render(request, reply, 'outbox/views/list.njk', {
        messages: rows,
        statusLabels,
        status,
        q,
        smtpConfigured: deps.smtpConfigured,
        resendable: await countResendable(tenant),
        statusItems: [{ value: '', text: 'Any status' }, ...Object.entries(statusLabels).map(([value, text]) => ({ value, text, selected: value === status }))],
        ...paginationView('/outbox', Object.fromEntries(Object.entries({ status, q }).filter(([, v]) => v)) as Record<string, string>, page.page, total, page.limit),
      });
    });
    app.get<IdParams>('/outbox/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const message = await getMessage(ctx.tenant, request.params.id);
      if (!message) throw new NotFoundError();
      // the body is personal data (a note of visit names children's needs, staff, the setting)
      await appendAudit(ctx.tenant, ctx.ip, { action: 'outbox.message_viewed', recordType: 'outbox_message', recordId: message.id });
      const attachments = (message.attachments as { filename: string; contentType: string; contentBase64: string }[]).map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: Math.round((a.contentBase64.length * 3) / 4) }));
      return render(request, reply, 'outbox/views/show.njk', { message, attachments, statusLabels });
    });
    app.post<IdParams>('/outbox/:id/resend', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const message = await getMessage(ctx.tenant, request.params.id);
      if (!message) throw new NotFoundError();
      const queued = await ctx.tenant.transaction(async (tx) => {
        const done = await resendMessage(tx, message.id, ctx.clock.now());
        if (done) await appendAudit(tx, ctx.ip, { action: 'outbox.resent', recordType: 'outbox_message', recordId: message.id, details: { previousError: message.last_error } });
        return done;
      });
      setFlash(reply, queued ? 'The e-mail is queued to be sent again' : 'This e-mail has not failed, so it was not sent again');
      return reply.redirect(`/outbox/${message.id}`, 303);
    });
    app.post('/outbox/resend-failed', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const ids = await ctx.tenant.transaction(async (tx) => {
        const resent = await resendFailed(tx, ctx.clock.now());
        if (resent.length) await appendAudit(tx, ctx.ip, { action: 'outbox.resent_failed', recordType: 'outbox_message', details: { count: resent.length, ids: resent } });
        return resent;
      });
      setFlash(reply, ids.length ? `${ids.length} failed ${ids.length === 1 ? 'e-mail is' : 'e-mails are'} queued to be sent again` : 'There are no failed e-mails to send again');
      return reply.redirect('/outbox', 303);
    });
  };
}
