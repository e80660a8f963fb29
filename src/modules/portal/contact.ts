import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TenantDb } from '../../db/tenant.js';
import type { ContactChanges, DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues, validateForm } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { ownProvider, pendingContactRequest } from './repository.js';

/** The contact details the LA holds for a setting (Ofsted publishes the address; these are ours). */
export const contactFields = { contact_name: 'Contact name', contact_email: 'E-mail address', contact_phone: 'Telephone' } as const;
type ContactField = keyof typeof contactFields;
type Contact = Record<ContactField, string | null>;

const optional = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(max, `This must be ${max} characters or fewer`));
export const contactSchema = z.object({
  contact_name: optional(200),
  contact_email: optional(320).refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an e-mail address in the correct format, like name@example.com'),
  contact_phone: optional(40).refine((v) => v === '' || /^[0-9+() -]{6,}$/.test(v), 'Enter a telephone number, like 01632 960 001 or 07700 900 982'),
});

/** Only the fields that differ: the request staff see is "from → to" for each. */
export function contactChanges(current: Contact, requested: Record<ContactField, string>): ContactChanges {
  const changes: ContactChanges = {};
  for (const field of Object.keys(contactFields) as ContactField[]) {
    const to = requested[field] === '' ? null : requested[field];
    if ((current[field] ?? null) !== to) changes[field] = { from: current[field] ?? null, to };
  }
  return changes;
}

export async function pendingRequests(tenant: TenantDb) {
  return tenant
    .selectFrom('contact_change_requests')
    .innerJoin('providers', 'providers.urn', 'contact_change_requests.urn')
    .leftJoin('users', 'users.id', 'contact_change_requests.requested_by')
    .select(['contact_change_requests.id', 'contact_change_requests.urn', 'contact_change_requests.requested_at', 'contact_change_requests.changes', 'providers.name as provider_name', 'users.name as requested_by_name'])
    .where('contact_change_requests.status', '=', 'pending')
    .orderBy('contact_change_requests.requested_at')
    .execute();
}

export async function pendingRequestCount(tenant: TenantDb): Promise<number> {
  const row = await tenant.selectFrom('contact_change_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function getRequest(tenant: TenantDb, id: string) {
  const row = await tenant
    .selectFrom('contact_change_requests')
    .innerJoin('providers', 'providers.urn', 'contact_change_requests.urn')
    .leftJoin('users', 'users.id', 'contact_change_requests.requested_by')
    .select(['contact_change_requests.id', 'contact_change_requests.urn', 'contact_change_requests.status', 'contact_change_requests.requested_at', 'contact_change_requests.changes', 'contact_change_requests.decision_reason', 'providers.name as provider_name', 'providers.redacted', 'users.name as requested_by_name'])
    .where('contact_change_requests.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Choose whether to make the change' }),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(1000, 'The reason must be 1000 characters or fewer')),
}).refine((v) => v.decision === 'approve' || v.reason !== '', { path: ['reason'], message: 'Tell the setting why the change was not made' });

