import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import * as repo from './repository.js';
import { text, typed, type Problems } from './schemas.js';

type IdParams = { Params: { id: string } };
type TermQuery = { Querystring: { term?: string } };
export const statuses = { submitted: 'Waiting for a decision', approved: 'Approved', declined: 'Declined' } as const;
const POUNDS = /^\d{1,6}(\.\d{2})?$/;

/** One term's applications with the child (while their record is kept) and setting. */
function applications(ctx: ActionContext, term: string | null, id?: string) {
  let q = ctx.tenant.selectFrom('inclusion_fund_applications')
    .innerJoin('providers', 'providers.urn', 'inclusion_fund_applications.urn')
    .leftJoin('inclusion_children', 'inclusion_children.id', 'inclusion_fund_applications.child_id')
    .select(['inclusion_fund_applications.id', 'inclusion_fund_applications.urn', 'inclusion_fund_applications.term', 'hours_per_week', 'support_needed', 'evidence', 'inclusion_fund_applications.status', 'tier', 'amount_pence', 'inclusion_fund_applications.starts_on', 'review_on', 'decision_reason', 'inclusion_fund_applications.created_at', 'providers.name as provider_name', 'inclusion_children.first_name', 'inclusion_children.last_name'])
    .orderBy('inclusion_fund_applications.created_at');
  if (term) q = q.where('inclusion_fund_applications.term', '=', term);
  if (id) q = q.where('inclusion_fund_applications.id', '=', id);
  return q.execute();
}

/** The terms an application can be for (the LA's term dates and any already used) and the current or next one. */
export async function fundTerms(ctx: ActionContext) {
  const today = londonDate(ctx.clock.now());
  const [dated, used] = await Promise.all([
    ctx.tenant.selectFrom('term_dates').select(['name', 'starts_on', 'ends_on']).orderBy('starts_on').execute(),
    ctx.tenant.selectFrom('inclusion_fund_applications').select('term').distinct().execute(),
  ]);
  const names = [...new Set([...dated.map((t) => t.name), ...used.map((u) => u.term)])];
  const current = dated.find((t) => t.starts_on <= today && today <= t.ends_on)?.name ?? dated.find((t) => t.starts_on > today)?.name ?? names[0] ?? null;
  return { names, current };
}

/** What an application says (term, hours of support a week, support needed, evidence), staff's or the setting's. */
export function readApplication(body: Record<string, unknown>, problems: Problems) {
  const term = text(body, 'term', 60, problems, 'Choose the term');
  const hours = String(body.hours ?? '').trim();
  if (!/^\d{1,2}(\.\d)?$/.test(hours) || Number(hours) <= 0 || Number(hours) > 60) problems.push(['hours', 'Enter the hours of support a week, like 15 or 7.5']);
  const support = text(body, 'support', 5000, problems, 'Describe the support needed');
  const evidence = text(body, 'evidence', 5000, problems, 'Describe the evidence, like the SEN support plan and the Area SENCo’s advice');
  return { term, hours, support, evidence };
}

/** Saves an application for a child at a setting (already checked visible to the user), audited. */
export async function recordApplication(ctx: ActionContext, childId: string, urn: string, a: ReturnType<typeof readApplication>): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    const row = await tx.insertInto('inclusion_fund_applications', { child_id: childId, urn, term: a.term, hours_per_week: a.hours, support_needed: a.support, evidence: a.evidence, created_by: ctx.user.id, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.ip, { action: 'inclusion_fund.applied', recordType: 'inclusion_child', recordId: childId, details: { application: row.id, urn, term: a.term } });
    return row.id;
  });
}

