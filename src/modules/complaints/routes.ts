import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { NotFoundError } from '../../platform/errors.js';
import { formValues, type FormErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { responseLetterPdf } from './letter.js';
import { dueText, quarterlyReport, statusOf } from './presenters.js';
import * as repo from './repository.js';
import { outcomeLabels, parseAnswer, parseReason, parseRecord, parseRules } from './schemas.js';
import { acknowledge, answer, deadlinesOf, escalate, record, setClock } from './service.js';

/* Staff pages of compliments and complaints: the list, recording one, a record with its clock, stage 2 and answer, the quarterly report. */

const view: Permission = 'complaints:view';
const report: Permission = 'complaints:report';
const manage: Permission = 'complaints:manage';
type IdParams = { Params: { id: string } };
const outcomes = Object.entries(outcomeLabels).map(([value, text]) => ({ value, text }));

export function complaintsRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  return async (app: FastifyInstance) => {
    app.get('/complaints', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const records = (await repo.listRecords(ctx.tenant)).map((r) => ({ ...r, status: statusOf(r, false) }));
      await appendAudit(ctx.tenant, ctx.ip, { action: 'complaints.list_viewed', recordType: 'complaint' });
      return render(request, reply, 'complaints/views/list.njk', { records });
    });

    const newPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) =>
      render(request, reply, 'complaints/views/new.njk', { staff: await repo.staffList(ctxOf(request).tenant), values, errors, action: '/complaints', askWho: true, backHref: '/complaints' }, errors ? 400 : 200);
    app.get('/complaints/new', { config: { permission: view } }, async (request, reply) => newPage(request, reply, {}));
    app.post('/complaints', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const staff = await repo.staffList(ctx.tenant);
      const form = parseRecord(bodyOf(request), staff.map((s) => s.id), true);
      if (!form.ok) return newPage(request, reply, formValues(bodyOf(request)), form.errors);
      const saved = await record(ctx.tenant, { ...form.value, source: 'staff', urn: null }, ctx.clock.now(), ctx.ip);
      setFlash(reply, saved.kind === 'complaint' ? 'Complaint recorded: the handler has a task to acknowledge it' : 'Compliment recorded');
      return reply.redirect('/complaints', 303);
    });

    const recordPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FormErrors } = {}) => {
      const ctx = ctxOf(request);
      const r = await repo.getRecord(ctx.tenant, request.params.id);
      const stops = await repo.stopsOf(ctx.tenant, r.id);
      const deadlines = r.kind === 'complaint' ? deadlinesOf(r, stops, await repo.loadRules(ctx.tenant)) : null;
      await appendAudit(ctx.tenant, ctx.ip, { action: 'complaints.viewed', recordType: 'complaint', recordId: r.id });
      return render(request, reply, 'complaints/views/record.njk', {
        r, stops, deadlines, outcomes, status: statusOf(r, deadlines?.stopped ?? false), respondText: deadlines ? dueText(deadlines.respondBy, deadlines.stopped) : '',
        outcomeText: r.outcome ? outcomeLabels[r.outcome] : '', values: extra.values ?? {}, errors: extra.errors,
      }, extra.errors ? 400 : 200);
    };
    app.get<IdParams>('/complaints/:id', { config: { permission: view } }, async (request, reply) => recordPage(request, reply));

    const done = (reply: FastifyReply, id: string, message: string) => {
      setFlash(reply, message);
      return reply.redirect(`/complaints/${id}`, 303);
    };
    app.post<IdParams>('/complaints/:id/acknowledge', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await acknowledge(ctx.tenant, request.params.id, ctx.clock.now(), ctx.ip);
      return done(reply, request.params.id, 'Complaint acknowledged');
    });
    app.post<IdParams>('/complaints/:id/stop', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const reason = parseReason(bodyOf(request), 'reason', 'The reason the clock is stopped');
      if (!reason.ok) return recordPage(request, reply, { values: formValues(bodyOf(request)), errors: reason.errors });
      await setClock(ctx.tenant, request.params.id, { stop: reason.value }, ctx.clock.now(), ctx.ip);
      return done(reply, request.params.id, 'Clock stopped: the response date moves on when you restart it');
    });
    app.post<IdParams>('/complaints/:id/restart', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await setClock(ctx.tenant, request.params.id, { restart: true }, ctx.clock.now(), ctx.ip);
      return done(reply, request.params.id, 'Clock restarted');
    });
    app.post<IdParams>('/complaints/:id/escalate', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const reason = parseReason(bodyOf(request), 'escalation', 'Why the complainant is not satisfied');
      if (!reason.ok) return recordPage(request, reply, { values: formValues(bodyOf(request)), errors: reason.errors });
      await escalate(ctx.tenant, request.params.id, reason.value, ctx.clock.now(), ctx.ip);
      return done(reply, request.params.id, 'Escalated to stage 2');
    });
    app.post<IdParams>('/complaints/:id/answer', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const form = parseAnswer(bodyOf(request));
      if (!form.ok) return recordPage(request, reply, { values: formValues(bodyOf(request)), errors: form.errors });
      await answer(ctx.tenant, request.params.id, form.value, ctx.user.laName, ctx.clock.now(), ctx.ip);
      return done(reply, request.params.id, 'Complaint answered: the response letter has been e-mailed');
    });

    app.get<IdParams>('/complaints/:id/letter.pdf', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const r = await repo.getRecord(ctx.tenant, request.params.id);
      if (!r.answered_at || !r.outcome) throw new NotFoundError();
      const pdf = await responseLetterPdf({ laName: ctx.user.laName, to: r.from_name, stage: r.stage, receivedAt: r.received_at, answeredAt: r.answered_at, outcome: r.outcome, response: r.response_text });
      await appendAudit(ctx.tenant, ctx.ip, { action: 'complaints.letter_downloaded', recordType: 'complaint', recordId: r.id });
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="response-letter.pdf"').header('cache-control', 'no-store').send(pdf);
    });

    const rulesValues = (r: Awaited<ReturnType<typeof repo.loadRules>>) => ({ acknowledgeWorkingDays: String(r.acknowledgeWorkingDays), respondWorkingDays: String(r.respondWorkingDays), stage2WorkingDays: String(r.stage2WorkingDays) });
    app.get('/complaints/rules', { config: { permission: manage } }, async (request, reply) => render(request, reply, 'complaints/views/rules.njk', { values: rulesValues(await repo.loadRules(ctxOf(request).tenant)) }));
    app.post('/complaints/rules', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const form = parseRules(bodyOf(request));
      if (!form.ok) return render(request, reply, 'complaints/views/rules.njk', { values: formValues(bodyOf(request)), errors: form.errors }, 400);
      await ctx.tenant.transaction(async (tx) => {
        await repo.saveRules(tx, form.value, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'complaints.rules_changed', details: { ...form.value } });
      });
      setFlash(reply, 'Complaint deadlines saved: they apply to complaints received from now on');
      return reply.redirect('/complaints', 303);
    });

    app.get('/complaints/report', { config: { permission: report } }, async (request, reply) => {
      const rows = quarterlyReport(await repo.reportRows(ctxOf(request).tenant));
      return render(request, reply, 'complaints/views/report.njk', { rows });
    });
    app.get('/complaints/report.csv', { config: { permission: report } }, async (request, reply) => {
      const rows = quarterlyReport(await repo.reportRows(ctxOf(request).tenant));
      const csv = toCsv(['Quarter', 'Complaints', 'Upheld', 'Partly upheld', 'Not upheld', 'Open', 'Escalated to stage 2', 'Compliments'], rows.map((r) => [r.label, r.complaints, r.upheld, r.partly_upheld, r.not_upheld, r.open, r.stage2, r.compliments]));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="complaints-by-quarter.csv"').send(csv);
    });
  };
}
