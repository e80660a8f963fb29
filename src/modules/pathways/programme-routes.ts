import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors } from '../../platform/forms.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { tasksPolicy } from '../tasks/index.js';
import { pathwaysPolicy } from './policy.js';
import { academicYearLabel, academicYearOf, conversationStatusLabels, type ConversationStatus } from './programme.js';
import * as programme from './programme-repository.js';
import { allocatableStaff } from './repository.js';

type Query = { Querystring: Record<string, string | undefined> };
const statuses = Object.keys(conversationStatusLabels) as ConversationStatus[];
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

const assignSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  adviserId: z.union([z.uuid(), z.literal('none')], { error: 'Select the adviser' }),
  area: z.string().max(200).optional(),
  urns: z.preprocess(list, z.array(z.string().max(20))),
});

/** The Annual Conversation Programme: the SIA plans the year; Team and the CSV show held / booked / not yet per adviser. */
export function programmeRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const yearOf = (value: string | undefined, now: Date) => {
    const current = academicYearOf(londonDate(now));
    const y = Number(value);
    return Number.isInteger(y) && y >= current - 5 && y <= current + 1 ? y : current;
  };
  return async (app: FastifyInstance) => {
    app.get<Query>('/annual-conversations', { config: { permission: tasksPolicy.team } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const now = ctx.clock.now();
      const year = yearOf(request.query.year, now);
      // recurring: the year shown gets a conversation for each setting that has none in it
      if (year >= academicYearOf(londonDate(now))) await ctx.tenant.transaction((tx) => programme.planYear(tx, year, now));
      const filter = { area: request.query.area || undefined, adviserId: request.query.adviser || undefined, status: statuses.find((s) => s === request.query.status) };
      const [rows, summary, staff] = await Promise.all([programme.programmeRows(ctx.tenant, year, filter), programme.perAdviser(ctx.tenant, year), allocatableStaff(ctx.tenant)]);
      const page = parsePage(request.query.page, 100);
      const query = Object.fromEntries(Object.entries({ year: String(year), area: filter.area, adviser: filter.adviserId, status: filter.status }).filter((e): e is [string, string] => !!e[1]));
      const current = academicYearOf(londonDate(now));
      return render(request, reply, 'pathways/views/programme.njk', {
        year, yearLabel: academicYearLabel(year), years: [current - 1, current, current + 1].map((y) => ({ value: y, text: academicYearLabel(y), selected: y === year })),
        rows: rows.slice(page.offset, page.offset + page.limit).map((r) => ({ ...r, statusLabel: conversationStatusLabels[r.status] })),
        settingsTotal: rows.length, summary, staff, filter, statuses: statuses.map((s) => ({ value: s, text: conversationStatusLabels[s] })),
        canManage: ctx.user.role === 'manager' || ctx.user.role === 'admin', csvHref: `/annual-conversations.csv?year=${year}`,
        ...paginationView('/annual-conversations', query, page.page, rows.length, page.limit),
      });
    });

    app.post('/annual-conversations/assign', { config: { permission: pathwaysPolicy.manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const form = assignSchema.safeParse(request.body ?? {});
      const body = (request.body ?? {}) as Record<string, unknown>;
      const back = `/annual-conversations?year=${encodeURIComponent(String(body.year ?? ''))}`;
      if (!form.success || (!form.data.area && form.data.urns.length === 0)) {
        const now = ctx.clock.now();
        const year = yearOf(String(body.year ?? ''), now);
        const [rows, summary, staff] = await Promise.all([programme.programmeRows(ctx.tenant, year, {}), programme.perAdviser(ctx.tenant, year), allocatableStaff(ctx.tenant)]);
        const errors = formErrors(form.success ? [['area', 'Select an area, or tick the settings to assign']] : form.error.issues.map((i) => [String(i.path[0] ?? 'adviserId'), i.message] as [string, string]));
        return render(request, reply, 'pathways/views/programme.njk', {
          year, yearLabel: academicYearLabel(year), years: [{ value: year, text: academicYearLabel(year), selected: true }], rows: rows.slice(0, 100).map((r) => ({ ...r, statusLabel: conversationStatusLabels[r.status] })), settingsTotal: rows.length,
          summary, staff, filter: {}, statuses: [], canManage: true, csvHref: `/annual-conversations.csv?year=${year}`, errors, values: { adviserId: String(body.adviserId ?? ''), area: String(body.area ?? '') },
        }, 400);
      }
      const staff = new Set((await allocatableStaff(ctx.tenant)).map((u) => u.id));
      const adviserId = form.data.adviserId === 'none' ? null : form.data.adviserId;
      if (adviserId && !staff.has(adviserId)) return reply.redirect(back, 303);
      const n = await ctx.tenant.transaction(async (tx) => {
        const count = await programme.assign(tx, form.data.year, adviserId, form.data.area ? { area: form.data.area } : { urns: form.data.urns }, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'annual_conversations.assigned', details: { year: form.data.year, adviser: adviserId, area: form.data.area ?? null, settings: count } });
        return count;
      });
      setFlash(reply, `${n} ${n === 1 ? 'setting' : 'settings'} assigned for ${academicYearLabel(form.data.year)}`);
      return reply.redirect(back, 303);
    });

    app.get<Query>('/annual-conversations.csv', { config: { permission: tasksPolicy.team } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const year = yearOf(request.query.year, ctx.clock.now());
      const rows = await programme.programmeRows(ctx.tenant, year, {});
      await appendAudit(ctx.tenant, ctx.ip, { action: 'annual_conversations.exported', details: { year } });
      const csv = toCsv(['Academic year', 'URN', 'Setting', 'Area', 'Adviser', 'Conversation', 'By', 'Booked for or held on'],
        rows.map((r) => [academicYearLabel(year), r.urn, r.provider_name ?? (r.redacted ? 'Childminder (name not published)' : ''), r.area, r.adviser_name ?? 'Not assigned', conversationStatusLabels[r.status], r.due, r.when ? londonDate(r.when) : '']));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="annual-conversations-${year}.csv"`).header('cache-control', 'no-store').send(csv);
    });
  };
}