/** Settings ask to correct their contact details; staff approve (the record changes) or reject with a reason. */
export function contactRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    type UrnParams = { Params: { urn: string } };
    const formPage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const pending = await pendingContactRequest(ctx.tenant, provider.urn);
      return { ctx, provider, pending, page: {
        title: 'Correct your contact details', caption: provider.name ?? 'Your setting', action: `/portal/${provider.urn}/contact`, backHref: `/portal/${provider.urn}`,
        intro: `Change anything that is wrong. Someone in the Early Years team checks the change before it is made.${pending ? ' You already asked for a change: this one will replace it.' : ''} Your address comes from Ofsted: to change it, tell Ofsted.`,
        fields: (Object.keys(contactFields) as ContactField[]).map((name) => ({ type: 'text', name, label: contactFields[name] })),
        submitText: 'Ask for the change',
      } };
    };
    app.get<UrnParams>('/portal/:urn/contact', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const { provider, page } = await formPage(request);
      return render(request, reply, 'components/action-form.njk', { ...page, values: { contact_name: provider.contact_name ?? '', contact_email: provider.contact_email ?? '', contact_phone: provider.contact_phone ?? '' } });
    });
    app.post<UrnParams>('/portal/:urn/contact', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const { ctx, provider, pending, page } = await formPage(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateForm(contactSchema, body);
      if (!form.ok) return render(request, reply, 'components/action-form.njk', { ...page, values: formValues(body), errors: form.errors }, 400);
      const changes = contactChanges(provider, form.value);
      if (Object.keys(changes).length === 0) return render(request, reply, 'components/action-form.njk', { ...page, values: formValues(body), errors: formErrors([['contact_name', 'Change at least one detail, or go back']]) }, 400);
      const now = ctx.clock.now();
      await ctx.tenant.transaction(async (tx) => {
        if (pending) await tx.updateTable('contact_change_requests').set({ status: 'rejected', decided_at: now, decided_by: ctx.user.id, decision_reason: 'Replaced by a newer request from the setting' }).where('id', '=', pending.id).execute();
        const row = await tx.insertInto('contact_change_requests', { urn: provider.urn, requested_by: ctx.user.id, requested_at: now, changes: JSON.stringify(changes) }).returning('id').executeTakeFirstOrThrow();
        await appendAudit(tx, ctx.ip, { action: 'portal.contact_change_requested', recordType: 'provider', recordId: provider.urn, details: { request: row.id, fields: Object.keys(changes) } });
      });
      setFlash(reply, 'Thank you: we will check the change and update your details');
      return reply.redirect(`/portal/${provider.urn}`, 303);
    });

    app.get('/contact-requests', { config: { permission: 'providers:record' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'contact_requests.viewed', recordType: 'contact_request' });
      return render(request, reply, 'portal/views/contact-requests.njk', { requests: await pendingRequests(ctx.tenant), contactFields });
    });

    type IdParams = { Params: { id: string } };
    app.get<IdParams>('/contact-requests/:id', { config: { permission: 'providers:record' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const req = await getRequest(ctx.tenant, request.params.id);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'contact_request.viewed', recordType: 'provider', recordId: req.urn, details: { request: req.id } });
      return render(request, reply, 'portal/views/contact-request.njk', { request: req, contactFields, values: {} });
    });
    app.post<IdParams>('/contact-requests/:id', { config: { permission: 'providers:record' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const req = await getRequest(ctx.tenant, request.params.id);
      if (req.status !== 'pending') throw new ConflictError('This request has already been decided');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateForm(decisionSchema, body);
      if (!form.ok) return render(request, reply, 'portal/views/contact-request.njk', { request: req, contactFields, values: formValues(body), errors: form.errors }, 400);
      const now = ctx.clock.now();
      const approve = form.value.decision === 'approve';
      await ctx.tenant.transaction(async (tx) => {
        const decided = await tx.updateTable('contact_change_requests').set({ status: approve ? 'approved' : 'rejected', decided_by: ctx.user.id, decided_at: now, decision_reason: form.value.reason || null }).where('id', '=', req.id).where('status', '=', 'pending').returning('id').executeTakeFirst();
        if (!decided) throw new ConflictError('This request has already been decided');
        if (approve) {
          const set: Partial<Contact> = {};
          for (const [field, change] of Object.entries(req.changes)) if (Object.hasOwn(contactFields, field)) set[field as ContactField] = change.to;
          await tx.updateTable('providers').set({ ...set, updated_at: now }).where('urn', '=', req.urn).execute();
        }
        await appendAudit(tx, ctx.ip, { action: approve ? 'contact_change.approved' : 'contact_change.rejected', recordType: 'provider', recordId: req.urn, details: { request: req.id, fields: Object.keys(req.changes) } }); // which fields, not the names, e-mails and phone numbers (the request keeps them)
      });
      setFlash(reply, approve ? 'The contact details are updated' : 'The request is rejected');
      return reply.redirect('/contact-requests', 303);
    });
  };
}
