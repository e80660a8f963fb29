import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import type { Permission } from '../../platform/permissions.js';
import { render } from '../../platform/views.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { decisions, referralStatuses, services } from './labels.js';
import { draftLocals, formLocals, postReferral, uploadFile, type FormPlace } from './referral-pages.js';
import * as repo from './repository.js';

const permission: Permission = 'portal:view';
type UrnParams = { Params: { urn: string } };
type IdParams = { Params: { urn: string; id: string } };

/** The setting's referrals on its portal page, for children who attend it today. */
export function contributePortalReferrals(): void {
  portalPage.sections.add('inclusion', {
    async load(ctx, provider) {
      const referrals = await repo.referralsOf(ctx.tenant, { urn: provider.urn, attendingOn: londonDate(ctx.clock.now()) });
      const drafts = referrals.filter((r) => r.status === 'draft');
      return {
        template: 'inclusion/views/portal-section.njk',
        data: { referrals, referralStatuses, decisions },
        nextSteps: drafts.map((r) => ({ title: { text: `Finish the Early Years panel referral for ${r.first_name}` }, href: `/portal/${provider.urn}/inclusion/referrals/${r.id}`, status: { tag: { text: 'Draft', classes: 'govuk-tag--yellow' } } })),
      };
    },
  }, 70);
}

/** A setting refers a child to the Early Years panel from the portal (its own children only, while they attend it). */
export function portalInclusionRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const placeOf = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const place: FormPlace & { urn: string } = { portal: true, provider, urn: provider.urn, action: `/portal/${provider.urn}/inclusion/referrals` };
      return { ctx, provider, place };
    };
    const referralOf = async (request: FastifyRequest<IdParams>) => {
      const { ctx, provider, place } = await placeOf(request);
      const referral = await repo.findReferral(ctx.tenant, request.params.id, londonDate(ctx.clock.now()), provider.urn);
      return { ctx, provider, referral, place: { ...place, action: `/portal/${provider.urn}/inclusion/referrals/${referral.id}` } };
    };
    const back = (urn: string) => (id: string) => `/portal/${urn}/inclusion/referrals/${id}`;

    app.get<UrnParams>('/portal/:urn/inclusion/referrals/new', { config: { permission } }, async (request, reply) => {
      const { place } = await placeOf(request);
      return render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(place, {}, { referral: null, files: [] }));
    });
    app.post<UrnParams>('/portal/:urn/inclusion/referrals', { config: { permission } }, async (request, reply) => {
      const { ctx, place } = await placeOf(request);
      return postReferral(request, reply, ctx, place, null, back(place.urn));
    });
    app.get<IdParams>('/portal/:urn/inclusion/referrals/:id', { config: { permission } }, async (request, reply) => {
      const { ctx, provider, referral, place } = await referralOf(request);
      const locals = await draftLocals(ctx, place, referral, null);
      if (referral.status === 'draft') return render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(place, locals.values, locals));
      return render(request, reply, 'inclusion/views/portal-referral.njk', { ...locals, provider, referralStatuses, decisions, services });
    });
    app.post<IdParams>('/portal/:urn/inclusion/referrals/:id', { config: { permission } }, async (request, reply) => {
      const { ctx, referral, place } = await referralOf(request);
      return postReferral(request, reply, ctx, place, referral, back(place.urn));
    });
    app.post<IdParams>('/portal/:urn/inclusion/referrals/:id/files', { config: { permission } }, async (request, reply) => {
      const { ctx, referral, place } = await referralOf(request);
      return uploadFile(request, reply, ctx, place, referral, deps.uploadsDir, place.action);
    });
  };
}
