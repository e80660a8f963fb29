import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues } from '../../platform/forms.js';
import { isUuid } from '../../platform/ids.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import * as repo from './repository.js';
import { dutyLabels, engagementKinds, ragClasses, ragLabels, ragMeanings, rags } from './rules.js';
import { engagementSchema, headingSchema, recommendationSchema, updateSchema } from './schemas.js';
import { strategyReportRoutes } from './report-routes.js';

type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;
const problemsOf = (issues: { path: PropertyKey[]; message: string }[]): [string, string][] => issues.map((i) => [String(i.path[0]), i.message]);
const vocabulary = { dutyLabels, ragLabels, ragClasses, ragMeanings, rags, engagementKinds };
/** form values with the ticked boxes kept as lists */
const kept = (body: Body, ...lists: string[]) => ({ ...formValues(body), ...Object.fromEntries(lists.map((k) => [k, ([] as unknown[]).concat(body[k] ?? []).map(String)])) });

export function strategyRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  async function getRecommendation(request: FastifyRequest<IdParams>) {
    const r = isUuid(request.params.id) ? await repo.recommendation(ctxOf(request).tenant, request.params.id) : undefined;
    if (!r) throw new NotFoundError();
    return r;
  }

  return async (app: FastifyInstance) => {
    await app.register(strategyReportRoutes(deps));

    app.get('/strategy', { config: { permission: 'strategy:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const [heads, recs, engaged] = await Promise.all([repo.headings(ctx.tenant, ctx.clock.now()), repo.recommendations(ctx.tenant), repo.engagements(ctx.tenant)]);
      const groups = heads.map((h) => ({ ...h, items: recs.filter((r) => r.heading_id === h.id) }));
      return render(request, reply, 'strategy/views/register.njk', { groups, engagementCount: engaged.length, ...vocabulary });
    });

    const formPage = async (request: FastifyRequest, values: Record<string, unknown>, errors?: ReturnType<typeof formErrors>) => ({
      headings: await repo.headings(ctxOf(request).tenant, ctxOf(request).clock.now()), values: values as Record<string, string>, errors, ...vocabulary,
    });
    app.get('/strategy/recommendations/new', { config: { permission: 'strategy:manage' } }, async (request, reply) =>
      render(request, reply, 'strategy/views/new.njk', await formPage(request, { rag: '', duties: [] })));
    app.post('/strategy/recommendations', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      const parsed = recommendationSchema.safeParse(body);
      const target = body['target-day'] || body['target-month'] || body['target-year'] ? dateFromParts(body, 'target', 'target date', '', 'any') : { value: undefined };
      const problems = parsed.success ? [] : problemsOf(parsed.error.issues);
      if (target.error) problems.push(['target-day', target.error]);
      const heads = await repo.headings(ctx.tenant, ctx.clock.now());
      if (parsed.success && !heads.some((h) => h.id === parsed.data.headingId)) problems.unshift(['headingId', 'Select the heading']);
      if (!parsed.success || problems.length) return render(request, reply, 'strategy/views/new.njk', await formPage(request, kept(body, 'duties'), formErrors(orderErrors(problems))), 400);
      const v = parsed.data;
      const id = await ctx.tenant.transaction(async (tx) => {
        const newId = await repo.addRecommendation(tx, { ...v, targetDate: target.value ?? null }, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'strategy.recommendation_added', recordType: 'strategy_recommendation', recordId: newId });
        return newId;
      });
      setFlash(reply, 'Recommendation added to the strategy register');
      return reply.redirect(`/strategy/recommendations/${id}`, 303);
    });

    const recommendationPage = async (request: FastifyRequest<IdParams>) => {
      const ctx = ctxOf(request);
      const r = await getRecommendation(request);
      const [history, linked] = await Promise.all([repo.ragUpdates(ctx.tenant, r.id), repo.engagements(ctx.tenant, r.id)]);
      return { r, history: [...history].reverse(), linked, ...vocabulary };
    };
    app.get<IdParams>('/strategy/recommendations/:id', { config: { permission: 'strategy:view' } }, async (request, reply) => {
      const page = await recommendationPage(request);
      const [y, m, d] = (page.r.target_date ?? '').split('-');
      return render(request, reply, 'strategy/views/recommendation.njk', { ...page, values: { rag: page.r.rag, owner: page.r.owner, 'target-day': d ?? '', 'target-month': m ?? '', 'target-year': y ?? '' } });
    });
    app.post<IdParams>('/strategy/recommendations/:id', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await recommendationPage(request);
      const body = (request.body ?? {}) as Body;
      const parsed = updateSchema.safeParse(body);
      const target = body['target-day'] || body['target-month'] || body['target-year'] ? dateFromParts(body, 'target', 'target date', '', 'any') : { value: undefined };
      const problems = parsed.success ? [] : problemsOf(parsed.error.issues);
      if (target.error) problems.push(['target-day', target.error]);
      if (!parsed.success || problems.length) return render(request, reply, 'strategy/views/recommendation.njk', { ...page, values: formValues(body), errors: formErrors(orderErrors(problems, updateOrder)) }, 400);
      await ctx.tenant.transaction(async (tx) => {
        await repo.updateRecommendation(tx, page.r.id, { ...parsed.data, targetDate: target.value ?? null }, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'strategy.recommendation_updated', recordType: 'strategy_recommendation', recordId: page.r.id, details: { rag: parsed.data.rag } });
      });
      setFlash(reply, `Status updated to ${ragLabels[parsed.data.rag]}`);
      return reply.redirect(`/strategy/recommendations/${page.r.id}`, 303);
    });

    app.get('/strategy/headings', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      return render(request, reply, 'strategy/views/headings.njk', { headings: await repo.headings(ctx.tenant, ctx.clock.now()) });
    });
    app.post('/strategy/headings', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      const parsed = headingSchema.safeParse(body);
      const problems = parsed.success ? [] : problemsOf(parsed.error.issues);
      if (parsed.success && (await repo.headingNamed(ctx.tenant, parsed.data.name, null))) problems.push(['name', `There is already a heading called ${parsed.data.name}`]);
      if (!parsed.success || problems.length) return render(request, reply, 'strategy/views/headings.njk', { headings: await repo.headings(ctx.tenant, ctx.clock.now()), values: formValues(body), errors: formErrors(problems) }, 400);
      await repo.addHeading(ctx.tenant, parsed.data.name, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'strategy.heading_added', details: { name: parsed.data.name } });
      setFlash(reply, `Heading ${parsed.data.name} added`);
      return reply.redirect('/strategy/headings', 303);
    });
    app.post<IdParams>('/strategy/headings/:id', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      if (!isUuid(request.params.id) || !(await repo.headings(ctx.tenant, ctx.clock.now())).some((h) => h.id === request.params.id)) throw new NotFoundError();
      const body = (request.body ?? {}) as Body;
      const name = typeof body.name === 'string' ? body.name.trim() : '';
      const field = `name-${request.params.id}`;
      const problem = !name ? 'Enter the heading' : name.length > 120 ? 'This must be 120 characters or fewer' : (await repo.headingNamed(ctx.tenant, name, request.params.id)) ? `There is already a heading called ${name}` : null;
      if (problem) return render(request, reply, 'strategy/views/headings.njk', { headings: await repo.headings(ctx.tenant, ctx.clock.now()), renaming: { id: request.params.id, name }, errors: formErrors([[field, problem]]) }, 400);
      await repo.renameHeading(ctx.tenant, request.params.id, name);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'strategy.heading_renamed', details: { id: request.params.id, name } });
      setFlash(reply, `Heading renamed ${name}`);
      return reply.redirect('/strategy/headings', 303);
    });

    app.get('/strategy/engagements', { config: { permission: 'strategy:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const [list, recs] = await Promise.all([repo.engagements(ctx.tenant), repo.recommendations(ctx.tenant)]);
      const titles = new Map(recs.map((r) => [r.id, r.title]));
      return render(request, reply, 'strategy/views/engagements.njk', { engagements: list.map((e) => ({ ...e, linked: e.recommendation_ids.map((id) => ({ id, title: titles.get(id) ?? '' })) })), ...vocabulary });
    });
    const engagementForm = async (request: FastifyRequest, values: Record<string, unknown>, errors?: ReturnType<typeof formErrors>) => ({ recommendations: await repo.recommendations(ctxOf(request).tenant), values: values as Record<string, string>, errors, ...vocabulary });
    app.get('/strategy/engagements/new', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const preset = typeof query.recommendation === 'string' && isUuid(query.recommendation) ? [query.recommendation] : [];
      return render(request, reply, 'strategy/views/engagement-new.njk', await engagementForm(request, { recommendationIds: preset }));
    });
    app.post('/strategy/engagements', { config: { permission: 'strategy:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      const parsed = engagementSchema.safeParse(body);
      const held = dateFromParts(body, 'held', 'date it took place', londonDate(ctx.clock.now()), 'past');
      const problems = parsed.success ? [] : problemsOf(parsed.error.issues);
      if (held.error) problems.push(['held-day', held.error]);
      const known = new Set((await repo.recommendations(ctx.tenant)).map((r) => r.id));
      const ids = parsed.success ? parsed.data.recommendationIds.filter((id) => known.has(id)) : [];
      if (!parsed.success || problems.length) return render(request, reply, 'strategy/views/engagement-new.njk', await engagementForm(request, kept(body, 'recommendationIds'), formErrors(orderErrors(problems))), 400);
      const id = await repo.addEngagement(ctx.tenant, { ...parsed.data, heldOn: held.value!, recommendationIds: ids }, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'strategy.engagement_recorded', recordType: 'strategy_engagement', recordId: id });
      setFlash(reply, 'Engagement recorded');
      return reply.redirect(ids.length === 1 ? `/strategy/recommendations/${ids[0]}` : '/strategy/engagements', 303);
    });
  };
}

/** Errors in the order the form asks its questions. */
const fieldOrder = ['kind', 'headingId', 'title', 'held-day', 'detail', 'duties', 'owner', 'target-day', 'rag', 'comment', 'summary'];
/** the status update asks for the status and what changed first, then owner and target date */
const updateOrder = ['rag', 'comment', 'owner', 'target-day'];
function orderErrors(problems: [string, string][], order: string[] = fieldOrder): [string, string][] {
  const at = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return [...problems].sort((a, b) => at(a[0]) - at(b[0]));
}
