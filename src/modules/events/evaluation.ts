import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { formErrors, formValues } from '../../platform/forms.js';
import { NotFoundError } from '../../platform/errors.js';
import { render, setFlash } from '../../platform/views.js';
import { evaluationFor, saveEvaluation } from './service.js';

/* The short evaluation form after a session: reached from the link in the certificate e-mail (a secret), no sign-in. */

type TokenParams = { Params: { token: string } };
const ratings = [
  { value: '5', text: 'Very useful' }, { value: '4', text: 'Useful' }, { value: '3', text: 'Neither useful nor not useful' }, { value: '2', text: 'Not very useful' }, { value: '1', text: 'Not useful at all' },
];

export function evaluationRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const load = async (request: FastifyRequest<TokenParams>) => {
    const found = await evaluationFor(deps.db, request.params.token);
    if (!found) throw new NotFoundError('This evaluation link is not known. Check it was copied whole.');
    return found;
  };
  return async (app: FastifyInstance) => {
    app.get<TokenParams>('/training/evaluation/:token', { config: { permission: 'public' } }, async (request, reply) => {
      const found = await load(request);
      return render(request, reply, 'events/views/evaluation.njk', { session: found.session, answered: found.answered, ratings, values: {} });
    });
    app.post<TokenParams>('/training/evaluation/:token', { config: { permission: 'public' } }, async (request, reply) => {
      const found = await load(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const rating = Number(body.rating);
      const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim().slice(0, 2000) : '');
      if (!found.answered) {
        if (!Number.isInteger(rating) || rating < 1 || rating > 5) return render(request, reply, 'events/views/evaluation.njk', { session: found.session, ratings, values: formValues(body), errors: formErrors([['rating', 'Select how useful the session was']]) }, 400);
        await saveEvaluation(found.tenant, found.booking, { rating, learned: text('learned'), improve: text('improve') }, deps.clock.now());
      }
      setFlash(reply, 'Thank you: your answers have been sent');
      return reply.redirect(`/training/evaluation/${request.params.token}`, 303);
    });
  };
}