/** Inclusion fund (SENIF): applications for a child at a setting, the decision with tier or amount and dates, a list per term with CSV. */
export function fundRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const today = (ctx: ActionContext) => londonDate(ctx.clock.now());
  return async (app: FastifyInstance) => {
    const terms = fundTerms;
    const listPage = async (request: FastifyRequest<TermQuery>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const { names, current } = await terms(ctx);
      const term = request.query.term && names.includes(request.query.term) ? request.query.term : current;
      const values = (extra.values ?? {}) as Record<string, string>;
      const [rows, childItems] = await Promise.all([applications(ctx, term), repo.childAtSettingItems(ctx.tenant, today(ctx), values.child ?? '')]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_fund.list_viewed', details: { term } });
      const spend = rows.filter((r) => r.status === 'approved').reduce((n, r) => n + (r.amount_pence ?? 0), 0);
      return render(request, reply, 'inclusion/views/fund.njk', {
        rows, term, statuses, spend, childItems, values,
        termItems: names.map((n) => ({ value: n, text: n, selected: n === (values.term || term) })),
        ...extra,
      }, status);
    };
    app.get<TermQuery>('/inclusion/fund', { config: { permission: 'inclusion:work' } }, async (request, reply) => listPage(request, reply));
    app.get<TermQuery>('/inclusion/fund/export', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const term = request.query.term ?? (await terms(ctx)).current;
      const rows = await applications(ctx, term);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_fund.exported', details: { term, rows: rows.length } });
      const csv = toCsv(['Term', 'Child', 'URN', 'Setting', 'Hours a week', 'Support needed', 'Status', 'Tier', 'Amount (£)', 'Starts', 'Review', 'Reason'], rows.map((r) => [r.term, r.first_name ? `${r.first_name} ${r.last_name}` : 'Record deleted', r.urn, r.provider_name, r.hours_per_week, r.support_needed, statuses[r.status], r.tier, r.amount_pence === null ? '' : (r.amount_pence / 100).toFixed(2), r.starts_on, r.review_on, r.decision_reason]));
      const name = (term ?? 'all').replace(/[^A-Za-z0-9-]+/g, '-').toLowerCase();
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="inclusion-fund-${name}.csv"`).header('cache-control', 'no-store').send(csv);
    });
    app.post<TermQuery>('/inclusion/fund', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const [childId, urn] = String(body.child ?? '').split('|');
      const visible = childId && urn ? (await repo.childAtSettingItems(ctx.tenant, today(ctx), '')).some((i) => i.value === `${childId}|${urn}`) : false;
      if (!visible) problems.push(['child', 'Choose the child and the setting applying']);
      const application = readApplication(body, problems);
      if (problems.length) return listPage(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      const id = await recordApplication(ctx, childId!, urn!, application);
      setFlash(reply, 'Application recorded');
      return reply.redirect(`/inclusion/fund/${id}`, 303);
    });

    const one = async (ctx: ActionContext, id: string) => {
      const [row] = await applications(ctx, null, id);
      if (!row) throw new NotFoundError();
      return row;
    };
    const decisionPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const application = await one(ctx, request.params.id);
      const { fund_tiers: tiers } = await repo.settingsFor(ctx.tenant);
      const values = (extra.values ?? {}) as Record<string, string>;
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_fund.viewed', recordType: 'inclusion_fund', recordId: application.id });
      return render(request, reply, 'inclusion/views/fund-application.njk', { application, statuses, values, tierItems: [{ value: '', text: 'No tier' }, ...tiers.map((t) => ({ value: t, text: t, selected: values.tier === t }))], ...extra }, status);
    };
    app.get<IdParams>('/inclusion/fund/:id', { config: { permission: 'inclusion:work' } }, async (request, reply) => decisionPage(request, reply));
    app.post<IdParams>('/inclusion/fund/:id/decision', { config: { permission: 'inclusion:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const application = await one(ctx, request.params.id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const decision = body.decision === 'approved' || body.decision === 'declined' ? body.decision : null;
      if (!decision) problems.push(['decision', 'Choose whether the application is approved']);
      const { fund_tiers: tiers } = await repo.settingsFor(ctx.tenant);
      const tier = typeof body.tier === 'string' && tiers.includes(body.tier) ? body.tier : null;
      const pounds = String(body.amount ?? '').trim();
      if (pounds && !POUNDS.test(pounds)) problems.push(['amount', 'Enter the amount in pounds, like 1200 or 1200.50']);
      if (decision === 'approved' && !tier && !pounds) problems.push(['tier', 'Choose the tier or enter the amount']);
      const starts = decision === 'approved' ? dateFromParts(body, 'starts', 'date the funding starts', today(ctx), 'any') : {};
      if (starts.error) problems.push(['starts-day', starts.error]);
      const review = decision === 'approved' ? dateFromParts(body, 'review', 'review date', today(ctx), 'future') : {};
      if (review.error) problems.push(['review-day', review.error]);
      const reason = text(body, 'reason', 2000, problems, decision === 'declined' ? 'Enter the reason the application is declined' : undefined);
      if (application.status !== 'submitted') problems.push(['decision', 'This application has already been decided']);
      if (problems.length) return decisionPage(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      await ctx.tenant.transaction(async (tx) => {
        await tx.updateTable('inclusion_fund_applications').set({ status: decision!, tier, amount_pence: pounds ? Math.round(Number(pounds) * 100) : null, starts_on: starts.value ?? null, review_on: review.value ?? null, decision_reason: reason || null, decided_by: ctx.user.id, decided_at: ctx.clock.now() }).where('id', '=', application.id).execute();
        await appendAudit(tx, ctx.ip, { action: `inclusion_fund.${decision}`, recordType: 'inclusion_fund', recordId: application.id, details: { tier, amountPence: pounds ? Math.round(Number(pounds) * 100) : null } });
      });
      setFlash(reply, decision === 'approved' ? 'Application approved' : 'Application declined');
      return reply.redirect(`/inclusion/fund?term=${encodeURIComponent(application.term)}`, 303);
    });
  };
}
