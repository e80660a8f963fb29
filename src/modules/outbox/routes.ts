import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import type { Permission } from '../../platform/permissions.js';
import { render } from '../../platform/views.js';
import { getMessage, listMessages } from './repository.js';

const permission: Permission = 'outbox:view';
const statusLabels: Record<string, string> = { queued: 'Waiting to be sent', sending: 'Sending', sent: 'Sent', failed: 'Failed' };

/** Admins see every e-mail EY Hub sends for their LA; without an SMTP server this is where they wait. */
export function outboxRoutes(deps: { db: Kysely<DB>; clock: Clock; smtpConfigured: boolean }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string | undefined> }>('/outbox', { config: { permission } }, async (request, reply) => {
      const page = parsePage(request.query.page);
      const status = Object.hasOwn(statusLabels, request.query.status ?? '') ? request.query.status : undefined;
      const q = (request.query.q ?? '').trim().slice(0, 100) || undefined;
      const { rows, total } = await listMessages(ctxOf(request).tenant, { ...(status ? { status } : {}), ...(q ? { q } : {}) }, page.limit, page.offset);
      return render(request, reply, 'outbox/views/list.njk', {
        messages: rows,
        statusLabels,
        status,
        q,
        smtpConfigured: deps.smtpConfigured,
        statusItems: [{ value: '', text: 'Any status' }, ...Object.entries(statusLabels).map(([value, text]) => ({ value, text, selected: value === status }))],
        ...paginationView('/outbox', Object.fromEntries(Object.entries({ status, q }).filter(([, v]) => v)) as Record<string, string>, page.page, total, page.limit),
      });
    });
    app.get<{ Params: { id: string } }>('/outbox/:id', { config: { permission } }, async (request, reply) => {
      const message = await getMessage(ctxOf(request).tenant, request.params.id);
      if (!message) throw new NotFoundError();
      const attachments = (message.attachments as { filename: string; contentType: string; contentBase64: string }[]).map((a) => ({ filename: a.filename, contentType: a.contentType, bytes: Math.round((a.contentBase64.length * 3) / 4) }));
      return render(request, reply, 'outbox/views/show.njk', { message, attachments, statusLabels });
    });
  };
}
