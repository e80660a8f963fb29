import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { ownProvider } from '../portal/index.js';
import { bookSlot, createSeries, findSlot, slots, withFlags } from './dropins.js';
import { text, typed, wholeNumber, type Problems } from './schemas.js';

type IdParams = { Params: { id: string } };
type PortalParams = { Params: { urn: string; id: string } };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** SEND drop-ins: the team makes a series and records attendance; a setting books a slot in the portal with its paperwork. */
export function dropinRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const today = (ctx: ActionContext) => londonDate(ctx.clock.now());
  return async (app: FastifyInstance) => {
    const listPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      return render(request, reply, 'inclusion/views/dropins.njk', { slots: withFlags(await slots(ctx.tenant, today(ctx)), today(ctx)).slice(0, 60), values: { everyWeeks: '3', firstSlot: '09:30', minutes: '30', slots: '4' }, ...extra }, status);
    };
    app.get('/inclusion/drop-ins', { config: { permission: 'inclusion:work' } }, async (request, reply) => listPage(request, reply));
    app.post('/inclusion/drop-ins', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const title = text(body, 'title', 200, problems, 'Enter the title, like SEND drop-in');
      const starts = dateFromParts(body, 'starts', 'date of the first drop-in', today(ctx), 'future');
      if (starts.error) problems.push(['starts-day', starts.error]);
      const until = dateFromParts(body, 'until', 'date of the last drop-in', today(ctx), 'future');
      if (until.error) problems.push(['until-day', until.error]);
      if (starts.value && until.value && until.value < starts.value) problems.push(['until-day', 'The last date must be on or after the first']);
      const whole = (name: string, min: number, max: number, message: string) => wholeNumber(body, name, min, max, message, problems);
      const everyWeeks = whole('everyWeeks', 1, 12, 'Enter how many weeks apart, from 1 to 12');
      const firstSlot = String(body.firstSlot ?? '').trim();
      if (!TIME.test(firstSlot)) problems.push(['firstSlot', 'Enter the time of the first slot, like 09:30']);
      const minutes = whole('minutes', 10, 120, 'Enter the length of a slot in minutes, from 10 to 120');
      const count = whole('slots', 1, 12, 'Enter the number of slots in each drop-in, from 1 to 12');
      const meetingLink = text(body, 'meetingLink', 500, problems, 'Enter the online meeting link');
      if (meetingLink && !/^https:\/\/\S+$/.test(meetingLink)) problems.push(['meetingLink', 'Enter the online meeting link, starting https://']);
      if (problems.length) return listPage(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      const sessions = await createSeries(ctx, { title, startsOn: starts.value!, untilOn: until.value!, everyWeeks, firstSlot, minutes, slots: count, meetingLink });
      setFlash(reply, `${sessions} ${sessions === 1 ? 'drop-in' : 'drop-ins'} added (bank holidays skipped)`);
      return reply.redirect('/inclusion/drop-ins', 303);
    });
    const slotPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const slot = await findSlot(ctx.tenant, request.params.id);
      if (slot.paperwork) await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_dropin.paperwork_viewed', recordType: 'provider', recordId: slot.urn ?? '', details: { slot: slot.id } });
      return render(request, reply, 'inclusion/views/dropin-slot.njk', { slot: withFlags([slot], today(ctx))[0], values: { attended: slot.attended === null ? '' : slot.attended ? 'yes' : 'no', note: slot.note ?? '' }, ...extra }, status);
    };
    app.get<IdParams>('/inclusion/drop-ins/slots/:id', { config: { permission: 'inclusion:work' } }, async (request, reply) => slotPage(request, reply));
    app.post<IdParams>('/inclusion/drop-ins/slots/:id', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const slot = await findSlot(ctx.tenant, request.params.id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      if (!slot.urn) problems.push(['attended', 'Nobody booked this slot']);
      const attended = body.attended === 'yes' ? true : body.attended === 'no' ? false : null;
      if (attended === null) problems.push(['attended', 'Choose whether the setting attended']);
      const note = text(body, 'note', 2000, problems);
      if (problems.length) return slotPage(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      await ctx.tenant.transaction(async (tx) => {
        await tx.updateTable('inclusion_dropin_slots').set({ attended, note: note || null }).where('id', '=', slot.id).execute();
        await appendAudit(tx, ctx.ip, { action: 'inclusion_dropin.attendance', recordType: 'provider', recordId: slot.urn!, details: { slot: slot.id, attended } });
      });
      setFlash(reply, 'Attendance recorded');
      return reply.redirect('/inclusion/drop-ins', 303);
    });

    app.get<{ Params: { urn: string } }>('/portal/:urn/inclusion/drop-ins', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const all = await slots(ctx.tenant, today(ctx), provider.urn);
      return render(request, reply, 'inclusion/views/portal-dropins.njk', { provider, mine: all.filter((s) => s.urn === provider.urn), free: all.filter((s) => s.urn === null).slice(0, 40) });
    });
    const portalSlot = async (request: FastifyRequest<PortalParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const slot = await findSlot(ctx.tenant, request.params.id, provider.urn);
      return render(request, reply, 'inclusion/views/portal-dropin.njk', { provider, slot, mine: slot.urn === provider.urn, values: {}, ...extra }, status);
    };
    app.get<PortalParams>('/portal/:urn/inclusion/drop-ins/:id', { config: { permission: 'portal:view' } }, async (request, reply) => portalSlot(request, reply));
    app.post<PortalParams>('/portal/:urn/inclusion/drop-ins/:id', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const slot = await findSlot(ctx.tenant, request.params.id, provider.urn);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const later = body.submit === 'later' && slot.urn === null;
      const paperwork = text(body, 'paperwork', 5000, problems, later ? undefined : 'Complete the paperwork: what you would like to discuss, and what you have tried');
      if (problems.length) return portalSlot(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      const done = await bookSlot(ctx, provider.urn, slot.id, later ? null : paperwork);
      setFlash(reply, done === 'paperwork' ? 'Paperwork sent' : later ? 'Drop-in booked: complete the paperwork before it' : 'Drop-in booked with your paperwork');
      return reply.redirect(`/portal/${provider.urn}/inclusion/drop-ins/${slot.id}`, 303);
    });
  };
}
