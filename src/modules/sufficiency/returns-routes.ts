import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors, formValues, type FormErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { notifySetting } from '../portal/index.js';
import { askedSettings, latestReturns, recordReminders } from './returns-repository.js';
import { returnBandKeys, returnBands, termOf } from './returns.js';

/** Staff: this term's vacancy returns, who has not returned, and reminders to them through the outbox. */
export function returnsRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const page = async (request: FastifyRequest, reply: Parameters<typeof render>[1], form: { values?: Record<string, unknown>; errors?: FormErrors } = {}) => {
      const ctx = ctxOf(request);
      const term = termOf(londonDate(ctx.clock.now()));
      const schedule = await ctx.tenant.selectFrom('sufficiency_return_schedules').selectAll().where('term', '=', term.key).executeTakeFirst();
      const [y, m, d] = schedule ? String(schedule.deadline).split('-') : [];
      const values: Record<string, unknown> = form.values ?? (schedule ? { 'deadline-day': String(Number(d)), 'deadline-month': String(Number(m)), 'deadline-year': y, remindDays: String(schedule.remind_working_days) } : { remindDays: '5' });
      const [asked, returns] = await Promise.all([askedSettings(ctx.tenant, term.key), latestReturns(ctx.tenant, term.key)]);
      const byUrn = new Map(returns.map((r) => [r.urn, r]));
      const rows = asked.map((s) => ({ ...s, return: byUrn.get(s.urn) ?? null }));
      const missing = rows.filter((r) => !r.return);
      const totals = Object.fromEntries(returnBandKeys.map((b) => [b, returns.reduce((n, r) => n + (r.figures[b]?.vacancies ?? 0), 0)]));
      return render(request, reply, 'sufficiency/views/returns.njk', { term, rows, missing, returned: rows.length - missing.length, totals, waiting: returns.reduce((n, r) => n + r.waiting_list, 0), returnBands, returnBandKeys, schedule, values: values as Record<string, string>, errors: form.errors }, form.errors ? 400 : 200);
    };
    app.get('/sufficiency/returns', { config: { permission: 'sufficiency:view' } }, (request, reply) => page(request, reply));
    app.post('/sufficiency/returns/schedule', { config: { permission: 'sufficiency:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const now = ctx.clock.now();
      const term = termOf(londonDate(now));
      const deadline = dateFromParts(body, 'deadline', 'return deadline', londonDate(now), 'any');
      const daysText = typeof body.remindDays === 'string' ? body.remindDays.trim() : '';
      const problems: [string, string][] = [];
      if (deadline.error) problems.push(['deadline-day', deadline.error]);
      else if (termOf(deadline.value!).key !== term.key) problems.push(['deadline-day', `The return deadline must be in the ${term.label} term`]);
      if (!/^\d{1,2}$/.test(daysText) || Number(daysText) > 60) problems.push(['remindDays', 'Enter how many working days before the deadline reminders start, from 0 to 60']);
      if (problems.length) return page(request, reply, { values: formValues(body), errors: formErrors(problems) });
      const row = { deadline: deadline.value!, remind_working_days: Number(daysText), updated_at: now };
      await ctx.tenant.transaction(async (tx) => {
        await tx.deleteFrom('sufficiency_return_schedules').where('term', '=', term.key).execute();
        await tx.insertInto('sufficiency_return_schedules', { term: term.key, ...row }).execute();
        await appendAudit(tx, ctx.ip, { action: 'sufficiency.return_schedule_set', details: { term: term.key, deadline: row.deadline, remindWorkingDays: row.remind_working_days } });
      });
      setFlash(reply, `Return deadline saved: settings that have not returned are reminded once, ${row.remind_working_days} working days before it`);
      return reply.redirect('/sufficiency/returns', 303);
    });
    app.post('/sufficiency/returns/reminders', { config: { permission: 'sufficiency:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const now = ctx.clock.now();
      const term = termOf(londonDate(now));
      const missing = (await askedSettings(ctx.tenant, term.key)).filter((s) => !s.returned_at);
      let emails = 0;
      await ctx.tenant.transaction(async (tx) => {
        for (const s of missing) {
          emails += await notifySetting(tx, s.urn, {
            subject: `Please send your ${term.label} vacancy return`,
            body: `The local authority asks each setting every term how many places and vacancies it has, so that it can check there is enough childcare in each area. Your ${term.label} return has not reached us yet: it takes a few minutes in EY Hub, under "Send your ${term.label} vacancy return".`,
            record: { type: 'provider', id: s.urn },
          }, now);
        }
        await recordReminders(tx, missing.map((s) => s.urn), term.key, now);
        await appendAudit(tx, ctx.ip, { action: 'sufficiency.return_reminders_sent', details: { term: term.key, settings: missing.length, emails } });
      });
      setFlash(reply, missing.length ? `Reminders sent to ${missing.length} ${missing.length === 1 ? 'setting' : 'settings'} (${emails} ${emails === 1 ? 'e-mail' : 'e-mails'})` : 'Every setting has sent its return: no reminders sent');
      return reply.redirect('/sufficiency/returns', 303);
    });
  };
}
