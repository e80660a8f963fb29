import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues, type FormErrors } from '../../platform/forms.js';
import { isUuid } from '../../platform/ids.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import { prospective } from './repository.js';
import { addCase, cases, closeProblem, getCase, packageParts, updateCase, type PackagePart } from './sustainability.js';

type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Sustainability concern cases: raise, agree the package, record the business review, close. */
export function sustainabilityRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const casePage = async (request: FastifyRequest<IdParams>, extra: { errors?: FormErrors; values?: Record<string, unknown> } = {}) => {
    const c = isUuid(request.params.id) ? await getCase(ctxOf(request).tenant, request.params.id) : undefined;
    if (!c) throw new NotFoundError();
    return { c, packageParts, values: (extra.values ?? { package: c.package }) as Record<string, string>, errors: extra.errors };
  };
  /** the subject from ?urn= or ?prospective=, checked to be the LA's own */
  const subject = async (request: FastifyRequest, source: Body) => {
    const ctx = ctxOf(request);
    const urn = text(source.urn);
    const pid = text(source.prospective);
    if (urn) {
      const p = await getProvider(ctx.tenant, urn);
      return p ? { urn: p.urn, prospectiveId: null, name: p.name ?? `URN ${p.urn}` } : null;
    }
    if (pid && isUuid(pid)) {
      const p = await prospective(ctx.tenant, pid);
      return p ? { urn: null, prospectiveId: p.id, name: `${p.name} (prospective provider)` } : null;
    }
    return null;
  };

  return async (app: FastifyInstance) => {
    app.get('/sustainability', { config: { permission: 'prospective:view' } }, async (request, reply) => {
      const list = await cases(ctxOf(request).tenant);
      return render(request, reply, 'prospective/views/sustainability-list.njk', { open: list.filter((c) => !c.closed_on), closed: list.filter((c) => c.closed_on), packageParts });
    });
    app.get('/sustainability/new', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const query = request.query as Body;
      const s = await subject(request, query);
      if (!s) throw new NotFoundError();
      return render(request, reply, 'prospective/views/sustainability-new.njk', { s, values: { urn: s.urn ?? '', prospective: s.prospectiveId ?? '' } });
    });
    app.post('/sustainability', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      const s = await subject(request, body);
      if (!s) throw new NotFoundError();
      const concern = text(body.concern);
      const raised = dateFromParts(body, 'raised', 'date the concern was raised', londonDate(ctx.clock.now()), 'past');
      const problems: [string, string][] = [];
      if (!concern) problems.push(['concern', 'Enter the concern']);
      else if (concern.length > 4000) problems.push(['concern', 'The concern must be 4000 characters or fewer']);
      if (raised.error) problems.push(['raised-day', raised.error]);
      if (problems.length) return render(request, reply, 'prospective/views/sustainability-new.njk', { s, values: formValues(body), errors: formErrors(problems) }, 400);
      const id = await addCase(ctx.tenant, { urn: s.urn, prospectiveId: s.prospectiveId, concern, raisedOn: raised.value! }, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sustainability.case_opened', recordType: 'sustainability_case', recordId: id });
      setFlash(reply, 'Sustainability concern recorded: agree the package of support');
      return reply.redirect(`/sustainability/${id}`, 303);
    });
    app.get<IdParams>('/sustainability/:id', { config: { permission: 'prospective:view' } }, async (request, reply) => {
      const page = await casePage(request);
      await appendAudit(ctxOf(request).tenant, ctxOf(request).ip, { action: 'sustainability.case_viewed', recordType: 'sustainability_case', recordId: page.c.id });
      return render(request, reply, 'prospective/views/sustainability-case.njk', page);
    });
    app.post<IdParams>('/sustainability/:id', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await casePage(request);
      const body = (request.body ?? {}) as Body;
      const today = londonDate(ctx.clock.now());
      const problems: [string, string][] = [];
      let change: Parameters<typeof updateCase>[2] = {};
      let done = '';
      if (body.part === 'package') {
        const parts = ([] as unknown[]).concat(body.package ?? []).map(String).filter((p): p is PackagePart => p in packageParts);
        if (!parts.length) problems.push(['package', 'Select the support in the package']);
        change = { package: parts };
        done = 'Package of support saved';
      } else if (body.part === 'review') {
        const on = dateFromParts(body, 'review', 'date of the business review', today, 'past');
        if (on.error) problems.push(['review-day', on.error]);
        if (!text(body.businessReview)) problems.push(['businessReview', 'Enter what the business review found']);
        change = { business_review_on: on.value, business_review: text(body.businessReview).slice(0, 8000) };
        done = 'Business review recorded';
      } else {
        const blocked = closeProblem(page.c);
        const on = dateFromParts(body, 'closed', 'date the case closed', today, 'past');
        if (on.error) problems.push(['closed-day', on.error]);
        if (blocked) problems.push(['closure', blocked]);
        if (!text(body.closure)) problems.push(['closure', 'Enter the outcome of the support']);
        change = { closed_on: on.value, closure: text(body.closure).slice(0, 4000) };
        done = 'Case closed';
      }
      if (problems.length) return render(request, reply, 'prospective/views/sustainability-case.njk', await casePage(request, { values: { ...formValues(body), package: ([] as unknown[]).concat(body.package ?? []) }, errors: formErrors(problems) }), 400);
      await updateCase(ctx.tenant, page.c.id, change, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sustainability.case_updated', recordType: 'sustainability_case', recordId: page.c.id, details: { part: String(body.part ?? 'close') } });
      setFlash(reply, done);
      return reply.redirect(`/sustainability/${page.c.id}`, 303);
    });
  };
}
