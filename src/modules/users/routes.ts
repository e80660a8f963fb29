import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { roles } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formValues, validateForm, type FormErrors } from '../../platform/forms.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { roleLabels } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { usersPolicy } from './policy.js';
import { getUser, listUsers } from './repository.js';
import { changeRoleSchema, newUserSchema, userSearchSchema } from './schemas.js';
import * as service from './service.js';

type IdParams = { Params: { id: string } };
const roleItems = (selected?: string) =>
  roles.map((r) => ({ value: r, text: roleLabels[r], checked: r === selected }));

export function usersRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const config = { permission: usersPolicy.manage };

  async function loadUser(request: FastifyRequest<IdParams>) {
    const user = await getUser(ctxOf(request).tenant, request.params.id);
    if (!user) throw new NotFoundError();
    return user;
  }

  function showUser(request: FastifyRequest<IdParams>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    return loadUser(request).then(async (user) => {
      const ctx = ctxOf(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'user.viewed', recordType: 'user', recordId: user.id });
      return render(request, reply, 'users/views/show.njk', {
        person: user,
        roleItems: roleItems(user.role),
        canChangeAccess: usersPolicy.canChangeAccess(ctx.user, user.id),
        ...extra,
      }, status);
    });
  }

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string> }>('/users', { config }, async (request, reply) => {
      const query = userSearchSchema.safeParse(request.query);
      const q = query.success ? (query.data.q ?? '') : '';
      const page = parsePage(request.query.page);
      const { rows, total } = await listUsers(ctxOf(request).tenant, q, page.limit, page.offset);
      return render(request, reply, 'users/views/list.njk', {
        users: rows,
        q,
        ...paginationView('/users', q ? { q } : {}, page.page, total, page.limit),
      });
    });

    app.get('/users/new', { config }, async (request, reply) =>
      render(request, reply, 'users/views/new.njk', { roleItems: roleItems() }),
    );

    app.post('/users', { config }, async (request, reply) => {
      const values = formValues(request.body);
      const showErrors = (errors: FormErrors) =>
        render(request, reply, 'users/views/new.njk', { errors, values, roleItems: roleItems(values.role) }, 400);
      const form = validateForm(newUserSchema, request.body);
      if (!form.ok) return showErrors(form.errors);
      const result = await service.addUser(ctxOf(request), deps.db, form.value);
      if (!result.ok) return showErrors(result.errors);
      return render(request, reply, 'users/views/one-time-password.njk', {
        person: { id: result.id, name: form.value.name, email: form.value.email.toLowerCase() },
        oneTimePassword: result.oneTimePassword,
        heading: 'User added',
      });
    });

    app.get<IdParams>('/users/:id', { config }, async (request, reply) => showUser(request, reply));

    app.post<IdParams>('/users/:id/role', { config }, async (request, reply) => {
      const form = validateForm(changeRoleSchema, request.body);
      if (!form.ok) return showUser(request, reply, { errors: form.errors }, 400);
      const result = await service.changeRole(ctxOf(request), (await loadUser(request)).id, form.value.role);
      if (!result.ok) return showUser(request, reply, { errors: result.errors }, 400);
      setFlash(reply, `Role changed to ${roleLabels[form.value.role]}`);
      return reply.redirect(`/users/${request.params.id}`, 303);
    });

    for (const [path, active] of [['deactivate', false], ['reactivate', true]] as const) {
      app.post<IdParams>(`/users/:id/${path}`, { config }, async (request, reply) => {
        const result = await service.setActive(ctxOf(request), (await loadUser(request)).id, active);
        if (!result.ok) return showUser(request, reply, { errors: result.errors }, 400);
        setFlash(reply, active ? 'User reactivated' : 'User deactivated and signed out');
        return reply.redirect(`/users/${request.params.id}`, 303);
      });
    }

    app.post<IdParams>('/users/:id/reset-password', { config }, async (request, reply) => {
      const user = await loadUser(request);
      const oneTimePassword = await service.resetPassword(ctxOf(request), user.id);
      if (!oneTimePassword) throw new NotFoundError();
      return render(request, reply, 'users/views/one-time-password.njk', {
        person: user,
        oneTimePassword,
        heading: 'Password reset',
      });
    });
  };
}
