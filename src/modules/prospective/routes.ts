import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues, requiredText, type FormErrors } from '../../platform/forms.js';
import { isUuid } from '../../platform/ids.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import * as repo from './repository.js';
import { canLink, nextStages, normaliseUrn, provisions, stageClasses, stageLabels, type Provision } from './rules.js';
import type { ProspectiveStage } from './tables.js';

type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;
const optional = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, `This must be ${max} characters or fewer`));
const enquirySchema = z.object({
  name: requiredText('the name of the proposed setting or childminder', 200),
  contactName: requiredText('the name of the person to contact', 200),
  contactEmail: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.union([z.literal(''), z.string().email('Enter an e-mail address like name@example.com')])),
  contactPhone: optional(40),
  plannedProvision: z.enum(Object.keys(provisions) as [Provision, ...Provision[]], { error: 'Select the planned provision' }),
  plannedPlaces: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.union([z.literal(''), z.string().regex(/^\d{1,4}$/, 'Enter the planned places as a whole number')])),
  area: requiredText('the area (ward, town or village)', 200),
  summary: optional(4000),
});
const problemsOf = (issues: { path: PropertyKey[]; message: string }[]): [string, string][] => issues.map((i) => [String(i.path[0]), i.message]);
const vocabulary = { stageLabels, stageClasses, provisions };

