import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { allocatableStaff } from '../pathways/index.js';
import { getProvider } from '../providers/index.js';
import { findingTypes, pounds, type ChildCheck } from './checks.js';
import { childFields, childRows, guessMapping, missingFields, readCsv, type ChildField, type ColumnMapping } from './children-csv.js';
import { auditOutcomes, auditReasons, auditTypes, supportOffers } from './labels.js';
import { feeeReport } from './report.js';
import { streamLabels } from '../funding/index.js';
import { completeFeeeAudit, findingsOf, getFeeeAudit, importChildren, planFeeeAudit, recordCheck, sampleChildren } from './service.js';

const permission: Permission = 'funding:view';
const MAX_CSV_BYTES = 2 * 1024 * 1024;
type UrnParams = { Params: { urn: string } };
type IdParams = { Params: { id: string } };
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

/** FEEE audits: plan, import the funded children, sample, check each child, findings, outcome and report. */
export function feeeRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const providerPage = async (ctx: ActionContext, urn: string) => {
      const provider = await getProvider(ctx.tenant, urn);
      if (!provider) throw new NotFoundError();
      const [audits, staff] = await Promise.all([
        ctx.tenant.selectFrom('feee_audits').leftJoin('users', 'users.id', 'feee_audits.auditor_id').select(['feee_audits.id', 'feee_audits.audit_type', 'feee_audits.term', 'feee_audits.status', 'feee_audits.outcome', 'feee_audits.planned_for', 'feee_audits.created_at', 'users.name as auditor_name']).where('feee_audits.urn', '=', provider.urn).orderBy('feee_audits.created_at', 'desc').execute(),
        allocatableStaff(ctx.tenant),
      ]);
      return { provider, audits, auditTypes, auditOutcomes, types: options(auditTypes), reasons: options(auditReasons), auditors: [{ value: '', text: 'Choose an auditor' }, ...staff.map((s) => ({ value: s.id, text: s.name, selected: s.id === ctx.user.id }))] };
    };
    app.get<UrnParams>('/providers/:urn/feee-audits', { config: { permission } }, async (request, reply) => render(request, reply, 'feee/views/provider.njk', { ...(await providerPage(ctxOf(request), request.params.urn)), values: {} }));
    app.post<UrnParams>('/providers/:urn/feee-audits', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await providerPage(ctx, request.params.urn);
      const body = (request.body ?? {}) as Record<string, string>;
      const errors: [string, string][] = [];
      if (!Object.hasOwn(auditTypes, body.auditType ?? '')) errors.push(['auditType', 'Choose the type of audit']);
      const term = (body.term ?? '').trim();
      if (!term || term.length > 60) errors.push(['term', 'Enter the term audited, like Autumn 2026']);
      if (!Object.hasOwn(auditReasons, body.reason ?? '')) errors.push(['reason', 'Choose why this setting is being audited']);
      const auditorId = body.auditorId && page.auditors.some((a) => a.value === body.auditorId) ? body.auditorId : null;
      if (!auditorId) errors.push(['auditorId', 'Choose the auditor']);
      const anyDate = body['date-day'] || body['date-month'] || body['date-year'];
      const date = anyDate ? dateFromParts(body, 'date', 'date planned', londonDate(ctx.clock.now()), 'any') : {};
      if (date.error) errors.push(['date-day', date.error]);
      if (errors.length) return render(request, reply, 'feee/views/provider.njk', { ...page, values: body, errors: formErrors(errors) }, 400);
      const id = await planFeeeAudit(ctx, page.provider.urn, { auditType: body.auditType as keyof typeof auditTypes, term, reason: body.reason as keyof typeof auditReasons, auditorId, plannedFor: date.value ?? null });
      setFlash(reply, 'Audit planned');
      return reply.redirect(`/feee-audits/${id}`, 303);
    });

    const auditPage = async (ctx: ActionContext, id: string, extra: Record<string, unknown> = {}) => {
      const audit = await getFeeeAudit(ctx.tenant, id);
      const [children, findings] = await Promise.all([
        ctx.tenant.selectFrom('feee_children').select(['id', 'row_number', 'child_ref', 'date_of_birth', 'entitlement', 'funded_hours', 'start_date', 'sampled', 'checked_at']).where('audit_id', '=', id).orderBy('row_number').execute(),
        findingsOf(ctx.tenant, id),
      ]);
      const sampled = children.filter((c) => c.sampled);
      return {
        audit, auditTypes, auditReasons, auditOutcomes, supportOffers, findingTypes, pounds,
        childCount: children.length, sampled, checked: sampled.filter((c) => c.checked_at).length,
        findings, recover: findings.reduce((n, f) => n + (f.amount_pence ?? 0), 0),
        childFields, streamLabels, values: {}, ...extra,
      };
    };
    app.get<IdParams>('/feee-audits/:id', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await auditPage(ctx, request.params.id);
      // the page shows children's dates of birth: a read of personal data
      if (page.sampled.length) await appendAudit(ctx.tenant, ctx.ip, { action: 'feee_audit.children_viewed', recordType: 'provider', recordId: page.audit.urn, details: { audit: page.audit.id } });
      return render(request, reply, 'feee/views/audit.njk', page);
    });

    /** The children CSV: uploaded as a file, or posted back from the column-matching page with the auditor's choices. */
    app.post<IdParams>('/feee-audits/:id/children', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await getFeeeAudit(ctx.tenant, request.params.id);
      const problem = async (errors: FormErrors, status = 400) => render(request, reply, 'feee/views/audit.njk', await auditPage(ctx, request.params.id, { errors }), status);
      let text: string;
      let mapping: ColumnMapping | null = null;
      if (request.isMultipart()) {
        const file = await request.file({ limits: { fileSize: MAX_CSV_BYTES, files: 1 } });
        const bytes = file ? await file.toBuffer().catch(() => null) : null;
        if (!file || !file.filename || !bytes || bytes.length === 0) return problem(formErrors([['children', 'Choose the CSV file of funded children']]));
        if (file.file.truncated) return problem(formErrors([['children', 'The file must be smaller than 2 MB']]), 413);
        const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        text = utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
      } else {
        const body = (request.body ?? {}) as Record<string, string>;
        text = Buffer.from(body.csv ?? '', 'base64').toString('utf8');
        mapping = {};
        for (const f of Object.keys(childFields) as ChildField[]) if (body[`map-${f}`] !== undefined && body[`map-${f}`] !== '') mapping[f] = Number(body[`map-${f}`]);
      }
      const { headers, rows, problem: unreadable } = readCsv(text);
      if (unreadable) return problem(formErrors([['children', `Nothing was imported: ${unreadable}. Check it is the CSV export from the funding system`]]));
      if (!headers.length || !rows.length) return problem(formErrors([['children', 'The file has no rows of children: check it is the CSV export from the funding system']]));
      const map = mapping ?? guessMapping(headers);
      const missing = missingFields(map);
      if (missing.length) {
        return render(request, reply, 'feee/views/mapping.njk', {
          audit: await getFeeeAudit(ctx.tenant, request.params.id), csv: Buffer.from(text, 'utf8').toString('base64'), childFields, missing, mapping: map,
          headers: [{ value: '', text: 'Not in the file' }, ...headers.map((h, i) => ({ value: String(i), text: h }))],
          errors: mapping ? formErrors(missing.map((f) => [`map-${f}`, `Choose the column that holds the ${childFields[f].label.toLowerCase()}`])) : undefined,
        }, mapping ? 400 : 200);
      }
      const { children, errors } = childRows(rows, headers, map, londonDate(ctx.clock.now()));
      if (errors.length) return problem(formErrors([['children', `Nothing was imported: ${errors.length} ${errors.length === 1 ? 'row needs' : 'rows need'} correcting. ${errors.slice(0, 10).join('. ')}${errors.length > 10 ? '. …' : ''}`]]));
      await importChildren(ctx, request.params.id, children);
      setFlash(reply, `${children.length} funded children imported`);
      return reply.redirect(`/feee-audits/${request.params.id}`, 303);
    });

    app.post<IdParams>('/feee-audits/:id/sample', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, string>;
      const method = body.method === 'all' ? 'all' : body.method === 'random' ? 'random' : null;
      const size = Number(body.size);
      const seed = body.seed ? Number(body.seed) : Math.floor(Math.random() * 1_000_000);
      const errors: [string, string][] = [];
      if (!method) errors.push(['method', 'Choose how to pick the children to check']);
      if (method === 'random' && (!Number.isInteger(size) || size < 1)) errors.push(['size', 'Enter how many children to check, like 10']);
      if (method === 'random' && (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31)) errors.push(['seed', 'The seed must be a whole number']);
      if (errors.length) return render(request, reply, 'feee/views/audit.njk', await auditPage(ctx, request.params.id, { values: body, errors: formErrors(errors) }), 400);
      const n = await sampleChildren(ctx, request.params.id, method!, size, seed);
      setFlash(reply, method === 'all' ? `All ${n} children are to be checked` : `${n} children picked at random (seed ${seed}: the same seed picks the same children)`);
      return reply.redirect(`/feee-audits/${request.params.id}`, 303);
    });

    type ChildParams = { Params: { id: string; childId: string } };
    const childPage = async (ctx: ActionContext, id: string, childId: string) => {
      const audit = await getFeeeAudit(ctx.tenant, id);
      const child = await ctx.tenant.selectFrom('feee_children').selectAll().where('id', '=', childId).where('audit_id', '=', id).where('sampled', '=', true).executeTakeFirst();
      if (!child) throw new NotFoundError();
      return { audit, child };
    };
    app.get<ChildParams>('/feee-audits/:id/children/:childId', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { audit, child } = await childPage(ctx, request.params.id, request.params.childId);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'feee_audit.child_viewed', recordType: 'provider', recordId: audit.urn, details: { audit: audit.id, child: child.id } }); // the record's id, not the child's reference
      const c = child.checks ?? {};
      const dob = c.proofDob ? c.proofDob.split('-') : [];
      return render(request, reply, 'feee/views/child.njk', { audit, child, streamLabels, values: { ...c, 'dob-day': dob[2] ? String(Number(dob[2])) : '', 'dob-month': dob[1] ? String(Number(dob[1])) : '', 'dob-year': dob[0] ?? '', amount: c.amountPence ? (Number(c.amountPence) / 100).toFixed(2) : '' } });
    });
    app.post<ChildParams>('/feee-audits/:id/children/:childId', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { audit, child } = await childPage(ctx, request.params.id, request.params.childId);
      const body = (request.body ?? {}) as Record<string, string>;
      const errors: [string, string][] = [];
      const pick = <T extends string>(name: string, allowed: readonly T[], message: string): T | null => {
        if ((allowed as readonly string[]).includes(body[name] ?? '')) return body[name] as T;
        errors.push([name, message]);
        return null;
      };
      const psouPresent = pick('psouPresent', ['yes', 'no'] as const, 'Say whether you saw a PSOU');
      const psouSigned = psouPresent === 'yes' ? pick('psouSigned', ['yes', 'no'] as const, 'Say whether the PSOU is signed') : '';
      let psouHours: number | null = null;
      if (psouPresent === 'yes') {
        psouHours = Number(body.psouHours);
        if (!body.psouHours || !Number.isFinite(psouHours) || psouHours < 0 || psouHours > 60) errors.push(['psouHours', 'Enter the hours on the PSOU, from 0 to 60']);
      }
      const proof = pick('proof', ['birth_certificate', 'passport', 'other', 'none'] as const, 'Say what proof of date of birth you saw');
      let proofDob: string | null = null;
      if (proof && proof !== 'none') {
        const d = dateFromParts(body, 'dob', 'date of birth on the proof', londonDate(ctx.clock.now()), 'past');
        if (d.error) errors.push(['dob-day', d.error]);
        proofDob = d.value ?? null;
      }
      const codeChecked = pick('codeChecked', ['yes', 'no', 'not_needed'] as const, 'Say whether the eligibility code was checked');
      const amountText = (body.amount ?? '').replace(/[£,\s]/g, '');
      const amount = amountText ? Math.round(Number(amountText) * 100) : null;
      if (amountText && (!Number.isFinite(amount) || amount! < 0)) errors.push(['amount', 'Enter the amount to recover in pounds, like 120.50']);
      if (errors.length) return render(request, reply, 'feee/views/child.njk', { audit, child, streamLabels, values: body, errors: formErrors(errors) }, 400);
      const check: ChildCheck = { psouPresent: psouPresent!, psouSigned: psouSigned ?? '', psouHours, proof: proof!, proofDob, codeChecked: codeChecked!, amountPence: amount, notes: (body.notes ?? '').trim().slice(0, 2000) };
      const n = await recordCheck(ctx, audit.id, child.id, check);
      setFlash(reply, `Child ${child.child_ref} checked: ${n === 0 ? 'no findings' : n === 1 ? '1 finding' : `${n} findings`}`);
      return reply.redirect(`/feee-audits/${audit.id}#funded-children`, 303);
    });

    app.post<IdParams>('/feee-audits/:id/complete', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const outcome = typeof body.outcome === 'string' && Object.hasOwn(auditOutcomes, body.outcome) ? (body.outcome as keyof typeof auditOutcomes) : null;
      const page = await auditPage(ctx, request.params.id, { values: body });
      const errors: [string, string][] = [];
      if (!outcome) errors.push(['outcome', 'Choose the outcome of the audit']);
      if (page.checked < page.sampled.length || page.sampled.length === 0) errors.push(['outcome', page.sampled.length === 0 ? 'Pick the children to check first' : `Check every sampled child first: ${page.sampled.length - page.checked} still to check`]);
      if (errors.length) return render(request, reply, 'feee/views/audit.njk', { ...page, errors: formErrors(errors) }, 400);
      const actions = String(body.actions ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 20);
      const support = ([] as unknown[]).concat(body.support ?? []).filter((s): s is keyof typeof supportOffers => typeof s === 'string' && Object.hasOwn(supportOffers, s));
      await completeFeeeAudit(ctx, request.params.id, { outcome: outcome!, notes: String(body.notes ?? '').trim().slice(0, 4000), actions, support });
      setFlash(reply, 'Audit completed: the report is e-mailed to the setting');
      return reply.redirect(`/feee-audits/${request.params.id}`, 303);
    });

    app.get<IdParams>('/feee-audits/:id/report.pdf', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const audit = await getFeeeAudit(ctx.tenant, request.params.id);
      if (audit.status !== 'completed' || !audit.completed_at || !audit.outcome) throw new NotFoundError();
      const [findings, la, checked] = await Promise.all([
        findingsOf(ctx.tenant, audit.id),
        ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', ctx.tenant.scope.laCode).executeTakeFirstOrThrow()),
        ctx.tenant.selectFrom('feee_children').select((eb) => eb.fn.countAll<number>().as('n')).where('audit_id', '=', audit.id).where('sampled', '=', true).executeTakeFirstOrThrow(),
      ]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'feee_audit.report_downloaded', recordType: 'provider', recordId: audit.urn, details: { audit: audit.id } });
      const pdf = await feeeReport({ laName: la.name, providerName: audit.provider_name ?? 'Childminder', urn: audit.urn, audit: { ...audit, outcome: audit.outcome, completed_at: audit.completed_at }, childrenChecked: Number(checked.n), findings, actions: audit.follow_up_actions });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="feee-audit-${audit.urn}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });
  };
}
