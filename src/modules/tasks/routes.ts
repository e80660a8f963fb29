import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { englandCalendar } from '../../platform/calendar.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formatDate, londonDate, londonStartOfDay } from '../../platform/dates.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/repository.js';
import { addMonths } from '../pathways/rules.js';
import { tasksPolicy } from './policy.js';
import { withSla } from './presenters.js';
import * as repo from './repository.js';
import { updatesForAdviser } from '../portal/last-look.js';
import { pendingRequestCount } from '../portal/contact.js';

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
      const until = englandCalendar().addWorkingDays(londonDate(now), 40);
      const [tasks, visits, caseload, actions, settingUpdates, contactRequests] = await Promise.all([
        repo.myTasks(ctx.tenant, page.limit, page.offset), repo.myVisits(ctx.tenant, until), repo.myCaseload(ctx.tenant), repo.overdueActions(ctx.tenant, londonDate(now)),
        updatesForAdviser(ctx.tenant), pendingRequestCount(ctx.tenant),
      ]);
      const rows = tasks.rows.map((t) => ({ ...withSla(t, now), canComplete: tasksPolicy.canComplete(ctx.user, t) }));
      return render(request, reply, 'tasks/views/my-work.njk', {
        tasks: rows,
        overdue: rows.filter((t) => t.state === 'overdue').length,
        visits,
        today: londonDate(now),
        until,
        caseload,
        overdueActions: actions,
        settingUpdates,
        contactRequests,
        canAllocate: ctx.user.role === 'manager' || ctx.user.role === 'admin',
        ...paginationView('/my-work', {}, page.page, tasks.total, page.limit),
      });
    });

    app.get<Query>('/team', { config: { permission: tasksPolicy.team } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const now = ctx.clock.now();
      const page = parsePage(request.query.page, 50);
      const monthStart = `${londonDate(now).slice(0, 7)}-01`;
      const [unallocated, caseloads, overdue, breaches] = await Promise.all([
        repo.unallocated(ctx.tenant),
        repo.caseloads(ctx.tenant, now),
        repo.overdueTasks(ctx.tenant, now, page.limit, page.offset),
        repo.slaBreaches(ctx.tenant, londonStartOfDay(monthStart), londonStartOfDay(addMonths(monthStart, 1)), now),
      ]);
      return render(request, reply, 'tasks/views/team.njk', {
        unallocated: unallocated.map((u) => withSla(u, now)),
        caseloads,
        overdue: overdue.rows.map((t) => ({ ...withSla(t, now), canComplete: tasksPolicy.canComplete(ctx.user, t) })),
        overdueTotal: overdue.total,
        breaches,
        monthLabel: formatDate(monthStart).replace(/^1 /, ''),
        ...paginationView('/team', {}, page.page, overdue.total, page.limit),
      });
    });

    app.post<{ Params: { id: string } }>('/tasks/:id/done', { config: { permission: tasksPolicy.complete } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const task = await repo.getTask(ctx.tenant, request.params.id);
      if (!task) throw new NotFoundError();
      if (!tasksPolicy.canComplete(ctx.user, task)) throw new ForbiddenError('This task belongs to someone else');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const done = await repo.completeTask(ctx.tenant, task.id, ctx.clock.now(), null);
      if (Number(done.numUpdatedRows) > 0) {
        await appendAudit(ctx.tenant, ctx.ip, { action: 'task.done', recordType: 'task', recordId: task.id, details: { urn: task.urn, title: task.title } });
        setFlash(reply, `Done: ${task.title}`);
      }
      return reply.redirect(safeReturn(body.returnTo), 303);
    });
  };
}
