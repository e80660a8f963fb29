import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { addMonths, formatDate, londonDate, londonStartOfDay } from '../../platform/dates.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render } from '../../platform/views.js';
import { myQueues, overdueTasks, queueCounts, queueTasks, slaBreaches, tasksPolicy, withSla, workPage } from '../tasks/index.js';
import { getTeam, listTeams } from '../organisation/index.js';
import { NotFoundError } from '../../platform/errors.js';
import { SectionRegistry } from '../../platform/page-sections.js';
import * as teamRepo from './team-repository.js';
import { perAdviser } from './programme-repository.js';
import { academicYearLabel, academicYearOf } from './programme.js';

type Query = { Querystring: Record<string, string | undefined> };

/** What other modules add to Team (the notes waiting for quality assurance). */
export const teamPage = { sections: new SectionRegistry<null>('Team sections') };

/** My work: the settings allocated to me (an adviser's or officer's caseload). */
export function contributeCaseload(): void {
  workPage.myWork.add('caseload', {
    async load(ctx) {
      return { template: 'pathways/views/work-caseload.njk', data: { caseload: await teamRepo.myCaseload(ctx.tenant) } };
    },
  }, 50);
}

/** Team: pathways waiting to be allocated, each adviser's caseload, overdue tasks and SLA breaches this month. */
export function teamRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<Query>('/team', { config: { permission: tasksPolicy.team } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const now = ctx.clock.now();
      const page = parsePage(request.query.page, 50);
      const monthStart = `${londonDate(now).slice(0, 7)}-01`;
      const programmeYear = academicYearOf(londonDate(now));
      const [unallocated, caseloads, overdue, breaches, teams, counts, programmeSummary, sections] = await Promise.all([
        teamRepo.unallocated(ctx.tenant),
        teamRepo.caseloads(ctx.tenant, now),
        overdueTasks(ctx.tenant, now, page.limit, page.offset),
        slaBreaches(ctx.tenant, londonStartOfDay(monthStart), londonStartOfDay(addMonths(monthStart, 1)), now),
        listTeams(ctx.tenant),
        queueCounts(ctx.tenant, now),
        perAdviser(ctx.tenant, programmeYear),
        teamPage.sections.render(ctx, null),
      ]);
      const queues = teams.flatMap((team) => team.jobTitles.map((j) => ({ team, jobTitle: j, ...(counts.get(j.id) ?? { count: 0, overdue: 0, earliest: null }) })));
      return render(request, reply, 'pathways/views/team.njk', {
        unallocated: unallocated.map((u) => withSla(u, now)),
        caseloads,
        overdue: overdue.rows.map((t) => ({ ...withSla(t, now), canComplete: tasksPolicy.canComplete(ctx.user, t) })),
        overdueTotal: overdue.total,
        breaches,
        queues,
        programmeSummary, programmeYearLabel: academicYearLabel(programmeYear), programmeYear, sections,
        monthLabel: formatDate(monthStart).replace(/^1 /, ''),
        ...paginationView('/team', {}, page.page, overdue.total, page.limit),
      });
    });

    /** A team's queue (work waiting in its job titles' queues, earliest deadline first) and its caseload. */
    app.get<Query & { Params: { id: string } }>('/teams/:id', { config: { permission: tasksPolicy.myWork } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const team = await getTeam(ctx.tenant, request.params.id);
      if (!team) throw new NotFoundError();
      const now = ctx.clock.now();
      const page = parsePage(request.query.page, 50);
      const memberIds = [...new Set(team.jobTitles.flatMap((j) => j.members.map((m) => m.id)))];
      const [waiting, mine, caseload] = await Promise.all([
        queueTasks(ctx.tenant, team.jobTitles.map((j) => j.id), page.limit, page.offset),
        myQueues(ctx.tenant),
        teamRepo.caseloadOf(ctx.tenant, memberIds),
      ]);
      const names = new Map(team.jobTitles.flatMap((j) => j.members.map((m) => [m.id, m.name] as const)));
      return render(request, reply, 'pathways/views/team-queue.njk', {
        team,
        tasks: waiting.rows.map((t) => ({ ...withSla(t, now), canComplete: tasksPolicy.canComplete(ctx.user, t, mine), canTake: tasksPolicy.canTake(ctx.user, t, mine) })),
        queueTotal: waiting.total,
        caseload: caseload.map((c) => ({ ...c, people: [c.adviser_id, c.officer_id].map((id) => (id ? names.get(id) : undefined)).filter(Boolean).join(', ') })),
        ...paginationView(`/teams/${team.id}`, {}, page.page, waiting.total, page.limit),
      });
    });
  };
}
