import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { lostRace, VersionRaceError } from '../../platform/edit-conflict.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import { decisionLetter } from './letter.js';
import { ensureEligibility } from './eligibility.js';
import { policyPartLabels, policyParts } from './policy.js';
import { parseRulesForm, provisionRows, rulesFormValues } from './rules-form.js';
import { decisionsFor, effectiveAt, eligibilityPage, eligibilityRows, factsFor, rulesFor, saveRules, type EligibilityQuery } from './repository.js';
import { statusLabels, streamLabels, streams, type Eligibility, type Status, type Stream } from './rules.js';
import { decideFunding, getDecision } from './service.js';

type Query = { Querystring: Record<string, string | undefined> };
const isStream = (s: unknown): s is Stream => typeof s === 'string' && (streams as readonly string[]).includes(s);
const statusTag: Record<Status, string> = { eligible: 'govuk-tag--green', conditional: 'govuk-tag--yellow', not_eligible: 'govuk-tag--red' };

/** The list reads the materialised eligibility in force (ADR 0020), brought up to date first. */
async function inForceQuery(ctx: ActionContext, q: EligibilityQuery): Promise<EligibilityQuery> {
  await ctx.tenant.forJob((db) => ensureEligibility(db, ctx.tenant.scope.laCode, ctx.clock.now()));
  return q;
}

