import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formatDate, formatDateTime } from '../../platform/dates.js';
import { formErrors, formValues } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { sessionIcs } from './mail.js';
import { bookingStatusLabels, presentSession } from './presenters.js';
import * as repo from './repository.js';
import { money } from './rules.js';
import { ATTENDEE_ROWS, parseAttendees } from './schemas.js';
import { bookPlaces, cancelBooking, cancellationQuote, substitute } from './service.js';
import { bookedMessage, cancelledMessage } from './routes.js';

/* Training in the portal: what the setting can book, its bookings, booking named staff, cancelling, substituting, the calendar file. */

const permission: Permission = 'portal:view';
type SessionParams = { Params: { urn: string; id: string } };
type UrnParams = { Params: { urn: string } };

export function contributePortalTraining(): void {
  portalPage.sections.add('training', {
    async load(ctx, provider) {
      const now = ctx.clock.now();
      const upcoming = (await repo.settingBookings(ctx.tenant, provider.urn)).filter((b) => b.starts_at > now && b.status !== 'cancelled');
      return {
        template: 'events/views/portal-section.njk',
        data: { upcoming: upcoming.map((b) => ({ ...b, statusText: bookingStatusLabels[b.status] })) },
      };
    },
  }, 45);
}

export function portalTrainingRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  return async (app: FastifyInstance) => {
    app.get<UrnParams>('/portal/:urn/training', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const now = ctx.clock.now();
      const [sessions, bookings] = await Promise.all([repo.upcomingSessions(ctx.tenant, now), repo.settingBookings(ctx.tenant, provider.urn)]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.training_viewed', recordType: 'provider', recordId: provider.urn });
      return render(request, reply, 'events/views/portal-training.njk', {
        provider, sessions: sessions.map((s) => presentSession(s, now)),
        bookings: bookings.map((b) => ({ ...b, statusText: bookingStatusLabels[b.status], future: b.starts_at > now })),
      });
    });

    const sessionPage = async (request: FastifyRequest<SessionParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const session = presentSession(await repo.getSession(ctx.tenant, request.params.id), ctx.clock.now());
      const rules = await repo.loadRules(ctx.tenant);
      return { provider, session, rules, rows: ATTENDEE_ROWS, lateText: rules.lateCancellationPercent === 100 ? 'the full price' : `${rules.lateCancellationPercent}% of the price` };
    };
    app.get<SessionParams>('/portal/:urn/training/sessions/:id', { config: { permission } }, async (request, reply) => render(request, reply, 'events/views/portal-book.njk', { ...(await sessionPage(request)), values: {} }));
    app.post<SessionParams>('/portal/:urn/training/sessions/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await sessionPage(request);
      const body = bodyOf(request);
      const attendees = parseAttendees(body);
      if (!attendees.ok) return render(request, reply, 'events/views/portal-book.njk', { ...page, values: formValues(body), errors: attendees.errors }, 400);
      const result = await bookPlaces(ctx.tenant, { sessionId: page.session.id, urn: page.provider.urn, attendees: attendees.value }, ctx.clock.now());
      if (!result.ok) {
        const errors = formErrors([['name-1', result.duplicates ? `Already booked or on the waiting list: ${result.duplicates.join(', ')}` : result.reason]]);
        return render(request, reply, 'events/views/portal-book.njk', { ...page, values: formValues(body), errors }, 400);
      }
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.training_booked', recordType: 'training_session', recordId: page.session.id, details: { urn: page.provider.urn, booked: result.booked, waiting: result.waiting } });
      setFlash(reply, bookedMessage(result.booked, result.waiting));
      return reply.redirect(`/portal/${page.provider.urn}/training`, 303);
    });

    const bookingOf = async (request: FastifyRequest<SessionParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      return { ctx, provider, booking: await repo.getBooking(ctx.tenant, request.params.id, provider.urn) };
    };
    app.get<SessionParams>('/portal/:urn/training/bookings/:id/cancel', { config: { permission } }, async (request, reply) => {
      const { ctx, provider, booking } = await bookingOf(request);
      const quote = await cancellationQuote(ctx.tenant, booking.id, ctx.clock.now(), provider.urn);
      return render(request, reply, 'events/views/cancel.njk', { ...quote, provider, chargeText: money(quote.pence, 'no charge'), freeUntilText: formatDate(quote.freeUntil), action: `/portal/${provider.urn}/training/bookings/${booking.id}/cancel`, backHref: `/portal/${provider.urn}/training` });
    });
    app.post<SessionParams>('/portal/:urn/training/bookings/:id/cancel', { config: { permission } }, async (request, reply) => {
      const { ctx, provider, booking } = await bookingOf(request);
      const result = await cancelBooking(ctx.tenant, booking.id, ctx.clock.now(), provider.urn);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.training_cancelled', recordType: 'training_session', recordId: booking.session_id, details: { booking: booking.id, chargePence: result.pence } });
      setFlash(reply, cancelledMessage(result.pence, 0));
      return reply.redirect(`/portal/${provider.urn}/training`, 303);
    });

    const substitutePage = async (request: FastifyRequest<SessionParams>) => {
      const { provider, booking, ctx } = await bookingOf(request);
      return { provider, booking, session: await repo.getSession(ctx.tenant, booking.session_id) };
    };
    app.get<SessionParams>('/portal/:urn/training/bookings/:id/substitute', { config: { permission } }, async (request, reply) => render(request, reply, 'events/views/portal-substitute.njk', { ...(await substitutePage(request)), values: {} }));
    app.post<SessionParams>('/portal/:urn/training/bookings/:id/substitute', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await substitutePage(request);
      const body = bodyOf(request);
      const form = parseAttendees({ 'name-1': body['name-1'], 'email-1': body['email-1'] });
      const result = form.ok ? await substitute(ctx.tenant, page.booking.id, form.value[0]!, ctx.clock.now(), page.provider.urn) : null;
      if (!form.ok || !result?.ok) return render(request, reply, 'events/views/portal-substitute.njk', { ...page, values: formValues(body), errors: form.ok ? formErrors([['email-1', result?.reason ?? '']]) : form.errors }, 400);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.training_substituted', recordType: 'training_session', recordId: page.booking.session_id, details: { booking: page.booking.id } });
      setFlash(reply, `The place on ${page.session.title} is now ${form.value[0]!.name}’s: they have been e-mailed`);
      return reply.redirect(`/portal/${page.provider.urn}/training`, 303);
    });

    app.get<SessionParams>('/portal/:urn/training/bookings/:id/calendar.ics', { config: { permission } }, async (request, reply) => {
      const { ctx, booking } = await bookingOf(request);
      const session = await repo.getSession(ctx.tenant, booking.session_id);
      const ics = sessionIcs(session, booking, ctx.clock.now(), { cancelled: booking.status === 'cancelled', sequence: booking.status === 'cancelled' ? 1 : 0 });
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="training-${formatDateTime(session.starts_at).replace(/[^A-Za-z0-9]+/g, '-')}.ics"`).header('cache-control', 'no-store').send(ics);
    });
  };
}