export function prospectiveRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const recordPage = async (request: FastifyRequest<IdParams>, extra: { errors?: FormErrors; values?: Record<string, string> } = {}) => {
    const ctx = ctxOf(request);
    const p = isUuid(request.params.id) ? await repo.prospective(ctx.tenant, request.params.id) : undefined;
    if (!p) throw new NotFoundError();
    const ofstedType = provisions[p.planned_provision as Provision]?.ofstedType ?? 'Childminder';
    const [history, matches] = await Promise.all([repo.events(ctx.tenant, p.id), canLink(p.stage) ? repo.candidates(ctx.tenant, p, ofstedType) : Promise.resolve([])]);
    return { p, history, matches, next: nextStages(p.stage), canLink: canLink(p.stage), ...vocabulary, values: extra.values ?? {}, errors: extra.errors };
  };
  const dated = (body: Body, prefix: string, label: string, today: string) => dateFromParts(body, prefix, label, today, 'past');

  return async (app: FastifyInstance) => {
    app.get('/prospective', { config: { permission: 'prospective:view' } }, async (request, reply) => {
      const list = await repo.prospectives(ctxOf(request).tenant);
      const groups = (['enquiry', 'applied', 'registered', 'withdrawn'] as ProspectiveStage[]).map((stage) => ({ stage, items: list.filter((p) => p.stage === stage) }));
      return render(request, reply, 'prospective/views/list.njk', { groups, ...vocabulary });
    });
    app.get('/prospective/new', { config: { permission: 'prospective:manage' } }, async (request, reply) => render(request, reply, 'prospective/views/new.njk', { ...vocabulary }));
    app.post('/prospective', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      const parsed = enquirySchema.safeParse(body);
      const date = dated(body, 'enquiry', 'date of the enquiry', londonDate(ctx.clock.now()));
      const problems = parsed.success ? [] : problemsOf(parsed.error.issues);
      if (date.error) problems.push(['enquiry-day', date.error]);
      if (!parsed.success || problems.length) return render(request, reply, 'prospective/views/new.njk', { ...vocabulary, values: formValues(body), errors: formErrors(problems) }, 400);
      const v = parsed.data;
      const id = await repo.addProspective(ctx.tenant, { ...v, plannedPlaces: v.plannedPlaces ? Number(v.plannedPlaces) : null, enquiryDate: date.value! }, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'prospective.enquiry_recorded', recordType: 'prospective_provider', recordId: id });
      setFlash(reply, 'Enquiry recorded');
      return reply.redirect(`/prospective/${id}`, 303);
    });
    app.get<IdParams>('/prospective/:id', { config: { permission: 'prospective:view' } }, async (request, reply) => {
      const page = await recordPage(request);
      await appendAudit(ctxOf(request).tenant, ctxOf(request).ip, { action: 'prospective.viewed', recordType: 'prospective_provider', recordId: page.p.id });
      return render(request, reply, 'prospective/views/record.njk', page);
    });
    app.post<IdParams>('/prospective/:id/stage', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await recordPage(request);
      const body = (request.body ?? {}) as Body;
      const stage = String(body.stage ?? '') as ProspectiveStage;
      const date = dated(body, 'stage', 'date', londonDate(ctx.clock.now()));
      const problems: [string, string][] = [];
      if (!page.next.includes(stage)) problems.push(['stage', 'Select the new stage']);
      if (date.error) problems.push(['stage-day', date.error]);
      if (problems.length) return render(request, reply, 'prospective/views/record.njk', { ...page, values: formValues(body), errors: formErrors(problems) }, 400);
      const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : '';
      await repo.setStage(ctx.tenant, page.p.id, stage, date.value!, `${stageLabels[stage]}${note ? `: ${note}` : ''}`, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'prospective.stage_changed', recordType: 'prospective_provider', recordId: page.p.id, details: { stage } });
      setFlash(reply, `Stage changed to ${stageLabels[stage]}`);
      return reply.redirect(`/prospective/${page.p.id}`, 303);
    });
    app.post<IdParams>('/prospective/:id/contacts', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await recordPage(request);
      const body = (request.body ?? {}) as Body;
      const kind = body.kind === 'visit' || body.kind === 'contact' ? body.kind : null;
      const summary = typeof body.summary === 'string' ? body.summary.trim() : '';
      const date = dated(body, 'contact', 'date', londonDate(ctx.clock.now()));
      const problems: [string, string][] = [];
      if (!kind) problems.push(['kind', 'Select whether it was a visit or a call or e-mail']);
      if (date.error) problems.push(['contact-day', date.error]);
      if (!summary) problems.push(['summary', 'Enter what was discussed']);
      else if (summary.length > 4000) problems.push(['summary', 'This must be 4000 characters or fewer']);
      if (problems.length) return render(request, reply, 'prospective/views/record.njk', { ...page, values: formValues(body), errors: formErrors(problems) }, 400);
      await repo.addContact(ctx.tenant, page.p.id, kind!, date.value!, summary, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'prospective.contact_recorded', recordType: 'prospective_provider', recordId: page.p.id, details: { kind } });
      setFlash(reply, kind === 'visit' ? 'Visit recorded' : 'Contact recorded');
      return reply.redirect(`/prospective/${page.p.id}`, 303);
    });
    app.post<IdParams>('/prospective/:id/link', { config: { permission: 'prospective:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await recordPage(request);
      const body = (request.body ?? {}) as Body;
      const typed = typeof body.urn === 'string' ? body.urn : '';
      const urn = normaliseUrn(typed);
      const provider = urn ? await getProvider(ctx.tenant, urn) : undefined;
      const taken = urn ? await repo.prospectiveForUrn(ctx.tenant, urn) : undefined;
      const problem = !page.canLink ? 'This record is not waiting for a registration'
        : !typed.trim() ? 'Enter the URN Ofsted gave the new registration, or choose one of the settings listed'
        : !urn ? `“${typed.trim()}” is not a URN: a URN looks like EY123456 or 2123456`
        : !provider ? `URN ${urn} is not in your local authority's Ofsted data yet: import Ofsted's latest file first`
        : taken ? `URN ${urn} is already linked to another prospective provider` : null;
      if (problem) return render(request, reply, 'prospective/views/record.njk', { ...page, values: formValues(body), errors: formErrors([['urn', problem]]) }, 400);
      await repo.linkUrn(ctx.tenant, page.p.id, urn!, londonDate(ctx.clock.now()), `Registered with Ofsted: URN ${urn}${provider!.registration_date ? `, registered ${formatDate(provider!.registration_date)}` : ''}`, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'prospective.urn_linked', recordType: 'prospective_provider', recordId: page.p.id, details: { urn } });
      setFlash(reply, `Linked to URN ${urn}: the history shows on the provider page`);
      return reply.redirect(`/prospective/${page.p.id}`, 303);
    });
  };
}
