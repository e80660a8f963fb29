import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { validateDatedForm } from '../../platform/date-input.js';
import { formatDate, formatDateTime, londonDate, londonInstant } from '../../platform/dates.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { formValues, validateForm, type FormErrors } from '../../platform/forms.js';
import { roleCan, roleLabels, type Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import { inclusionRequestTitle } from '../organisation/index.js';
import { caseForPathway } from '../prospective/index.js';
import { myQueues, withSla } from '../tasks/index.js';
import { tasksPolicy } from '../tasks/index.js';
import { cadences, kindLabels, templateDefinition, type Cadence } from './definition.js';
import { pathwaysPolicy } from './policy.js';
import * as repo from './repository.js';
import { officerSchema, staffTitles } from './organisation.js';
import { accompanyingItems, allocateSchema, bookSchema, durations, startTimes, cancelVisitSchema, closeOutcomes, closeSchema, detailsSchema, reasonSchema, startSchema } from './schemas.js';
import * as service from './service.js';
import { templatesFor } from './templates.js';
import { allocateIntro, cadenceChoice } from './presenters.js';
import { ofstedReportUrl } from './contributions.js';

type IdParams = { Params: { id: string } };
type UrnParams = { Params: { urn: string } };
type Body = Record<string, unknown>;

interface Field {
  type: 'textarea' | 'radios' | 'select' | 'checkbox' | 'checkboxes' | 'date' | 'text';
  name: string;
  label: string;
  hint?: string;
  text?: string;
  items?: { value: string; text: string; hint?: { text: string }; checked?: boolean }[];
}

interface ActionPage {
  title: string;
  caption: string;
  action: string;
  backHref: string;
  fields: Field[];
  submitText: string;
  submitClasses?: string;
  intro?: string;
  summaryRows?: unknown[];
  defaults?: Record<string, string>;
}

function showAction(request: FastifyRequest, reply: FastifyReply, page: ActionPage, values: Record<string, string> = {}, errors?: FormErrors) {
  return render(request, reply, 'components/action-form.njk', { ...page, values: { ...page.defaults, ...values }, errors }, errors ? 400 : 200);
}


export function pathwayRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);

  async function load(request: FastifyRequest<IdParams>) {
    const pathway = await repo.getPathway(ctxOf(request).tenant, request.params.id);
    if (!pathway) throw new NotFoundError();
    return { ...pathway, definition: templateDefinition.parse(pathway.definition) };
  }
  const captionOf = (p: Awaited<ReturnType<typeof load>>) => `${p.provider_name ?? 'Childminder'} · ${kindLabels[p.kind as keyof typeof kindLabels] ?? p.kind} pathway`;

  /** A short form: validate, act, flash, back to the pathway; or show the errors with what was typed. */
  function actionRoute<S extends z.ZodType>(url: string, page: (p: Awaited<ReturnType<typeof load>>, request: FastifyRequest) => Promise<ActionPage> | ActionPage, schema: S, act: (request: FastifyRequest<IdParams>, value: z.infer<S>, p: Awaited<ReturnType<typeof load>>) => Promise<string>, permission: Permission = pathwaysPolicy.manage) {
    return (app: FastifyInstance) => {
      app.get<IdParams>(url, { config: { permission } }, async (request, reply) => {
        const p = await load(request);
        return showAction(request, reply, await page(p, request));
      });
      app.post<IdParams>(url, { config: { permission } }, async (request, reply) => {
        const p = await load(request);
        const body = (request.body ?? {}) as Body;
        const form = validateForm(schema, body);
        if (!form.ok) return showAction(request, reply, await page(p, request), formValues(body), form.errors);
        setFlash(reply, await act(request, form.value, p));
        return reply.redirect(`/pathways/${p.id}`, 303);
      });
    };
  }

  return async (app: FastifyInstance) => {
    app.get<IdParams>('/pathways/:id', { config: { permission: pathwaysPolicy.view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const p = await load(request);
      const now = ctx.clock.now();
      const [tasks, visits, events, queues, org, sustainabilityCase] = await Promise.all([repo.pathwayTasks(ctx.tenant, p.id), repo.pathwayVisits(ctx.tenant, p.id), repo.pathwayEvents(ctx.tenant, p.id), myQueues(ctx.tenant), staffTitles(ctx.tenant), caseForPathway(ctx.tenant, p.id)]);
      const officerBy = p.definition.allocation.officerAllocatedBy;
      await appendAudit(ctx.tenant, ctx.ip, { action: 'pathway.viewed', recordType: 'pathway', recordId: p.id, details: { urn: p.urn } });
      return render(request, reply, 'pathways/views/show.njk', {
        p,
        tasks: tasks.map((t) => ({ ...withSla(t, now), pathway_id: null, href: null, canComplete: p.status !== 'closed' && tasksPolicy.canComplete(ctx.user, t, queues), canTake: p.status !== 'closed' && tasksPolicy.canTake(ctx.user, t, queues) })),
        who: {
          allocatedBy: p.definition.allocation.allocatedBy ? (org.names.get(p.definition.allocation.allocatedBy) ?? p.definition.allocation.allocatedBy) : null,
          lead: p.definition.allocation.lead.map((k) => org.names.get(k) ?? k).join(' or '),
          officerBy: officerBy ? (org.names.get(officerBy) ?? officerBy) : null,
        },
        ofstedReport: ofstedReportUrl(p.urn),
        canAllocateOfficer: !!officerBy && (ctx.user.role === 'manager' || ctx.user.role === 'admin' || !!org.holders.get(officerBy)?.has(ctx.user.id)),
        visits,
        events,
        sustainabilityCase,
        canManage: ctx.user.role === 'manager' || ctx.user.role === 'admin',
        canAskInclusion: p.status !== 'closed' && roleCan(ctx.user.role, pathwaysPolicy.work) && !!(await inclusionRequestTitle(ctx.tenant)),
        returnTo: `/pathways/${p.id}`,
      });
    });

    actionRoute('/pathways/:id/allocate', async (p, request) => {
      const tenant = ctxOf(request).tenant;
      const [staff, org] = await Promise.all([repo.allocatableStaff(tenant), staffTitles(tenant)]);
      const person = (u: (typeof staff)[number]) => ({ value: u.id, text: `${u.name} (${org.titlesOf.get(u.id)?.join(', ') ?? roleLabels[u.role]}, caseload ${u.caseload})` });
      const lead = p.definition.allocation.lead;
      const leads = staff.filter((u) => lead.some((k) => org.holders.get(k)?.has(u.id)));
      const officers = staff.filter((u) => u.role === 'officer' || (org.titlesOf.has(u.id) && org.officerHolders.has(u.id)));
      const fields: Field[] = [
        lead.length && leads.length
          ? { type: 'select', name: 'adviserId', label: `Lead: ${lead.map((k) => org.names.get(k) ?? k).join(' or ')}`, hint: 'Each person’s job titles and current caseload are shown in brackets', items: [{ value: '', text: 'Select who leads' }, ...leads.map(person)] }
          : { type: 'select', name: 'adviserId', label: 'Improvement Adviser', hint: 'Each person’s current caseload is shown in brackets', items: [{ value: '', text: 'Select an adviser' }, ...staff.filter((u) => u.role !== 'officer').map(person)] },
      ];
      const officerElsewhere = p.definition.allocation.officerAllocatedBy && !p.officer_id;
      if ((p.definition.allocation.officer && !officerElsewhere) || p.officer_id) fields.push({ type: 'select', name: 'officerId', label: 'Childcare Sufficiency Officer', items: [{ value: '', text: 'None' }, ...officers.map(person)] });
      if (!p.allocated_at) {
        const cadence = cadenceChoice(p.definition.visitPlan.cadences);
        if (cadence) fields.push(cadence);
        if (p.definition.officerMonitoring) fields.push({ type: 'checkbox', name: 'managementActions', label: 'Management committee', text: 'The report contains actions for the management committee (the Childcare Sufficiency Officer monitors them monthly)' });
      }
      return {
        title: p.allocated_at ? 'Reallocate this setting' : 'Allocate this setting',
        caption: captionOf(p),
        action: `/pathways/${p.id}/allocate`,
        backHref: `/pathways/${p.id}`,
        intro: p.allocated_at ? 'Open tasks and planned visits move to the people you choose. The pathway’s history keeps who had it before.' : allocateIntro(p.definition.name, p.definition.visitPlan.cadences),
        fields,
        submitText: p.allocated_at ? 'Reallocate' : 'Allocate',
        defaults: { cadence: p.definition.visitPlan.cadences[0] ?? 'monthly', adviserId: p.adviser_id ?? '', officerId: p.officer_id ?? '' },
      };
    }, allocateSchema, async (request, v, p) => {
      const cadence = v.cadence ?? (p.cadence as Cadence | null) ?? p.definition.visitPlan.cadences[0] ?? cadences[1];
      await service.allocate(ctxOf(request), p.id, { adviserId: v.adviserId, officerId: v.officerId || null, cadence, managementActions: v.managementActions === 'yes' });
      return p.allocated_at ? 'Setting reallocated' : 'Setting allocated and visits planned';
    })(app);

    actionRoute('/pathways/:id/allocate-officer', async (p, request) => {
      const ctx = ctxOf(request);
      const by = p.definition.allocation.officerAllocatedBy;
      const org = await staffTitles(ctx.tenant);
      if (!by || !(ctx.user.role === 'manager' || ctx.user.role === 'admin' || org.holders.get(by)?.has(ctx.user.id))) throw new ForbiddenError(`The ${by ? (org.names.get(by) ?? by) : 'Senior Improvement Adviser'} allocates the officer for this pathway`);
      const staff = await repo.allocatableStaff(ctx.tenant);
      const officers = staff.filter((u) => u.role === 'officer' || org.officerHolders.has(u.id));
      return {
        title: p.officer_id ? 'Change the Childcare Sufficiency Officer' : 'Allocate a Childcare Sufficiency Officer', caption: captionOf(p),
        action: `/pathways/${p.id}/allocate-officer`, backHref: `/pathways/${p.id}`,
        intro: `Allocated by the ${org.names.get(by) ?? by}. The officer gets the steps counted from their allocation and any monitoring visits.`,
        fields: [{ type: 'select', name: 'officerId', label: 'Childcare Sufficiency Officer', hint: 'Each person’s job titles and current caseload are shown in brackets', items: [{ value: '', text: 'Select an officer' }, ...officers.map((u) => ({ value: u.id, text: `${u.name} (${org.titlesOf.get(u.id)?.join(', ') ?? roleLabels[u.role]}, caseload ${u.caseload})` }))] }],
        submitText: 'Allocate officer', defaults: { officerId: p.officer_id ?? '' },
      };
    }, officerSchema, async (request, v, p) => {
      const ctx = ctxOf(request);
      const by = p.definition.allocation.officerAllocatedBy;
      const org = await staffTitles(ctx.tenant);
      if (!by || !(ctx.user.role === 'manager' || ctx.user.role === 'admin' || org.holders.get(by)?.has(ctx.user.id))) throw new ForbiddenError('You do not allocate the officer for this pathway');
      await service.allocateOfficer(ctx, p.id, v.officerId);
      return 'Childcare Sufficiency Officer allocated';
    }, pathwaysPolicy.work)(app);

    actionRoute('/pathways/:id/pause', (p) => ({
      title: 'Pause this pathway', caption: captionOf(p), action: `/pathways/${p.id}/pause`, backHref: `/pathways/${p.id}`,
      fields: [{ type: 'textarea', name: 'reason', label: 'Why is the pathway paused?', hint: 'For example, the setting is temporarily closed' }],
      submitText: 'Pause pathway',
    }), reasonSchema, async (request, v, p) => {
      await service.pause(ctxOf(request), p.id, v.reason);
      return 'Pathway paused';
    })(app);

    // Kent's "request equality and inclusion visit" / "signpost to equality and inclusion support" (issue 21)
    actionRoute('/pathways/:id/inclusion-visit', (p) => ({
      title: 'Ask the inclusion team for a visit', caption: captionOf(p), action: `/pathways/${p.id}/inclusion-visit`, backHref: `/pathways/${p.id}`,
      intro: 'The request goes to the inclusion team’s queue with the setting’s name and your reason, and is shown on this pathway’s timeline.',
      fields: [{ type: 'textarea', name: 'reason', label: 'Why does the setting need a visit from the inclusion team?', hint: 'For example, the setting needs support with the SEND Code of Practice' }],
      submitText: 'Send the request',
    }), reasonSchema, async (request, v, p) => {
      const queue = await service.requestInclusionVisit(ctxOf(request), p.id, p.provider_name ?? 'Childminder', v.reason);
      return `Request sent to the ${queue} queue`;
    }, pathwaysPolicy.work)(app);

    app.post<IdParams>('/pathways/:id/resume', { config: { permission: pathwaysPolicy.manage } }, async (request, reply) => {
      const p = await load(request);
      await service.resume(ctxOf(request), p.id);
      setFlash(reply, 'Pathway resumed');
      return reply.redirect(`/pathways/${p.id}`, 303);
    });

    actionRoute('/pathways/:id/close', (p) => ({
      title: 'Close this pathway', caption: captionOf(p), action: `/pathways/${p.id}/close`, backHref: `/pathways/${p.id}`,
      intro: 'Open tasks are cancelled and visits not yet booked are withdrawn. If support was declined, a task to inform Ofsted is created.',
      fields: [
        { type: 'radios', name: 'outcome', label: 'Why is the pathway closing?', items: Object.entries(closeOutcomes).map(([value, text]) => ({ value, text })) },
        { type: 'textarea', name: 'details', label: 'Details' },
      ],
      submitText: 'Close pathway', submitClasses: 'govuk-button--warning',
    }), closeSchema, async (request, v, p) => {
      await service.close(ctxOf(request), p.id, `${closeOutcomes[v.outcome]}. ${v.details}`, v.outcome === 'support_declined', v.outcome === 'not_engaging');
      return v.outcome === 'support_declined' ? 'Pathway closed. A task to inform Ofsted has been created.' : 'Pathway closed';
    })(app);

    actionRoute('/pathways/:id/insufficient-improvement', (p) => ({
      title: 'Record insufficient improvement', caption: captionOf(p), action: `/pathways/${p.id}/insufficient-improvement`, backHref: `/pathways/${p.id}`,
      intro: 'If insufficient improvement is made the SIA triggers the process for withdrawal of funding. Recording it creates a task for the Childcare Sufficiency Officer.',
      fields: [{ type: 'textarea', name: 'details', label: 'What improvement was expected and not made?' }],
      submitText: 'Record insufficient improvement', submitClasses: 'govuk-button--warning',
    }), detailsSchema, async (request, v, p) => {
      await service.recordInsufficientImprovement(ctxOf(request), p.id, v.details);
      return 'Insufficient improvement recorded; the withdrawal of funding process has started';
    })(app);

    // Cancelling a planned or booked visit (engagement rule: two cancellations by the setting within a term).
    const cancelPage = async (request: FastifyRequest<{ Params: { id: string } }>) => {
      const ctx = ctxOf(request);
      const v = await ctx.tenant.selectFrom('visits').select(['id', 'pathway_id', 'urn', 'number', 'planned_date']).where('id', '=', request.params.id).executeTakeFirst();
      if (!v) throw new NotFoundError();
      const back = v.pathway_id ? `/pathways/${v.pathway_id}` : `/providers/${v.urn}`;
      return { v, back, page: {
        title: `Record that ${v.number ? `visit ${v.number}` : 'this visit'} was cancelled`, caption: 'Visit', action: `/visits/${v.id}/cancel`, backHref: back,
        intro: 'The visit stays in the history and is planned again. A second cancellation by the setting in one term creates a task for the Senior Improvement Adviser to contact the setting.',
        fields: [
          { type: 'radios', name: 'by', label: 'Who cancelled it?', items: [{ value: 'setting', text: 'The setting' }, { value: 'la', text: 'The local authority' }] },
          { type: 'textarea', name: 'reason', label: 'Reason given' },
          { type: 'date', name: 'date', label: 'When was it cancelled?' },
        ] as Field[],
        submitText: 'Record cancellation',
      } };
    };
    app.get<IdParams>('/visits/:id/cancel', { config: { permission: pathwaysPolicy.work } }, async (request, reply) => showAction(request, reply, (await cancelPage(request)).page));
    app.post<IdParams>('/visits/:id/cancel', { config: { permission: pathwaysPolicy.work } }, async (request, reply) => {
      const { v, back, page } = await cancelPage(request);
      const body = (request.body ?? {}) as Body;
      const form = validateDatedForm(cancelVisitSchema, body, 'date it was cancelled', londonDate(deps.clock.now()), false);
      if (!form.ok) return showAction(request, reply, page, formValues(body), form.errors);
      const result = await service.cancelVisit(ctxOf(request), v.id, { by: form.value.by, reason: form.value.reason, date: form.date });
      setFlash(reply, result.contactTask ? 'Cancellation recorded. This is the setting’s second cancellation this term: the Senior Improvement Adviser has a task to contact the setting.' : 'Cancellation recorded and the visit planned again');
      return reply.redirect(back, 303);
    });

    // Booking a planned visit: a date and a time (booking the first visit completes the first-contact step).
        const bookPage = async (request: FastifyRequest<IdParams>, chosen?: unknown) => {
      const v = await ctxOf(request).tenant.selectFrom('visits').select(['id', 'pathway_id', 'urn', 'number', 'visit_type', 'planned_date', 'focus', 'location', 'agenda', 'invite_to', 'adviser_id', 'accompanying']).where('id', '=', request.params.id).executeTakeFirst();
      if (!v) throw new NotFoundError();
      const setting = await ctxOf(request).tenant.selectFrom('providers').select('contact_email').where('urn', '=', v.urn).executeTakeFirstOrThrow();
      const back = v.pathway_id ? `/pathways/${v.pathway_id}` : `/providers/${v.urn}`;
      return { v, back, page: {
        title: `Book ${v.number ? `visit ${v.number}` : 'this visit'}`, caption: 'Visit', action: `/visits/${v.id}/book`, backHref: back,
        intro: v.focus,
        fields: [
          { type: 'date', name: 'date', label: 'Date of the visit', hint: `Planned by ${formatDate(v.planned_date)}. For example, 27 3 2027` },
          { type: 'select', name: 'time', label: 'Start time', items: [{ value: '', text: 'Select a time' }, ...startTimes] },
          { type: 'select', name: 'duration', label: 'How long', items: Object.entries(durations).map(([value, text]) => ({ value, text })) },
          { type: 'text', name: 'location', label: 'Where', hint: 'For example, At the setting, or Online (Teams)' },
          { type: 'textarea', name: 'agenda', label: 'Agenda (optional)' },
          { type: 'text', name: 'inviteEmail', label: 'Send a calendar invitation to the setting (optional)', hint: 'The setting’s e-mail address. Changes and cancellations are sent to it too.' },
          { type: 'checkboxes', name: 'accompanying', label: 'Accompanying staff (optional)', hint: 'They are copied into the invitation', items: accompanyingItems(await repo.allocatableStaff(ctxOf(request).tenant), v.adviser_id, chosen ?? v.accompanying) },
        ] as Field[],
        submitText: 'Book visit',
        defaults: { duration: '120', location: v.location ?? 'At the setting', agenda: v.agenda ?? '', inviteEmail: v.invite_to ?? setting.contact_email ?? '' },
      } };
    };
    app.get<IdParams>('/visits/:id/book', { config: { permission: pathwaysPolicy.work } }, async (request, reply) => showAction(request, reply, (await bookPage(request)).page));
    app.post<IdParams>('/visits/:id/book', { config: { permission: pathwaysPolicy.work } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const { v, back, page } = await bookPage(request, body.accompanying ?? []);
      const form = validateDatedForm(bookSchema, body, 'date of the visit', londonDate(deps.clock.now()), true, 'future');
      if (!form.ok) return showAction(request, reply, page, formValues(body), form.errors);
      const at = londonInstant(form.date, form.value.time);
      await service.bookVisit(ctxOf(request), v.id, { start: at, end: new Date(at.getTime() + Number(form.value.duration) * 60_000), location: form.value.location, agenda: form.value.agenda || null, inviteEmail: form.value.inviteEmail || null, accompanying: form.value.accompanying });
      setFlash(reply, `${v.number ? `Visit ${v.number}` : 'Visit'} booked for ${formatDateTime(at)}`);
      return reply.redirect(back, 303);
    });

    app.post('/team/start-from-latest-outcomes', { config: { permission: pathwaysPolicy.manage } }, async (request, reply) => {
      const started = await service.startFromLatestOutcomes(ctxOf(request));
      const parts = [
        started.support ? `${started.support} ${started.support === 1 ? 'pathway' : 'pathways'} started for settings whose latest outcome is less than Good` : '',
        started.programme ? `${started.programme} ${started.programme === 1 ? 'setting' : 'settings'} added to the Annual Conversation Programme` : '',
        started.newRegistration ? `${started.newRegistration} New registration ${started.newRegistration === 1 ? 'pathway' : 'pathways'} started for settings not yet inspected` : '',
      ].filter(Boolean);
      setFlash(reply, parts.length ? `${parts.join('; ')}.` : 'Every setting whose latest outcome is less than Good already has its pathway, every Good or Outstanding setting is in the Annual Conversation Programme and every setting not yet inspected has New registration support');
      return reply.redirect('/team', 303);
    });

    // Starting a pathway by hand and recording a concern, from the provider page.
    const startPage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      const templates = await templatesFor(ctx.tenant);
      return { provider, page: {
        title: 'Start a support pathway', caption: provider.name ?? 'Childminder', action: `/providers/${provider.urn}/pathways`, backHref: `/providers/${provider.urn}`,
        fields: [
          { type: 'radios', name: 'kind', label: 'Which pathway?', items: [...templates.values()].map((t) => ({ value: t.kind, text: t.definition.name, hint: { text: t.definition.summary } })) },
          { type: 'textarea', name: 'reason', label: 'Why are you starting it?', hint: 'For example, the outcome was published before Ofsted’s data was imported' },
        ] as Field[],
        submitText: 'Start pathway',
      } };
    };
    app.get<UrnParams>('/providers/:urn/pathways/new', { config: { permission: pathwaysPolicy.manage } }, async (request, reply) => showAction(request, reply, (await startPage(request)).page));
    app.post<UrnParams>('/providers/:urn/pathways', { config: { permission: pathwaysPolicy.manage } }, async (request, reply) => {
      const { provider, page } = await startPage(request);
      const body = (request.body ?? {}) as Body;
      const form = validateForm(startSchema, body);
      if (!form.ok) return showAction(request, reply, page, formValues(body), form.errors);
      const id = await service.startManually(ctxOf(request), provider.urn, form.value.kind, form.value.reason);
      setFlash(reply, 'Pathway started');
      return reply.redirect(`/pathways/${id}`, 303);
    });

    const concernPage = async (request: FastifyRequest<UrnParams>) => {
      const provider = await getProvider(ctxOf(request).tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      return { provider, page: {
        title: 'Record a concern about children’s safety', caption: provider.name ?? 'Childminder', action: `/providers/${provider.urn}/concerns`, backHref: `/providers/${provider.urn}`,
        intro: 'When a registered setting causes the Local Authority concern related to children’s safety the Local Authority has a duty to share these concerns with Ofsted. This creates a support-visit task and a task to share the concern with Ofsted.',
        fields: [{ type: 'textarea', name: 'details', label: 'What is the concern?' }] as Field[],
        submitText: 'Record concern', submitClasses: 'govuk-button--warning',
      } };
    };
    app.get<UrnParams>('/providers/:urn/concerns/new', { config: { permission: pathwaysPolicy.work } }, async (request, reply) => showAction(request, reply, (await concernPage(request)).page));
    app.post<UrnParams>('/providers/:urn/concerns', { config: { permission: pathwaysPolicy.work } }, async (request, reply) => {
      const { provider, page } = await concernPage(request);
      const body = (request.body ?? {}) as Body;
      const form = validateForm(detailsSchema, body);
      if (!form.ok) return showAction(request, reply, page, formValues(body), form.errors);
      await service.recordSafetyConcern(ctxOf(request), provider.urn, form.value.details);
      setFlash(reply, 'Concern recorded. Tasks to arrange a support visit and to share the concern with Ofsted have been created.');
      return reply.redirect(`/providers/${provider.urn}`, 303);
    });
  };
}
