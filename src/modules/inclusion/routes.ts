import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { roleCan } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { sendStored } from '../evidence/index.js';
import { getProvider } from '../providers/index.js';
import { areasOfNeed, consentPurposes, decisions, levelsOfNeed, options, referralStatuses, services } from './labels.js';
import { draftLocals, formLocals, postReferral, uploadFile, type FormPlace } from './referral-pages.js';
import * as repo from './repository.js';
import { readDecision, text, typed, wholeNumber } from './schemas.js';
import { addPanel, decide } from './service.js';

type IdParams = { Params: { id: string } };
const labels = { levelsOfNeed, areasOfNeed, services, decisions, referralStatuses, consentPurposes };

/** Staff pages of the inclusion team: overview, referrals (on a setting's behalf), panels and decisions, attachments. */
export function inclusionRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const today = (ctx: ActionContext) => londonDate(ctx.clock.now());
  return async (app: FastifyInstance) => {
    app.get('/inclusion', { config: { permission: 'inclusion:case' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const team = roleCan(ctx.user.role, 'inclusion:work');
      const mine = await repo.visibleChildren(ctx.tenant, today(ctx)).select(['id', 'first_name', 'last_name', 'date_of_birth', 'service', 'contact_due', 'first_contact_at', 'level_of_need']).where('practitioner_id', '=', ctx.user.id).where('closed_at', 'is', null).orderBy('contact_due').execute();
      const [waiting, drafts, panels, caseloads] = team
        ? await Promise.all([repo.referralsOf(ctx.tenant, { status: 'submitted' }), ctx.tenant.selectFrom('inclusion_referrals').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'draft').executeTakeFirstOrThrow(), repo.panels(ctx.tenant, today(ctx)), repo.practitioners(ctx.tenant)])
        : [[], { n: 0 }, [], []];
      return render(request, reply, 'inclusion/views/overview.njk', { team, mine, waiting, drafts: Number(drafts.n), panels: panels.slice(0, 3), caseloads: caseloads.filter((p) => (p.caseload ?? 0) > 0), today: today(ctx), ...labels });
    });

    const newPlace: FormPlace = { portal: false, provider: null, action: '/inclusion/referrals' };
    app.get('/inclusion/referrals/new', { config: { permission: 'inclusion:work' } }, async (request, reply) => render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(newPlace, {}, { referral: null, files: [] })));
    app.post('/inclusion/referrals', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const urn = typeof body.urn === 'string' ? body.urn.trim().toUpperCase() : '';
      const provider = urn ? await getProvider(ctx.tenant, urn) : null;
      if (!provider) return render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(newPlace, typed(body), { referral: null, files: [], errors: formErrors([['urn', urn ? `No setting of yours has the URN ${urn}` : 'Enter the setting’s Ofsted URN']]) }), 400);
      return postReferral(request, reply, ctx, { ...newPlace, urn: provider.urn }, null, (id) => `/inclusion/referrals/${id}`);
    });

    const referralPage = async (ctx: ActionContext, id: string) => {
      const referral = await repo.findReferral(ctx.tenant, id, today(ctx));
      const place: FormPlace = { portal: false, provider: { urn: referral.urn, name: referral.provider_name }, action: `/inclusion/referrals/${referral.id}` };
      return { referral, place, locals: await draftLocals(ctx, place, referral, '/inclusion/files/') };
    };
    app.get<IdParams>('/inclusion/referrals/:id', { config: { permission: 'inclusion:case' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { referral, place, locals } = await referralPage(ctx, request.params.id);
      if (referral.status === 'draft' && roleCan(ctx.user.role, 'inclusion:work')) return render(request, reply, 'inclusion/views/referral-edit.njk', formLocals(place, locals.values, locals));
      const staff = await repo.practitioners(ctx.tenant);
      return render(request, reply, 'inclusion/views/referral.njk', { ...locals, ...labels, serviceItems: options(services), decisionItems: options(decisions), practitioners: [{ value: '', text: 'Choose a practitioner' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${s.caseload} open cases)` }))], decisionValues: { signposting: (await repo.settingsFor(ctx.tenant)).signposting } });
    });
    app.post<IdParams>('/inclusion/referrals/:id', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { referral, place } = await referralPage(ctx, request.params.id);
      return postReferral(request, reply, ctx, { ...place, urn: referral.urn }, referral, (id) => `/inclusion/referrals/${id}`);
    });
    app.post<IdParams>('/inclusion/referrals/:id/files', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const referral = await repo.findReferral(ctx.tenant, request.params.id, today(ctx));
      const place: FormPlace = { portal: false, provider: { urn: referral.urn, name: referral.provider_name }, action: `/inclusion/referrals/${referral.id}` };
      return uploadFile(request, reply, ctx, place, referral, deps.uploadsDir, place.action);
    });
    app.get<IdParams>('/inclusion/files/:id', { config: { permission: 'inclusion:case' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const file = await ctx.tenant.selectFrom('inclusion_files').select(['id', 'referral_id', 'file_name', 'content_type', 'storage_key', 'la_code']).where('id', '=', request.params.id).executeTakeFirst();
      if (!file) throw new NotFoundError();
      await repo.findReferral(ctx.tenant, file.referral_id, today(ctx));
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion_referral.file_downloaded', recordType: 'inclusion_referral', recordId: file.referral_id, details: { file: file.id } });
      return sendStored(deps.uploadsDir, reply, file);
    });

    app.post<IdParams>('/inclusion/referrals/:id/decision', { config: { permission: 'inclusion:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const staff = await repo.practitioners(ctx.tenant);
      const { input, problems } = readDecision(body, staff.map((s) => s.id));
      const again = async (pairs: [string, string][]) => {
        const { locals } = await referralPage(ctx, request.params.id);
        return render(request, reply, 'inclusion/views/referral.njk', { ...locals, ...labels, serviceItems: options(services, String(body.service ?? '')), decisionItems: options(decisions, String(body.decision ?? '')), practitioners: [{ value: '', text: 'Choose a practitioner' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${s.caseload} open cases)`, selected: s.id === body.practitionerId }))], decisionValues: typed(body), errors: formErrors(pairs) }, 400);
      };
      if (problems.length) return again(problems);
      const { problem } = await decide(ctx, request.params.id, input);
      if (problem) return again([['service', problem]]);
      setFlash(reply, input.decision === 'meets' ? 'Decision recorded: the practitioner, the setting and the parent have been e-mailed' : 'Decision recorded: the setting and the parent have been e-mailed the signposting');
      return reply.redirect(`/inclusion/referrals/${request.params.id}`, 303);
    });

    app.get('/inclusion/settings', { config: { permission: 'inclusion:manage' } }, async (request, reply) => {
      const settings = await repo.settingsFor(ctxOf(request).tenant);
      return render(request, reply, 'inclusion/views/settings.njk', { values: { retentionYears: String(settings.retention_years), contactWorkingDays: String(settings.contact_working_days), sencoContactsPerTerm: String(settings.senco_contacts_per_term), signposting: settings.signposting, fundTiers: settings.fund_tiers.join('\n') } });
    });
    app.post('/inclusion/settings', { config: { permission: 'inclusion:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: [string, string][] = [];
      const whole = (name: string, min: number, max: number, message: string) => wholeNumber(body, name, min, max, message, problems);
      const days = whole('contactWorkingDays', 1, 60, 'Enter the number of working days within which an adviser contacts the family, from 1 to 60');
      const retention = whole('retentionYears', 1, 30, 'Enter the number of years to keep a child’s record after their case closes, from 1 to 30');
      const perTerm = whole('sencoContactsPerTerm', 1, 12, 'Enter the number of Area SENCo contacts each setting needs a term, from 1 to 12');
      const signposting = text(body, 'signposting', 5000, problems);
      const tiers = [...new Set(text(body, 'fundTiers', 2000, problems).split(/\r?\n/).map((t) => t.trim()).filter(Boolean))];
      if (tiers.some((t) => t.length > 60)) problems.push(['fundTiers', 'Each tier must be 60 characters or fewer']);
      if (problems.length) return render(request, reply, 'inclusion/views/settings.njk', { values: typed(body), errors: formErrors(problems) }, 400);
      const row = { retention_years: retention, contact_working_days: days, senco_contacts_per_term: perTerm, fund_tiers: tiers, signposting, updated_by: ctx.user.id, updated_at: ctx.clock.now() };
      await ctx.tenant.transaction(async (tx) => {
        await tx.insertInto('inclusion_settings', row).onConflict((oc) => oc.column('la_code').doUpdateSet(row)).execute();
        await appendAudit(tx, ctx.ip, { action: 'inclusion.settings_changed', details: { retentionYears: retention, contactWorkingDays: days, sencoContactsPerTerm: perTerm } });
      });
      setFlash(reply, 'Settings saved');
      return reply.redirect('/inclusion/settings', 303);
    });

    app.get('/inclusion/panels', { config: { permission: 'inclusion:work' } }, async (request, reply) => render(request, reply, 'inclusion/views/panels.njk', { panels: await repo.panels(ctxOf(request).tenant) }));
    app.get<IdParams>('/inclusion/panels/:id', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const panel = await ctx.tenant.selectFrom('inclusion_panels').select(['id', 'meets_on', 'cutoff_on', 'place']).where('id', '=', request.params.id).executeTakeFirst();
      if (!panel) throw new NotFoundError();
      return render(request, reply, 'inclusion/views/panel.njk', { panel, referrals: await repo.referralsOf(ctx.tenant, { panelId: panel.id }), ...labels });
    });
    app.post('/inclusion/panels', { config: { permission: 'inclusion:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: [string, string][] = [];
      const meets = dateFromParts(body, 'meets', 'date the panel meets', today(ctx), 'future');
      if (meets.error) problems.push(['meets-day', meets.error]);
      const cutoff = dateFromParts(body, 'cutoff', 'cut-off date for referrals', today(ctx), 'any');
      if (cutoff.error) problems.push(['cutoff-day', cutoff.error]);
      if (meets.value && cutoff.value && cutoff.value >= meets.value) problems.push(['cutoff-day', 'The cut-off date must be before the date the panel meets']);
      const place = text(body, 'place', 200, problems);
      if (!problems.length && (await repo.panels(ctx.tenant)).some((p) => p.meets_on === meets.value)) problems.push(['meets-day', 'There is already a panel on that date']);
      if (problems.length) return render(request, reply, 'inclusion/views/panels.njk', { panels: await repo.panels(ctx.tenant), values: typed(body), errors: formErrors(problems) }, 400);
      const moved = await addPanel(ctx, { meetsOn: meets.value!, cutoffOn: cutoff.value!, place });
      setFlash(reply, moved ? `Panel added: ${moved} waiting ${moved === 1 ? 'referral goes' : 'referrals go'} to it` : 'Panel added');
      return reply.redirect('/inclusion/panels', 303);
    });
  };
}
