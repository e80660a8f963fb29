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
import { getProvider } from '../providers/index.js';
import { dafRegister, recordDafClaim } from './daf.js';
import { areasOfNeed, consentPurposes, contactMethods, decisions, entryKinds, levelsOfNeed, options, services, visitPlaces } from './labels.js';
import * as repo from './repository.js';
import { text, typed, type Problems } from './schemas.js';
import { addEntry, closeCase, moveSetting, type EntryInput } from './service.js';

type IdParams = { Params: { id: string } };
const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** The allocated practitioner's case: the child's record, contacts, visits, notes, targets, settings, closure; and the DAF register. */
export function caseRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const today = (ctx: ActionContext) => londonDate(ctx.clock.now());
  return async (app: FastifyInstance) => {
    const casePage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const child = await repo.findChild(ctx.tenant, request.params.id, today(ctx));
      const [settings, consents, entries, referrals] = await Promise.all([repo.settingsOf(ctx.tenant, child.id), repo.consentsOf(ctx.tenant, child.id), repo.entriesOf(ctx.tenant, child.id), repo.referralsOf(ctx.tenant, { childId: child.id })]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_child.viewed', recordType: 'inclusion_child', recordId: child.id });
      const kind = String((extra.values as Record<string, unknown> | undefined)?.kind ?? 'contact');
      return render(request, reply, 'inclusion/views/child.njk', {
        child, settings, consents, entries, referrals, today: today(ctx),
        levelsOfNeed, areasOfNeed, services, decisions, entryKinds, contactMethods, visitPlaces, consentPurposes,
        kindItems: options(entryKinds, kind), methodItems: options(contactMethods, String((extra.values as Record<string, unknown> | undefined)?.method ?? '')), placeItems: options(visitPlaces, String((extra.values as Record<string, unknown> | undefined)?.place ?? '')),
        values: {}, ...extra,
      }, status);
    };
    app.get<IdParams>('/inclusion/children/:id', { config: { permission: 'inclusion:case' } }, async (request, reply) => casePage(request, reply));

    app.post<IdParams>('/inclusion/children/:id/entries', { config: { permission: 'inclusion:case' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await repo.findChild(ctx.tenant, request.params.id, today(ctx));
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const kind = typeof body.kind === 'string' && Object.hasOwn(entryKinds, body.kind) ? (body.kind as EntryInput['kind']) : null;
      if (!kind) problems.push(['kind', 'Choose what you are recording']);
      const on = dateFromParts(body, 'on', 'date', today(ctx), kind === 'visit' || kind === 'target' ? 'any' : 'past');
      if (on.error) problems.push(['on-day', on.error]);
      const method = kind === 'contact' ? (typeof body.method === 'string' && Object.hasOwn(contactMethods, body.method) ? body.method : null) : null;
      if (kind === 'contact' && !method) problems.push(['method', 'Choose how you contacted the family or setting']);
      const place = kind === 'visit' ? (typeof body.place === 'string' && Object.hasOwn(visitPlaces, body.place) ? body.place : null) : null;
      if (kind === 'visit' && !place) problems.push(['place', 'Choose whether the visit is at home or at the setting']);
      const atTime = kind === 'visit' ? String(body.atTime ?? '').trim() : '';
      if (kind === 'visit' && !TIME.test(atTime)) problems.push(['atTime', 'Enter the time of the visit, like 09:30 or 14:00']);
      const review = kind === 'target' ? dateFromParts(body, 'review', 'review date', today(ctx), 'future') : {};
      if (review.error) problems.push(['review-day', review.error]);
      const words = text(body, 'body', 5000, problems, kind === 'visit' ? 'Enter the address or what the visit is for' : kind === 'target' ? 'Enter the target' : 'Enter what happened');
      if (problems.length) return casePage(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      await addEntry(ctx, request.params.id, { kind: kind!, happensOn: on.value!, atTime: atTime || null, place, method, body: words, reviewOn: review.value ?? null });
      setFlash(reply, kind === 'visit' ? 'Visit booked' : `${entryKinds[kind!]} recorded`);
      return reply.redirect(`/inclusion/children/${request.params.id}`, 303);
    });

    app.post<IdParams>('/inclusion/children/:id/close', { config: { permission: 'inclusion:case' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await repo.findChild(ctx.tenant, request.params.id, today(ctx));
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const outcome = text(body, 'outcome', 2000, problems, 'Enter the outcome of the case');
      if (problems.length) return casePage(request, reply, { closeValues: typed(body), errors: formErrors(problems) }, 400);
      await closeCase(ctx, request.params.id, outcome);
      setFlash(reply, 'Case closed');
      return reply.redirect(`/inclusion/children/${request.params.id}`, 303);
    });

    app.post<IdParams>('/inclusion/children/:id/setting', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await repo.findChild(ctx.tenant, request.params.id, today(ctx));
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const urn = String(body.urn ?? '').trim().toUpperCase();
      if (!urn || !(await getProvider(ctx.tenant, urn))) problems.push(['urn', urn ? `No setting of yours has the URN ${urn}` : 'Enter the new setting’s Ofsted URN']);
      const from = dateFromParts(body, 'from', 'date the child starts there', today(ctx), 'any');
      if (from.error) problems.push(['from-day', from.error]);
      if (problems.length) return casePage(request, reply, { moveValues: typed(body), errors: formErrors(problems) }, 400);
      await moveSetting(ctx, request.params.id, urn, from.value!);
      setFlash(reply, 'Setting changed: the previous setting no longer sees this child');
      return reply.redirect(`/inclusion/children/${request.params.id}`, 303);
    });

    const dafPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const chosen = String((extra.values as Record<string, unknown> | undefined)?.claim ?? '');
      const [claims, claimItems] = await Promise.all([dafRegister(ctx), repo.childAtSettingItems(ctx.tenant, today(ctx), chosen)]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_daf.register_viewed' });
      return render(request, reply, 'inclusion/views/daf.njk', { claims, claimItems, values: {}, ...extra }, status);
    };
    app.get('/inclusion/daf', { config: { permission: 'inclusion:work' } }, async (request, reply) => dafPage(request, reply));
    app.post('/inclusion/daf', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const [childId, urn] = String(body.claim ?? '').split('|');
      if (!childId || !urn) problems.push(['claim', 'Choose the child and the nominated setting']);
      const evidence = text(body, 'dlaEvidence', 500, problems, 'Enter the Disability Living Allowance evidence seen, like “DLA award letter dated 1 October 2026”');
      const pounds = String(body.amount ?? '').trim();
      if (pounds && !/^\d{1,5}(\.\d{2})?$/.test(pounds)) problems.push(['amount', 'Enter the amount in pounds, like 910 or 910.00']);
      if (problems.length) return dafPage(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      const decision = await recordDafClaim(ctx, { childId: childId!, urn: urn!, dlaEvidence: evidence, amountPence: pounds ? Math.round(Number(pounds) * 100) : null });
      setFlash(reply, decision.paid ? `DAF payment recorded for ${decision.financialYear}` : `Claim refused: ${decision.reason}`);
      return reply.redirect('/inclusion/daf', 303);
    });
  };
}
