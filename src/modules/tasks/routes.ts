import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { tasksPolicy } from './policy.js';
import { withSla } from './presenters.js';
import * as repo from './repository.js';
import { workPage } from './page.js';

type Query = { Querystring: Record<string, string | undefined> };

/** Only a path on this site, so a form cannot send people elsewhere. */
function safeReturn(value: unknown): string {
  return typeof value === 'string' && /^\/[a-z0-9\-/]*(\?[\w=&%-]*)?$/i.test(value) ? value : '/my-work';
}

export function tasksRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<Query>('/my-work', { config: { permission: tasksPolicy.myWork } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const now = ctx.clock.now();
      const page = parsePage(request.query.page, 50);
      const canAllocate = ctx.user.role === 'manager' || ctx.user.role === 'admin';
      const queues = await repo.myQueues(ctx.tenant);
      const [tasks, sections, toAllocate] = await Promise.all([
        repo.myTasks(ctx.tenant, page.limit, page.offset, queues),
        workPage.myWork.render(ctx, null),
        canAllocate ? repo.waitingToAllocate(ctx.tenant, now) : Promise.resolve(null),
      ]);
      const rows = tasks.rows.map((t) => ({ ...withSla(t, now), canComplete: tasksPolicy.canComplete(ctx.user, t, queues), canTake: tasksPolicy.canTake(ctx.user, t, queues) }));
      return render(request, reply, 'tasks/views/my-work.njk', {
        tasks: rows,
        overdue: rows.filter((t) => t.state === 'overdue').length,
        sections,
        canAllocate,
        toAllocate,
        ...paginationView('/my-work', {}, page.page, tasks.total, page.limit),
      });
    });

    app.post<{ Params: { id: string } }>('/tasks/:id/done', { config: { permission: tasksPolicy.complete } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const task = await repo.getTask(ctx.tenant, request.params.id);
      if (!task) throw new NotFoundError();
      if (!tasksPolicy.canComplete(ctx.user, task, await repo.myQueues(ctx.tenant))) throw new ForbiddenError('This task belongs to someone else');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const done = await repo.completeTask(ctx.tenant, task.id, ctx.clock.now(), null);
      if (Number(done.numUpdatedRows) > 0) {
        await appendAudit(ctx.tenant, ctx.ip, { action: 'task.done', recordType: 'task', recordId: task.id, details: { urn: task.urn, title: task.title } });
        setFlash(reply, `Done: ${task.title}`);
      }
      return reply.redirect(safeReturn(body.returnTo), 303);
    });

    app.post<{ Params: { id: string } }>('/tasks/:id/take', { config: { permission: tasksPolicy.complete } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const task = await repo.getTask(ctx.tenant, request.params.id);
      if (!task) throw new NotFoundError();
      if (!tasksPolicy.canTake(ctx.user, task, await repo.myQueues(ctx.tenant))) throw new ForbiddenError('This task is not in a queue you work from');
      const taken = await repo.takeTask(ctx.tenant, task.id);
      if (Number(taken.numUpdatedRows) > 0) {
        await appendAudit(ctx.tenant, ctx.ip, { action: 'task.taken', recordType: 'task', recordId: task.id, details: { urn: task.urn, title: task.title } });
        setFlash(reply, `Taken: ${task.title}. It is now yours.`);
      }
      return reply.redirect(safeReturn(((request.body ?? {}) as Record<string, unknown>).returnTo), 303);
    });
  };
}
