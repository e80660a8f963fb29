import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { FormErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { outcomeLabels, reportCardLabels } from '../providers/index.js';
import { ownerRoleLabels } from '../tasks/index.js';
import { listTeams } from '../organisation/index.js';
import type { TenantDb } from '../../db/tenant.js';

async function jobTitleOptions(tenant: TenantDb) {
  return (await listTeams(tenant)).flatMap((team) => team.jobTitles.map((j) => ({ value: j.key, text: `${j.name} (${team.name})` })));
}
import { cadences, kindLabels, pathwayKinds } from './definition.js';
import { pathwaysPolicy } from './policy.js';
import { countRows, fromForm, graded, reportCardGrades, toFormValues } from './template-form.js';
import { getTemplate, saveTemplateVersion, templatesFor, templateVersions } from './templates.js';

type IdParams = { Params: { id: string } };

const options = {
  outcomes: graded.map((v) => ({ value: v, text: outcomeLabels[v] ?? v })),
  rcAreas: reportCardGrades.map((v) => ({ value: v, text: reportCardLabels[v] ?? v })),
  cadences: cadences.map((v) => ({ value: v, text: v === 'bi-monthly' ? 'Every two months (bi-monthly)' : v[0]!.toUpperCase() + v.slice(1) })),
  owners: Object.entries(ownerRoleLabels).map(([value, text]) => ({ value, text })),
};

export function templateRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  async function load(request: FastifyRequest<IdParams>) {
    const t = await getTemplate(ctxOf(request).tenant, request.params.id);
    if (!t) throw new NotFoundError();
    return t;
  }
  return async (app: FastifyInstance) => {
    app.get('/pathway-templates', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const templates = await templatesFor(ctxOf(request).tenant);
      return render(request, reply, 'pathways/views/templates.njk', {
        templates: pathwayKinds.map((k) => templates.get(k)).filter((t) => t !== undefined).map((t) => ({ ...t, kindLabel: kindLabels[t.kind] })),
      });
    });

    app.get<IdParams>('/pathway-templates/:id', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const t = await load(request);
      const versions = await templateVersions(ctxOf(request).tenant, t.kind);
      return render(request, reply, 'pathways/views/template.njk', { t, versions, latest: versions[0]?.id === t.id, outcomeLabels, reportCardLabels, ownerRoleLabels });
    });

    const editPage = async (request: FastifyRequest<IdParams>, reply: FastifyReply, t: Awaited<ReturnType<typeof load>>, values: Record<string, unknown>, errors?: FormErrors) =>
      render(request, reply, 'pathways/views/template-edit.njk', {
        t, form: values, errors, options: { ...options, jobTitles: await jobTitleOptions(ctxOf(request).tenant) },
        stepCount: countRows(values, 'step', 'title') + (errors ? 0 : 1),
        rowCount: countRows(values, 'row', 'focus') + (errors ? 0 : 1),
      }, errors ? 400 : 200);

    app.get<IdParams>('/pathway-templates/:id/edit', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const t = await load(request);
      return editPage(request, reply, t, toFormValues(t.definition));
    });

    app.post<IdParams>('/pathway-templates/:id', { config: { permission: pathwaysPolicy.templates } }, async (request, reply) => {
      const t = await load(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = fromForm(body);
      if (!form.ok) return editPage(request, reply, t, body, form.errors);
      const ctx = ctxOf(request);
      const id = await saveTemplateVersion(ctx.tenant, t.kind, form.value);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'pathway_template.saved', recordType: 'pathway_template', recordId: id, details: { kind: t.kind, from_version: t.version } });
      setFlash(reply, 'Saved as a new version. Pathways already running keep the version they started on.');
      return reply.redirect(`/pathway-templates/${id}`, 303);
    });
  };
}
