import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { formErrors, formValues } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { readReturnForm, returnBandKeys, returnBands, termLabel, termOf } from './returns.js';
import { returnsOf, saveReturn } from './returns-repository.js';

/* The setting's termly vacancy return in the portal: a section of its page and the form. */

type UrnParams = { Params: { urn: string } };

export function contributePortalReturn(): void {
  portalPage.sections.add('vacancy-return', {
    async load(ctx, provider) {
      const term = termOf(londonDate(ctx.clock.now()));
      const returns = await returnsOf(ctx.tenant, provider.urn);
      const sent = returns.find((r) => r.term === term.key);
      return {
        template: 'sufficiency/views/portal-section.njk',
        data: { term, sent, returns: returns.slice(0, 6).map((r) => ({ ...r, termLabel: termLabel(r.term) })) },
        nextSteps: [{
          title: { text: `Send your ${term.label} vacancy return` },
          hint: { text: 'Places, vacancies and your waiting list, for the local authority\'s sufficiency duty' },
          href: `/portal/${provider.urn}/vacancy-return`,
          status: sent ? { tag: { text: `Sent ${formatDate(sent.submitted_at)}`, classes: 'govuk-tag--green' } } : { tag: { text: 'Not sent', classes: 'govuk-tag--blue' } },
        }],
      };
    },
  }, 60);
}

export function portalReturnRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const page = async (request: FastifyRequest<UrnParams>) => {
    const ctx = ctxOf(request);
    const provider = await ownProvider(ctx.tenant, request.params.urn);
    const term = termOf(londonDate(ctx.clock.now()));
    const last = (await returnsOf(ctx.tenant, provider.urn))[0];
    return { ctx, provider, term, last, returnBands, returnBandKeys };
  };
  return async (app: FastifyInstance) => {
    app.get<UrnParams>('/portal/:urn/vacancy-return', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const p = await page(request);
      // the last return's answers, to change what has changed
      const values: Record<string, string> = {};
      if (p.last) {
        for (const b of returnBandKeys) Object.assign(values, { [`places-${b}`]: String(p.last.figures[b]?.places ?? ''), [`vacancies-${b}`]: String(p.last.figures[b]?.vacancies ?? '') });
        Object.assign(values, { waitingList: String(p.last.waiting_list), fundedPlaces: String(p.last.funded_places), opensAt: p.last.opens_at, closesAt: p.last.closes_at, weeksPerYear: String(p.last.weeks_per_year) });
      }
      return render(request, reply, 'sufficiency/views/portal-return.njk', { ...p, ctx: undefined, values });
    });
    app.post<UrnParams>('/portal/:urn/vacancy-return', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const p = await page(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = readReturnForm(body);
      if (!form.ok) return render(request, reply, 'sufficiency/views/portal-return.njk', { ...p, ctx: undefined, values: formValues(body), errors: formErrors(form.problems) }, 400);
      await p.ctx.tenant.transaction(async (tx) => {
        await saveReturn(tx, p.provider.urn, p.term.key, form.value, p.ctx.clock.now());
        await appendAudit(tx, p.ctx.ip, { action: 'portal.vacancy_return_sent', recordType: 'provider', recordId: p.provider.urn, details: { term: p.term.key } });
      });
      setFlash(reply, `Thank you: your ${p.term.label} vacancy return is sent`);
      return reply.redirect(`/portal/${p.provider.urn}`, 303);
    });
  };
}
