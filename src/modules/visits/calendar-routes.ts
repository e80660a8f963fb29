import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { addDays, formatDate, isIsoDate, londonDate, londonStartOfDay } from '../../platform/dates.js';
import type { Permission } from '../../platform/permissions.js';
import { render } from '../../platform/views.js';
import { addMonths } from '../../platform/dates.js';

const permission: Permission = 'work:view';

function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** A week or month of visits as a list grouped by day (an accessible table, not a drag-and-drop grid); SIAs can see the team's. */
export function visitCalendarPageRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string | undefined> }>('/visits', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const month = request.query.view === 'month';
      const canSeeTeam = ctx.user.role === 'manager' || ctx.user.role === 'admin';
      const team = canSeeTeam && request.query.who === 'team';
      const anchor = isIsoDate(request.query.date ?? '') ? request.query.date! : londonDate(ctx.clock.now());
      const from = month ? `${anchor.slice(0, 7)}-01` : mondayOf(anchor);
      const to = month ? addMonths(from, 1) : addDays(from, 7);
      let q = ctx.tenant
        .selectFrom('visits')
        .leftJoin('users as a', 'a.id', 'visits.adviser_id')
        .select((eb) => [
          'visits.id', 'visits.urn', 'visits.pathway_id', 'visits.visit_type', 'visits.number', 'visits.status', 'visits.booked_for', 'visits.ends_at', 'visits.location', 'visits.with_sia', 'visits.planned_date', 'visits.done_on', 'visits.cancelled_by', 'visits.cancelled_on', 'a.name as adviser_name',
          eb.selectFrom('providers as p').select('p.name').whereRef('p.urn', '=', 'visits.urn').as('provider_name'),
          sql<string | null>`(select string_agg(u.name, ', ' order by u.name) from users u where u.id = any(visits.accompanying))`.as('companions'),
        ])
        .where('visits.status', 'in', ['booked', 'done'])
        .where('visits.booked_for', '>=', londonStartOfDay(from))
        .where('visits.booked_for', '<', londonStartOfDay(to));
      const me = sql<string>`${ctx.user.id}::uuid`;
      if (!team) q = q.where((eb) => eb.or([eb('visits.adviser_id', '=', ctx.user.id), eb(me, '=', sql<string>`any(visits.accompanying)`), ...(ctx.user.role === 'manager' ? [eb('visits.with_sia', '=', true)] : [])]));
      const visits = await q.orderBy('visits.booked_for').limit(1000).execute();
      const days = new Map<string, typeof visits>();
      for (const v of visits) {
        const day = londonDate(v.booked_for!);
        days.set(day, [...(days.get(day) ?? []), v]);
      }
      const link = (date: string, view = month ? 'month' : 'week', who = team ? 'team' : 'me') => `/visits?${new URLSearchParams({ view, date, who }).toString()}`;
      return render(request, reply, 'visits/views/calendar.njk', {
        heading: month ? formatDate(from).replace(/^1 /, '') : `Week beginning ${formatDate(from)}`,
        days: [...days.entries()].map(([date, list]) => ({ date, list })),
        month, team, canSeeTeam,
        previous: link(month ? addMonths(from, -1) : addDays(from, -7)),
        next: link(month ? addMonths(from, 1) : addDays(from, 7)),
        weekLink: link(from, 'week'), monthLink: link(from, 'month'),
        mineLink: link(from, undefined, 'me'), teamLink: link(from, undefined, 'team'),
      });
    });
  };
}
