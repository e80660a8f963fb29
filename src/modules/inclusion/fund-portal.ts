import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { ownProvider } from '../portal/index.js';
import { fundTerms, readApplication, recordApplication, statuses } from './fund.js';
import * as repo from './repository.js';
import { typed, type Problems } from './schemas.js';

type UrnParams = { Params: { urn: string } };

/**
 * A setting applies for the inclusion fund (SENIF) from the portal, for a child who attends it today
 * (`visibleChildren` with the setting's URN); the inclusion team decides at /inclusion/fund as before.
 */
export function portalFundRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const page = async (request: FastifyRequest<UrnParams>, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FormErrors } = {}, status = 200) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const today = londonDate(ctx.clock.now());
      const children = repo.visibleChildren(ctx.tenant, today, provider.urn);
      const [kids, mine, { names, current }] = await Promise.all([
        children.select(['inclusion_children.id', 'first_name', 'last_name']).orderBy('last_name').orderBy('first_name').execute(),
        ctx.tenant.selectFrom('inclusion_fund_applications').innerJoin('inclusion_children', 'inclusion_children.id', 'inclusion_fund_applications.child_id')
          .select(['inclusion_fund_applications.id', 'inclusion_fund_applications.term', 'hours_per_week', 'inclusion_fund_applications.status', 'tier', 'amount_pence', 'first_name', 'last_name'])
          .where('inclusion_fund_applications.urn', '=', provider.urn)
          .where('inclusion_fund_applications.child_id', 'in', repo.visibleChildren(ctx.tenant, today, provider.urn).select('inclusion_children.id'))
          .orderBy('inclusion_fund_applications.created_at', 'desc').execute(),
        fundTerms(ctx),
      ]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_fund.portal_viewed', recordType: 'provider', recordId: provider.urn, details: { applications: mine.length } });
      const values = extra.values ?? {};
      return render(request, reply, 'inclusion/views/portal-fund.njk', {
        provider, mine, statuses, values, errors: extra.errors,
        childItems: [{ value: '', text: 'Choose the child' }, ...kids.map((k) => ({ value: k.id, text: `${k.first_name} ${k.last_name}`, selected: values.child === k.id }))],
        termItems: names.map((n) => ({ value: n, text: n, selected: n === (values.term || current) })),
      }, status);
    };
    app.get<UrnParams>('/portal/:urn/inclusion/fund', { config: { permission: 'portal:view' } }, async (request, reply) => page(request, reply));
    app.post<UrnParams>('/portal/:urn/inclusion/fund', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const childId = typeof body.child === 'string' ? body.child : '';
      // only a child who attends this setting today, as the setting's users see them
      const child = childId ? await repo.visibleChildren(ctx.tenant, londonDate(ctx.clock.now()), provider.urn).select('inclusion_children.id').where('inclusion_children.id', '=', childId).executeTakeFirst() : undefined;
      if (!child) problems.push(['child', 'Choose the child the application is for']);
      const application = readApplication(body, problems);
      if (problems.length) return page(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      await recordApplication(ctx, child!.id, provider.urn, application);
      setFlash(reply, 'Application sent to the inclusion team');
      return reply.redirect(`/portal/${provider.urn}/inclusion/fund`, 303);
    });
  };
}
