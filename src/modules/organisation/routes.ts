import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formValues, validateForm, type FormErrors } from '../../platform/forms.js';
import { roleLabels } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { organisationPolicy } from './policy.js';
import * as repo from './repository.js';
import { jobTitleSchema, staffJobTitlesSchema, teamSchema } from './schemas.js';
import * as service from './service.js';
import { slotLabels, slots } from './structures.js';

/* Admin pages: the LA's teams, their job titles, and the job titles each member of staff holds. */

type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;
interface Page { title: string; caption: string; action: string; backHref: string; submitText: string; intro?: string; fields: unknown[] }

const teamFields = [
  { type: 'text', name: 'name', label: 'Team name' },
  { type: 'textarea', name: 'description', label: 'What the team does', hint: 'Optional' },
];
const jobTitleFields = (values: Body) => [
  { type: 'text', name: 'name', label: 'Job title', hint: 'As your service writes it, for example Childcare Improvement Sufficiency Officer' },
  { type: 'text', name: 'shortName', label: 'Short name', hint: 'Optional. What staff call it, for example CISO' },
  { type: 'textarea', name: 'description', label: 'What work comes to this job title', hint: 'Optional' },
  { type: 'checkbox', name: 'managesTeam', label: 'Manager', text: 'Holders of this job title manage the team' },
  {
    type: 'checkboxes', name: 'slots', label: 'Support pathway work that waits in this job title’s queue until someone is allocated',
    hint: 'Each part goes to one job title: ticking it here takes it from another',
    items: slots.map((s) => ({ value: s, text: slotLabels[s], checked: ([] as unknown[]).concat(values.slots ?? []).includes(s) })),
  },
];

export function organisationRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const config = { permission: organisationPolicy.manage };
  const form = (request: FastifyRequest, reply: FastifyReply, page: Page, values: Body, errors?: FormErrors) =>
    render(request, reply, 'components/action-form.njk', { ...page, values: Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string')), errors }, errors ? 400 : 200);

  /** GET shows the form with `initial`; POST validates, acts, flashes and goes back to /organisation. */
  function formRoute<S extends z.ZodType>(app: FastifyInstance, url: string, schema: S, page: (request: FastifyRequest<IdParams>, values: Body) => Promise<Page>, initial: (request: FastifyRequest<IdParams>) => Promise<Body>, act: (request: FastifyRequest<IdParams>, value: z.infer<S>) => Promise<string>, postUrl = url) {
    app.get<IdParams>(url, { config }, async (request, reply) => {
      const values = await initial(request);
      return form(request, reply, await page(request, values), values);
    });
    app.post<IdParams>(postUrl, { config }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const result = validateForm(schema, body);
      if (!result.ok) return form(request, reply, await page(request, body), formValues(body), result.errors);
      setFlash(reply, await act(request, result.value));
      return reply.redirect('/organisation', 303);
    });
  }

  return async (app: FastifyInstance) => {
    app.get('/organisation', { config }, async (request, reply) => {
      const ctx = ctxOf(request);
      const [teams, staff] = await Promise.all([repo.listTeams(ctx.tenant), repo.staffWithJobTitles(ctx.tenant)]);
      return render(request, reply, 'organisation/views/overview.njk', { teams, staff, slotLabels, roleLabels });
    });

    formRoute(app, '/organisation/teams/new', teamSchema, async () => ({ title: 'Add a team', caption: 'Teams and job titles', action: '/organisation/teams/new', backHref: '/organisation', submitText: 'Add team', fields: teamFields }),
      async () => ({}), async (request, value) => { await service.addTeam(ctxOf(request), value); return `${value.name} added`; });

    formRoute(app, '/organisation/teams/:id/edit', teamSchema, async (request) => ({ title: 'Change a team', caption: 'Teams and job titles', action: `/organisation/teams/${request.params.id}/edit`, backHref: '/organisation', submitText: 'Save team', fields: teamFields }),
      async (request) => {
        const team = await repo.getTeam(ctxOf(request).tenant, request.params.id);
        if (!team) throw new NotFoundError();
        return { name: team.name, description: team.description };
      },
      async (request, value) => { await service.editTeam(ctxOf(request), request.params.id, value); return `${value.name} saved`; });

    formRoute(app, '/organisation/teams/:id/job-titles/new', jobTitleSchema, async (request, values) => {
      const team = await repo.getTeam(ctxOf(request).tenant, request.params.id);
      if (!team) throw new NotFoundError();
      return { title: 'Add a job title', caption: team.name, action: `/organisation/teams/${team.id}/job-titles/new`, backHref: '/organisation', submitText: 'Add job title', fields: jobTitleFields(values) };
    }, async () => ({}), async (request, value) => { await service.addJobTitle(ctxOf(request), request.params.id, value); return `${value.name} added`; });

    formRoute(app, '/organisation/job-titles/:id/edit', jobTitleSchema, async (request, values) => ({
      title: 'Change a job title', caption: 'Teams and job titles', action: `/organisation/job-titles/${request.params.id}/edit`, backHref: '/organisation', submitText: 'Save job title', fields: jobTitleFields(values),
    }), async (request) => {
      const t = await repo.getJobTitle(ctxOf(request).tenant, request.params.id);
      if (!t) throw new NotFoundError();
      return { name: t.name, shortName: t.shortName, description: t.description, managesTeam: t.managesTeam ? 'yes' : '', slots: t.slots };
    }, async (request, value) => { await service.editJobTitle(ctxOf(request), request.params.id, value); return `${value.name} saved`; });

    formRoute(app, '/organisation/staff/:id', staffJobTitlesSchema, async (request, values) => {
      const ctx = ctxOf(request);
      const person = (await repo.staffWithJobTitles(ctx.tenant)).find((s) => s.id === request.params.id);
      if (!person) throw new NotFoundError();
      const held = new Set(([] as unknown[]).concat(values.jobTitles ?? []).map(String));
      const teams = await repo.listTeams(ctx.tenant);
      return {
        title: `Job titles: ${person.name}`, caption: `${roleLabels[person.role]} · what they may do`, action: `/organisation/staff/${person.id}`, backHref: '/organisation', submitText: 'Save job titles',
        intro: 'Their role says what they may do; their job titles say what work comes to them. Work nobody is allocated to waits in a job title’s queue, which its holders see on My work.',
        fields: [{ type: 'checkboxes', name: 'jobTitles', label: 'Job titles', items: teams.flatMap((team) => team.jobTitles.map((j) => ({ value: j.id, text: `${j.name} (${team.name})`, checked: held.has(j.id) }))) }],
      };
    }, async (request) => {
      const held = await repo.jobTitlesOf(ctxOf(request).tenant, request.params.id);
      return { jobTitles: held.map((j) => j.id) };
    }, async (request) => {
      const body = (request.body ?? {}) as Body;
      const ids = ([] as unknown[]).concat(body.jobTitles ?? []).map(String);
      await service.setStaffJobTitles(ctxOf(request), request.params.id, ids);
      return 'Job titles saved';
    });
  };
}