/** Funding eligibility pages: who is eligible on a date (and CSV), decisions to confirm, the LA's rules. */
export function fundingRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const listInput = (request: FastifyRequest<Query>) => {
    const today = londonDate(deps.clock.now());
    const q = request.query;
    const given = q['date-day'] || q['date-month'] || q['date-year'];
    const date = given ? dateFromParts(q, 'date', 'date', today, 'any') : { value: today };
    const stream: Stream = isStream(q.stream) ? q.stream : 'ff2';
    const status: EligibilityQuery['status'] = q.status === 'funded' || q.status === 'not_eligible' ? q.status : '';
    const search = (q.q ?? '').trim().slice(0, 100);
    return { date, stream, status, today, search };
  };

  return async (app: FastifyInstance) => {
    app.get<Query>('/funding', { config: { permission: 'funding:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { date, stream, status, today, search } = listInput(request);
      const page = parsePage(request.query.page, 50);
      const asAt = date.value ?? today;
      const list = await eligibilityPage(ctx.tenant, await inForceQuery(ctx, { date: asAt, stream, status, search }), page.limit, page.offset);
      const pending = await ctx.tenant.selectFrom('funding_decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'proposed').executeTakeFirst();
      const [y, m, d] = asAt.split('-') as [string, string, string];
      return render(request, reply, 'funding/views/list.njk', {
        rows: list.rows, funded: list.funded, providers: list.providers,
        asAt, stream, status, search, streamLabels, statusLabels, statusTag, pending: Number(pending?.n ?? 0),
        values: { 'date-day': request.query['date-day'] ?? String(Number(d)), 'date-month': request.query['date-month'] ?? String(Number(m)), 'date-year': request.query['date-year'] ?? y },
        errors: date.error ? formErrors([['date-day', date.error]]) : undefined,
        csvHref: `/funding.csv?date-day=${d}&date-month=${m}&date-year=${y}&stream=${stream}&status=${status}`,
        filtered: list.filtered,
        ...paginationView('/funding', { 'date-day': d, 'date-month': m, 'date-year': y, stream, status, q: search }, page.page, list.filtered, page.limit),
      });
    });

    app.get<Query>('/funding.csv', { config: { permission: 'funding:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { date, stream, status, today } = listInput(request);
      const asAt = date.value ?? today;
      const rows = await eligibilityRows(ctx.tenant, await inForceQuery(ctx, { date: asAt, stream, status, search: '' }));
      await appendAudit(ctx.tenant, ctx.ip, { action: 'funding.exported', recordType: 'funding', recordId: stream, details: { date: asAt, rows: rows.length } });
      const csv = toCsv(['URN', 'Provider', 'Funding', 'As at', 'Status', 'Reason', 'Decided by the LA', 'Decision pending'], rows.map((r) => [r.urn, r.redacted ? 'Childminder (name not published)' : r.name, streamLabels[stream], asAt, statusLabels[r.status], r.reason, r.decided ? 'Yes' : 'No (the rules)', r.pending ? 'Yes' : 'No']));
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="funding-${stream}-${asAt}.csv"`).header('cache-control', 'no-store').send(csv);
    });

    app.get('/funding/decisions', { config: { permission: 'funding:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await ctx.tenant.selectFrom('funding_decisions').innerJoin('providers', 'providers.urn', 'funding_decisions.urn')
        .select(['funding_decisions.id', 'funding_decisions.urn', 'funding_decisions.trigger', 'funding_decisions.proposed_at', 'funding_decisions.proposed', 'providers.name as provider_name', 'providers.redacted'])
        .where('funding_decisions.status', '=', 'proposed').orderBy('funding_decisions.proposed_at').execute();
      return render(request, reply, 'funding/views/decisions.njk', { rows, streams, streamLabels, statusLabels, statusTag });
    });

    type IdParams = { Params: { id: string } };
    const decisionPage = async (ctx: ActionContext, id: string) => {
      const d = await getDecision(ctx, id);
      const laCode = ctx.tenant.scope.laCode;
      const [{ rules }, facts, decisions] = await ctx.tenant.forJob((db) => Promise.all([rulesFor(db, laCode), factsFor(db, laCode, [d.urn]), decisionsFor(db, laCode, [d.urn])]));
      const current = effectiveAt(decisions.get(d.urn)?.filter((x) => x.id !== d.id), facts.get(d.urn)!, rules, londonDate(ctx.clock.now()), d.urn).eligibility;
      return { d, current, proposed: d.proposed as Eligibility, decided: d.decided as Eligibility | null, streams, streamLabels, statusLabels, statusTag, canDecide: ctx.user.role === 'manager' || ctx.user.role === 'admin' };
    };
    app.get<IdParams>('/funding/decisions/:id', { config: { permission: 'funding:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const [y, m, d] = londonDate(ctx.clock.now()).split('-') as [string, string, string];
      return render(request, reply, 'funding/views/decision.njk', { ...(await decisionPage(ctx, request.params.id)), values: { 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y } });
    });
    app.post<IdParams>('/funding/decisions/:id', { config: { permission: 'funding:decide' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await decisionPage(ctx, request.params.id);
      if (page.d.status !== 'proposed') throw new ConflictError('This decision has already been made');
      const body = (request.body ?? {}) as Record<string, string>;
      const errors: [string, string][] = [];
      const decision = body.decision === 'confirm' || body.decision === 'override' ? body.decision : null;
      if (!decision) errors.push(['decision', 'Choose whether to confirm the proposed decision or decide differently']);
      const date = dateFromParts(body, 'date', 'date the decision takes effect', londonDate(ctx.clock.now()), 'any');
      if (date.error) errors.push(['date-day', date.error]);
      const reason = (body.reason ?? '').trim();
      const statuses = Object.fromEntries(streams.map((s) => [s, body[`status-${s}`]])) as Record<Stream, Status>;
      if (decision === 'override') {
        for (const s of streams) if (!['eligible', 'conditional', 'not_eligible'].includes(statuses[s] ?? '')) errors.push([`status-${s}`, `Choose the decision for ${streamLabels[s].toLowerCase()}`]);
        if (!reason) errors.push(['reason', 'Give the reason for deciding differently from the rules']);
      }
      if (reason.length > 2000) errors.push(['reason', 'The reason must be 2,000 characters or fewer']);
      if (errors.length) return render(request, reply, 'funding/views/decision.njk', { ...page, values: body, errors: formErrors(errors) }, 400);
      const result = await decideFunding(ctx, page.d.id, decision === 'override' ? { decision, statuses, reason, effectiveFrom: date.value!, note: '' } : { decision: 'confirm', effectiveFrom: date.value!, note: reason });
      setFlash(reply, `Decision recorded${result.emailed ? ': the letter is e-mailed to the setting' : ': the setting has no e-mail address, so download the letter and post it'}`);
      return reply.redirect(`/funding/decisions/${page.d.id}`, 303);
    });

    app.get<IdParams>('/funding/decisions/:id/letter.pdf', { config: { permission: 'funding:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const d = await getDecision(ctx, request.params.id);
      if (!d.decided || !d.effective_from || d.kind !== 'change') throw new NotFoundError();
      const la = await ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', ctx.tenant.scope.laCode).executeTakeFirstOrThrow());
      const pdf = await decisionLetter({ laName: la.name, providerName: d.provider_name ?? 'Childminder', urn: d.urn, address: [d.address_line1, d.town, d.postcode].filter(Boolean).join(', ') || 'Address not published', date: londonDate(d.decided_at ?? ctx.clock.now()), effectiveFrom: d.effective_from, eligibility: d.decided as Eligibility, reason: d.decision_reason, signedBy: d.decided_by_name ?? '', rules: (await ctx.tenant.forJob((db) => rulesFor(db, ctx.tenant.scope.laCode, londonDate(d.decided_at ?? ctx.clock.now())))).rules });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="funding-decision-${d.urn}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });

    app.get<{ Params: { urn: string } }>('/providers/:urn/funding', { config: { permission: 'funding:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      const laCode = ctx.tenant.scope.laCode;
      const [{ rules }, facts, decisions] = await ctx.tenant.forJob((db) => Promise.all([rulesFor(db, laCode), factsFor(db, laCode, [provider.urn]), decisionsFor(db, laCode, [provider.urn])]));
      const today = londonDate(ctx.clock.now());
      const now = effectiveAt(decisions.get(provider.urn), facts.get(provider.urn)!, rules, today, provider.urn);
      return render(request, reply, 'funding/views/provider.njk', { provider, now: now.eligibility, decided: now.decisionId !== null, history: [...(decisions.get(provider.urn) ?? [])].reverse(), streams, streamLabels, statusLabels, statusTag });
    });

    const rulesPage = async (ctx: ActionContext) => ({ ...(await ctx.tenant.forJob((db) => rulesFor(db, ctx.tenant.scope.laCode))) });
    app.get('/funding/rules', { config: { permission: 'funding:decide' } }, async (request, reply) => {
      const { rules, version } = await rulesPage(ctxOf(request));
      const form = rulesFormValues(rules);
      return render(request, reply, 'funding/views/rules.njk', { version, rules, form, provisionRows: provisionRows(form), policyParts, policyPartLabels });
    });
    app.post('/funding/rules', { config: { permission: 'funding:decide' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const current = await rulesPage(ctx);
      const again = (errors: FormErrors, status: number) => render(request, reply, 'funding/views/rules.njk', { version: current.version, rules: body, form: body, provisionRows: provisionRows(body), policyParts, policyPartLabels, errors }, status);
      const result = parseRulesForm(body, current.rules, londonDate(ctx.clock.now()));
      if (!result.ok) return again(result.errors, 400);
      const known = new Set((result.urns.length ? await ctx.tenant.selectFrom('providers').select('urn').where('urn', 'in', result.urns).execute() : []).map((p) => p.urn));
      const unknown = result.urns.filter((urn) => !known.has(urn));
      if (unknown.length) return again(formErrors(unknown.map((urn) => [`ip${provisionRows(body).find((i) => String(body[`ip${i}_urn`] ?? '').trim().toUpperCase() === urn) ?? 0}_urn`, `No setting of yours has the URN ${urn}`] as const)), 400);
      const version = await saveRules(ctx.tenant, result.rules, ctx.clock.now()).catch(lostRace);
      if (version instanceof VersionRaceError) return again({ fields: {}, list: [{ text: version.message, href: '#main-content' }] }, 409);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'funding.rules_saved', recordType: 'funding_rules', recordId: String(version), details: result.rules });
      setFlash(reply, `Funding rules saved (version ${version}). They apply to changes from now on; decisions already made stay.`);
      return reply.redirect('/funding/rules', 303);
    });
  };
}
