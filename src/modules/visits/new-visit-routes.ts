import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { validateDatedForm } from '../../platform/date-input.js';
import { formatDateTime, londonDate, londonInstant } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formValues, inFieldOrder, type FormErrors } from '../../platform/forms.js';
import { roleLabels, type Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { visitTypeLabels } from '../pathways/index.js';
import { allocatableStaff } from '../pathways/index.js';
import { accompanyingItems, bookSchema, durations, startTimes } from '../pathways/index.js';
import { bookVisit } from '../pathways/index.js';
import { getProvider } from '../providers/index.js';

const permission: Permission = 'pathways:work';
type UrnParams = { Params: { urn: string } };

const newVisitSchema = bookSchema.extend({
  visitType: z.enum(Object.keys(visitTypeLabels) as [string, ...string[]], { error: 'Select the type of visit' }),
  leadId: z.uuid({ error: 'Select who leads the visit' }),
  withSia: z.literal('yes').optional(),
  focus: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter the focus of the visit').max(2000, 'The focus must be 2,000 characters or fewer')),
});


/** A visit outside a pathway's plan (support, monitoring, business review, FEEE audit …), booked straight away. */
export function newVisitRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  async function show(request: FastifyRequest<UrnParams>, reply: FastifyReply, values: Record<string, string>, errors?: FormErrors, chosen: unknown = []) {
    const ctx = ctxOf(request);
    const provider = await getProvider(ctx.tenant, request.params.urn);
    if (!provider) throw new NotFoundError();
    const staff = await allocatableStaff(ctx.tenant);
    const fields = [
      { type: 'select', name: 'visitType', label: 'Type of visit', items: [{ value: '', text: 'Select a type' }, ...Object.entries(visitTypeLabels).map(([value, text]) => ({ value, text }))] },
      { type: 'select', name: 'leadId', label: 'Who leads the visit', items: [{ value: '', text: 'Select a person' }, ...staff.map((u) => ({ value: u.id, text: `${u.name} (${roleLabels[u.role]})` }))] },
      { type: 'checkbox', name: 'withSia', label: 'Accompanied', text: 'The Senior Improvement Adviser accompanies this visit' },
      { type: 'textarea', name: 'focus', label: 'Focus' },
      { type: 'date', name: 'date', label: 'Date of the visit', hint: 'For example, 27 3 2027' },
      { type: 'select', name: 'time', label: 'Start time', items: [{ value: '', text: 'Select a time' }, ...startTimes] },
      { type: 'select', name: 'duration', label: 'How long', items: Object.entries(durations).map(([value, text]) => ({ value, text })) },
      { type: 'text', name: 'location', label: 'Where', hint: 'For example, At the setting, or Online (Teams)' },
      { type: 'textarea', name: 'agenda', label: 'Agenda (optional)' },
      { type: 'text', name: 'inviteEmail', label: 'Send a calendar invitation to the setting (optional)', hint: 'The setting’s e-mail address' },
      { type: 'checkboxes', name: 'accompanying', label: 'Accompanying staff (optional)', hint: 'They are copied into the invitation', items: accompanyingItems(staff, null, chosen) },
    ];
    return render(request, reply, 'components/action-form.njk', {
      title: 'Book a visit', caption: provider.name ?? 'Childminder', action: `/providers/${provider.urn}/visits`, backHref: `/providers/${provider.urn}`, submitText: 'Book visit',
      fields,
      values: { duration: '120', location: 'At the setting', leadId: ctx.user.id, inviteEmail: provider.contact_email ?? '', ...values },
      errors: errors && inFieldOrder(errors, fields.map((f) => (f.type === 'date' ? `${f.name}-day` : f.name))), // the summary in the page's order
    }, errors ? 400 : 200);
  }
  return async (app: FastifyInstance) => {
    app.get<UrnParams>('/providers/:urn/visits/new', { config: { permission } }, async (request, reply) => show(request, reply, {}));
    app.post<UrnParams>('/providers/:urn/visits', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateDatedForm(newVisitSchema, body, 'date of the visit', londonDate(ctx.clock.now()), false, 'future');
      const staff = new Set((await allocatableStaff(ctx.tenant)).map((u) => u.id));
      if (!form.ok) return show(request, reply, formValues(body), form.errors, body.accompanying);
      if (!staff.has(form.value.leadId)) throw new NotFoundError();
      const v = form.value;
      const start = londonInstant(form.date, v.time);
      await ctx.tenant.transaction(async (tx) => {
        const visit = await tx
          .insertInto('visits', { urn: provider.urn, pathway_id: null, visit_type: v.visitType, number: null, focus: v.focus, with_sia: v.withSia === 'yes', adviser_id: v.leadId, planned_date: form.date, created_at: ctx.clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await bookVisit({ ...ctx, tenant: tx }, visit.id, { start, end: new Date(start.getTime() + Number(v.duration) * 60_000), location: v.location, agenda: v.agenda || null, inviteEmail: v.inviteEmail || null, accompanying: v.accompanying.filter((id) => id !== v.leadId) });
      });
      setFlash(reply, `${visitTypeLabels[v.visitType]} booked for ${formatDateTime(start)}`);
      return reply.redirect(`/providers/${provider.urn}`, 303);
    });
  };
}
