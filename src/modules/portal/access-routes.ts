import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues, validateForm } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import { acceptInvitation, findInvitation, invite, portalUsers, removeAccess } from './service.js';

const manage: Permission = 'portal-access:manage';
type UrnParams = { Params: { urn: string } };

const inviteSchema = z.object({
  name: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter the person’s name').max(200, 'The name must be 200 characters or fewer')),
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter the person’s e-mail address').pipe(z.email({ error: 'Enter an e-mail address in the correct format, like name@example.com' }))),
});
const passwordSchema = z
  .object({
    password: z.string({ error: 'Enter a password' }).min(12, 'Your password must be 12 characters or more').max(256, 'Your password must be 256 characters or fewer'),
    confirmPassword: z.string({ error: 'Confirm your password' }).min(1, 'Confirm your password'),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' });

/** Staff give people at a setting access to the portal; the invited person sets a password from the e-mailed link. */
/** `publicBaseUrl`: where users reach the service (PUBLIC_BASE_URL); links sent to people start with it, never with the request's Host header. */
export function portalAccessRoutes(deps: { db: Kysely<DB>; clock: Clock; publicBaseUrl: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const page = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      return { provider, people: await portalUsers(ctx, provider.urn) };
    };
    app.get<UrnParams>('/providers/:urn/portal-access', { config: { permission: manage } }, async (request, reply) => {
      const data = await page(request);
      await appendAudit(ctxOf(request).tenant, ctxOf(request).ip, { action: 'portal.access_list_viewed', recordType: 'provider', recordId: data.provider.urn });
      return render(request, reply, 'portal/views/access.njk', { ...data, values: {} });
    });
    app.post<UrnParams>('/providers/:urn/portal-access', { config: { permission: manage } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateForm(inviteSchema, body);
      const data = await page(request);
      if (!form.ok) return render(request, reply, 'portal/views/access.njk', { ...data, values: formValues(body), errors: form.errors }, 400);
      await invite(ctxOf(request), data.provider.urn, form.value, deps.publicBaseUrl);
      setFlash(reply, `Invitation sent to ${form.value.email}`);
      return reply.redirect(`/providers/${data.provider.urn}/portal-access`, 303);
    });
    app.post<{ Params: { urn: string; userId: string } }>('/providers/:urn/portal-access/:userId/remove', { config: { permission: manage } }, async (request, reply) => {
      await removeAccess(ctxOf(request), request.params.urn, request.params.userId);
      setFlash(reply, 'Access removed');
      return reply.redirect(`/providers/${request.params.urn}/portal-access`, 303);
    });

    // The invitation link: no sign-in (the single-use, time-limited token is the key).
    const invitationPage = async (request: FastifyRequest<{ Params: { token: string } }>) => {
      const found = await findInvitation(deps.db, request.params.token, deps.clock.now());
      return found;
    };
    app.get<{ Params: { token: string } }>('/invitations/:token', { config: { permission: 'public' } }, async (request, reply) => {
      const found = await invitationPage(request);
      return render(request, reply, 'portal/views/invitation.njk', { found, values: {} }, found.status === 'valid' ? 200 : 404);
    });
    app.post<{ Params: { token: string } }>('/invitations/:token', { config: { permission: 'public' } }, async (request, reply) => {
      const found = await invitationPage(request);
      if (found.status !== 'valid') return render(request, reply, 'portal/views/invitation.njk', { found, values: {} }, 404);
      const form = validateForm(passwordSchema, request.body ?? {});
      if (!form.ok) return render(request, reply, 'portal/views/invitation.njk', { found, values: {}, errors: form.errors }, 400);
      if (!(await acceptInvitation(deps.db, request.params.token, form.value.password, deps.clock.now(), request.ip ?? null))) {
        return render(request, reply, 'portal/views/invitation.njk', { found: { status: 'used' }, values: {}, errors: formErrors([]) }, 404);
      }
      setFlash(reply, 'Your password is set. Sign in with your e-mail address and your new password.');
      return reply.redirect('/sign-in', 303);
    });
  };
}
