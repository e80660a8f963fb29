import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { bankHolidaysOf } from '../../platform/calendar.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues, type FormErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { calendarDays, loadCalendarChanges } from './repository.js';

const manage: Permission = 'templates:manage';
export const BANK_HOLIDAYS = '/bank-holidays';

/** An admin adds a day to, or removes one from, the LA's working-day calendar (ADR 0019). */
export function calendarRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    await loadCalendarChanges(deps.db);
    const page = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors?: FormErrors) => {
      const ctx = ctxOf(request);
      const year = Number(londonDate(ctx.clock.now()).slice(0, 4));
      const changes = await calendarDays(ctx.tenant);
      const years = [year, year + 1].map((y) => ({ year: y, days: bankHolidaysOf(y).map((d) => ({ date: d, removed: changes.some((c) => c.day === d && c.change === 'remove') })) }));
      return render(request, reply, 'calendar/views/bank-holidays.njk', { years, changes, values, errors }, errors ? 400 : 200);
    };
    app.get(BANK_HOLIDAYS, { config: { permission: manage } }, async (request, reply) => page(request, reply));

    app.post(BANK_HOLIDAYS, { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const errors: [string, string][] = [];
      const date = dateFromParts(body, 'day', 'date', londonDate(ctx.clock.now()), 'any');
      const change = body.change === 'add' || body.change === 'remove' ? body.change : null;
      if (date.error) errors.push(['day-day', date.error]);
      if (!change) errors.push(['change', 'Select whether the day is a bank holiday or a working day']);
      const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
      if (!reason) errors.push(['reason', 'Enter why, for example “Bank holiday for the State Funeral”']);
      const day = date.value;
      if (day && change) {
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        const national = bankHolidaysOf(Number(day.slice(0, 4))).includes(day);
        if (change === 'add' && (weekday === 0 || weekday === 6)) errors.push(['day-day', `${formatDate(day)} is a weekend day: it is not a working day already`]);
        else if (change === 'add' && national) errors.push(['day-day', `${formatDate(day)} is a bank holiday already`]);
        else if (change === 'remove' && !national) errors.push(['day-day', `${formatDate(day)} is not a bank holiday in England and Wales`]);
        else if ((await calendarDays(ctx.tenant)).some((c) => c.day === day)) errors.push(['day-day', `You have changed ${formatDate(day)} already: remove that change first`]);
      }
      if (errors.length || !day || !change) return page(request, reply, formValues(body), formErrors(errors.sort((a, b) => ['day-day', 'change', 'reason'].indexOf(a[0]) - ['day-day', 'change', 'reason'].indexOf(b[0]))));
      const row = await ctx.tenant.insertInto('calendar_days', { day, change, reason, created_by: ctx.user.id, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'calendar.day_changed', recordType: 'calendar_day', recordId: row.id, details: { day, change } });
      await loadCalendarChanges(deps.db, ctx.tenant.scope.laCode);
      setFlash(reply, `${formatDate(day)} is now ${change === 'add' ? 'a bank holiday' : 'a working day'} for your deadlines.`);
      return reply.redirect(BANK_HOLIDAYS, 303);
    });

    app.post<{ Params: { id: string } }>(`${BANK_HOLIDAYS}/:id/delete`, { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const gone = await ctx.tenant.deleteFrom('calendar_days').where('id', '=', request.params.id).returning(['id', 'day', 'change']).executeTakeFirst();
      if (!gone) throw new NotFoundError();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'calendar.change_removed', recordType: 'calendar_day', recordId: gone.id, details: { day: gone.day, change: gone.change } });
      await loadCalendarChanges(deps.db, ctx.tenant.scope.laCode);
      setFlash(reply, `Your change to ${formatDate(gone.day)} was removed: it follows the England and Wales calendar again.`);
      return reply.redirect(BANK_HOLIDAYS, 303);
    });
  };
}
