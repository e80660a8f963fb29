import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Attendance, DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { formatDate, formatDateTime, londonDate } from '../../platform/dates.js';
import { formErrors, formValues } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import { certificatePdf } from './mail.js';
import { attendanceLabels, bookingStatusLabels, incomeSummary, presentSession } from './presenters.js';
import * as repo from './repository.js';
import { money } from './rules.js';
import { ATTENDEE_ROWS, parseAttendees, parseCourse, parseRules, parseSession } from './schemas.js';
import { bookPlaces, cancelBooking, cancellationQuote, takeRegister } from './service.js';

/* Staff pages of training and events: the catalogue, sessions, bookings on a setting's behalf, the register, income and the rules. */

const view: Permission = 'training:view';
const manage: Permission = 'training:manage';
type IdParams = { Params: { id: string } };
const kinds = Object.entries(repo.kindLabels).map(([value, text]) => ({ value, text }));

export function trainingRoutes(deps: { db: Kysely<DB>; clock: Clock; publicBaseUrl: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  return async (app: FastifyInstance) => {
    app.get('/training', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const courses = (await repo.listCourses(ctx.tenant, ctx.clock.now())).map((c) => ({ ...c, priceText: c.funding === 'free' ? 'Free' : money(c.price_pence) }));
      return render(request, reply, 'events/views/catalogue.njk', { courses, kindLabels: repo.kindLabels });
    });

    app.get('/training/courses/new', { config: { permission: manage } }, async (request, reply) => render(request, reply, 'events/views/course-new.njk', { kinds, values: { kind: 'training' } }));
    app.post('/training/courses', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const form = parseCourse(bodyOf(request));
      if (!form.ok) return render(request, reply, 'events/views/course-new.njk', { kinds, values: formValues(bodyOf(request)), errors: form.errors }, 400);
      const id = await ctx.tenant.transaction(async (tx) => {
        const courseId = await repo.createCourse(tx, form.value, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'training.course_added', recordType: 'training_course', recordId: courseId });
        return courseId;
      });
      setFlash(reply, `${form.value.title} added to the catalogue: now add its sessions`);
      return reply.redirect(`/training/courses/${id}`, 303);
    });

    app.get<IdParams>('/training/courses/:id', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const course = await repo.getCourse(ctx.tenant, request.params.id);
      const sessions = (await repo.sessionsOfCourse(ctx.tenant, course.id)).map((s) => presentSession(s, ctx.clock.now()));
      return render(request, reply, 'events/views/course.njk', { course, sessions, kindLabels: repo.kindLabels, priceText: course.funding === 'free' ? 'Free (centrally funded)' : `${money(course.price_pence)} per place` });
    });

    app.get<IdParams>('/training/courses/:id/sessions/new', { config: { permission: manage } }, async (request, reply) => {
      const course = await repo.getCourse(ctxOf(request).tenant, request.params.id);
      return render(request, reply, 'events/views/session-new.njk', { course, values: {} });
    });
    app.post<IdParams>('/training/courses/:id/sessions', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const course = await repo.getCourse(ctx.tenant, request.params.id);
      const form = parseSession(bodyOf(request), londonDate(ctx.clock.now()));
      if (!form.ok) return render(request, reply, 'events/views/session-new.njk', { course, values: formValues(bodyOf(request)), errors: form.errors }, 400);
      const id = await ctx.tenant.transaction(async (tx) => {
        const sessionId = await repo.createSession(tx, course.id, form.value, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'training.session_added', recordType: 'training_session', recordId: sessionId });
        return sessionId;
      });
      setFlash(reply, `Session added: ${formatDateTime(form.value.startsAt)}`);
      return reply.redirect(`/training/sessions/${id}`, 303);
    });

    const sessionPage = async (request: FastifyRequest<IdParams>) => {
      const ctx = ctxOf(request);
      const session = presentSession(await repo.getSession(ctx.tenant, request.params.id), ctx.clock.now());
      const [bookings, evaluations] = await Promise.all([repo.sessionBookings(ctx.tenant, session.id), repo.sessionEvaluations(ctx.tenant, session.id)]);
      const income = incomeSummary(bookings.map((b) => ({ ...b, title: session.title, starts_at: session.starts_at })));
      const registerOpen = londonDate(ctx.clock.now()) >= londonDate(session.starts_at);
      const shown = bookings.map((b) => ({ ...b, statusText: bookingStatusLabels[b.status], chargeText: b.status === 'cancelled' ? (b.cancellation_charge_pence ? `${money(b.cancellation_charge_pence)} (late)` : 'None') : money(b.charge_pence) }));
      return { session, places: shown.filter((b) => b.status === 'booked'), waitingList: shown.filter((b) => b.status === 'waiting'), cancelled: shown.filter((b) => b.status === 'cancelled'), income: income.total, evaluations, registerOpen, attendanceLabels };
    };
    app.get<IdParams>('/training/sessions/:id', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await sessionPage(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'training.bookings_viewed', recordType: 'training_session', recordId: page.session.id });
      return render(request, reply, 'events/views/session.njk', page);
    });

    app.post<IdParams>('/training/sessions/:id/register', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await sessionPage(request);
      const body = bodyOf(request);
      const marks = new Map<string, Attendance>();
      for (const p of page.places) {
        const mark = body[`attendance-${p.id}`];
        if (mark === 'attended' || mark === 'did_not_attend') marks.set(p.id, mark);
      }
      if (!page.registerOpen || marks.size < page.places.length) {
        const missing = page.places.filter((p) => !marks.has(p.id)).map((p) => [`attendance-${p.id}`, `Select whether ${p.attendee_name} attended`] as [string, string]);
        const errors = formErrors(page.registerOpen ? missing : [['register', `The register can be taken from ${formatDate(page.session.starts_at)}`]]);
        return render(request, reply, 'events/views/session.njk', { ...page, values: formValues(body), errors }, 400);
      }
      const { certificates } = await takeRegister(ctx.tenant, page.session.id, marks, ctx.clock.now(), deps.publicBaseUrl);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'training.register_taken', recordType: 'training_session', recordId: page.session.id, details: { attended: [...marks.values()].filter((m) => m === 'attended').length, certificates } });
      setFlash(reply, `Register saved. ${certificates} ${certificates === 1 ? 'certificate' : 'certificates'} e-mailed`);
      return reply.redirect(`/training/sessions/${page.session.id}`, 303);
    });

    const bookPage = async (request: FastifyRequest<IdParams>) => ({ session: presentSession(await repo.getSession(ctxOf(request).tenant, request.params.id), ctxOf(request).clock.now()), rows: ATTENDEE_ROWS });
    app.get<IdParams>('/training/sessions/:id/book', { config: { permission: manage } }, async (request, reply) => render(request, reply, 'events/views/session-book.njk', { ...(await bookPage(request)), values: {} }));
    app.post<IdParams>('/training/sessions/:id/book', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await bookPage(request);
      const body = bodyOf(request);
      const urn = typeof body.urn === 'string' ? body.urn.trim().toUpperCase() : '';
      const provider = urn ? await getProvider(ctx.tenant, urn) : undefined;
      const attendees = parseAttendees(body);
      const problems: [string, string][] = provider ? [] : [['urn', urn ? `No setting of ours has the URN ${urn}` : 'Enter the setting’s URN']];
      if (!attendees.ok) problems.push(...attendees.errors.list.map((e) => [e.href.slice(1), e.text] as [string, string]));
      if (!problems.length && attendees.ok && provider) {
        const result = await bookPlaces(ctx.tenant, { sessionId: page.session.id, urn: provider.urn, attendees: attendees.value }, ctx.clock.now());
        if (result.ok) {
          await appendAudit(ctx.tenant, ctx.ip, { action: 'training.places_booked', recordType: 'training_session', recordId: page.session.id, details: { urn: provider.urn, booked: result.booked, waiting: result.waiting } });
          setFlash(reply, bookedMessage(result.booked, result.waiting));
          return reply.redirect(`/training/sessions/${page.session.id}`, 303);
        }
        problems.push(['name-1', result.duplicates ? `Already booked or waiting: ${result.duplicates.join(', ')}` : result.reason]);
      }
      return render(request, reply, 'events/views/session-book.njk', { ...page, values: formValues(body), errors: formErrors(problems) }, 400);
    });

    app.get<IdParams>('/training/bookings/:id/cancel', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const quote = await cancellationQuote(ctx.tenant, request.params.id, ctx.clock.now());
      return render(request, reply, 'events/views/cancel.njk', { ...quote, chargeText: money(quote.pence, 'no charge'), freeUntilText: formatDate(quote.freeUntil), action: `/training/bookings/${quote.booking.id}/cancel`, backHref: `/training/sessions/${quote.session.id}` });
    });
    app.post<IdParams>('/training/bookings/:id/cancel', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const booking = await repo.getBooking(ctx.tenant, request.params.id);
      const result = await cancelBooking(ctx.tenant, booking.id, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'training.booking_cancelled', recordType: 'training_session', recordId: booking.session_id, details: { booking: booking.id, chargePence: result.pence, promoted: result.promoted.length } });
      setFlash(reply, cancelledMessage(result.pence, result.promoted.length));
      return reply.redirect(`/training/sessions/${booking.session_id}`, 303);
    });

    app.get<IdParams>('/training/bookings/:id/certificate.pdf', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const booking = await repo.getBooking(ctx.tenant, request.params.id);
      if (booking.attendance !== 'attended') return reply.code(404).send('No certificate: not marked as attended');
      const session = await repo.getSession(ctx.tenant, booking.session_id);
      const provider = await getProvider(ctx.tenant, booking.urn);
      const la = await ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', ctx.tenant.scope.laCode).executeTakeFirstOrThrow());
      const pdf = await certificatePdf({ laName: la.name, attendee: booking.attendee_name, settingName: provider?.name ?? 'Childminder', title: session.title, date: session.starts_at, team: session.team });
      await appendAudit(ctx.tenant, ctx.ip, { action: 'training.certificate_downloaded', recordType: 'training_session', recordId: session.id, details: { booking: booking.id } });
      return reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="certificate.pdf"').header('cache-control', 'no-store').send(pdf);
    });

    app.get('/training/income', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      return render(request, reply, 'events/views/income.njk', incomeSummary(await repo.incomeRows(ctx.tenant)));
    });
    app.get('/training/income.csv', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = (await repo.incomeRows(ctx.tenant)).filter((r) => (r.status === 'booked' ? r.charge_pence : r.cancellation_charge_pence) > 0);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'training.income_exported', recordType: 'training_session' });
      const csv = toCsv(
        ['Session date', 'Course', 'Team', 'URN', 'Setting', 'Attendee', 'Charge for', 'Amount (GBP)', 'Booking reference'],
        rows.map((r) => [londonDate(r.starts_at), r.title, r.team, r.urn, r.provider_name ?? 'Childminder', r.attendee_name, r.status === 'booked' ? (r.attendance === 'did_not_attend' ? 'Place (did not attend)' : 'Place') : 'Late cancellation', ((r.status === 'booked' ? r.charge_pence : r.cancellation_charge_pence) / 100).toFixed(2), r.id]),
      );
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="training-income.csv"').header('cache-control', 'no-store').send(csv);
    });

    const rulesValues = (r: Awaited<ReturnType<typeof repo.loadRules>>) => ({ freeCancellationWorkingDays: String(r.freeCancellationWorkingDays), lateCancellationPercent: String(r.lateCancellationPercent), reminderDays: String(r.reminderDays) });
    app.get('/training/rules', { config: { permission: manage } }, async (request, reply) => render(request, reply, 'events/views/rules.njk', { values: rulesValues(await repo.loadRules(ctxOf(request).tenant)) }));
    app.post('/training/rules', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const form = parseRules(bodyOf(request));
      if (!form.ok) return render(request, reply, 'events/views/rules.njk', { values: formValues(bodyOf(request)), errors: form.errors }, 400);
      await ctx.tenant.transaction(async (tx) => {
        await repo.saveRules(tx, form.value, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'training.rules_changed', details: { ...form.value } });
      });
      setFlash(reply, 'Booking rules saved');
      return reply.redirect('/training', 303);
    });
  };
}

export function bookedMessage(booked: number, waiting: number): string {
  const parts = [];
  if (booked) parts.push(`${booked} ${booked === 1 ? 'place' : 'places'} booked`);
  if (waiting) parts.push(`${waiting} on the waiting list`);
  return `${parts.join(' and ')}. Each attendee has been e-mailed`;
}

export function cancelledMessage(pence: number, promoted: number): string {
  return `Place cancelled${pence ? `: a late cancellation, ${money(pence)} will be charged` : ' with no charge'}${promoted ? '. The place went to the first on the waiting list' : ''}`;
}
