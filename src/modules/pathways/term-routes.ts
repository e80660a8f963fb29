import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { pathwaysPolicy } from './policy.js';
import { ensureTermDates } from './service.js';

/* The LA's term dates: "two cancellations within a term" counts within these. */

const nameSchema = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter the term’s name').max(100, 'The term’s name must be 100 characters or fewer'));

const addPage = {
  title: 'Add a term', caption: 'Term dates', action: '/term-dates', backHref: '/term-dates', submitText: 'Add term',
  fields: [
    { type: 'text', name: 'name', label: 'Name', hint: 'For example, Autumn term 2027' },
    { type: 'date', name: 'starts', label: 'First day', hint: 'For example, 1 9 2027' },
    { type: 'date', name: 'ends', label: 'Last day', hint: 'For example, 19 12 2027' },
  ],
};

export function termRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get('/term-dates', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const terms = await ctx.tenant.transaction((tx) => ensureTermDates(tx));
      return render(request, reply, 'pathways/views/terms.njk', { terms });
    });
    app.get('/term-dates/new', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) =>
      render(request, reply, 'components/action-form.njk', { ...addPage, values: {} }),
    );
    app.post('/term-dates', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const name = nameSchema.safeParse(body.name);
      const starts = dateFromParts(body, 'starts', 'first day', '', 'any');
      const ends = dateFromParts(body, 'ends', 'last day', '', 'any');
      const problems: [string, string][] = [];
      if (!name.success) problems.push(['name', name.error.issues[0]?.message ?? 'Enter the term’s name']);
      if (starts.error) problems.push(['starts-day', starts.error]);
      if (ends.error) problems.push(['ends-day', ends.error]);
      if (starts.value && ends.value && ends.value < starts.value) problems.push(['ends-day', 'The last day must be the same as or after the first day']);
      if (problems.length || !name.success || !starts.value || !ends.value) {
        return render(request, reply, 'components/action-form.njk', { ...addPage, values: formValues(body), errors: formErrors(problems) }, 400);
      }
      await ctx.tenant.transaction(async (tx) => {
        await ensureTermDates(tx);
        await tx.insertInto('term_dates', { name: name.data, starts_on: starts.value!, ends_on: ends.value! }).execute();
        await appendAudit(tx, ctx.ip, { action: 'term_dates.added', details: { name: name.data, starts: starts.value, ends: ends.value } });
      });
      setFlash(reply, `${name.data} added`);
      return reply.redirect('/term-dates', 303);
    });
    app.post<{ Params: { id: string } }>('/term-dates/:id/delete', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const removed = await ctx.tenant.deleteFrom('term_dates').where('id', '=', request.params.id).returning('name').executeTakeFirst();
      if (!removed) throw new NotFoundError();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'term_dates.removed', details: { name: removed.name } });
      setFlash(reply, `${removed.name} removed`);
      return reply.redirect('/term-dates', 303);
    });
  };
}
