import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { lostRace, VersionRaceError } from '../../platform/edit-conflict.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { parseTemplate } from './definition.js';
import { formRows, fromForm, toFormValues } from './template-form.js';
import { auditTemplate, currentAuditTemplates, saveTemplateVersion, templateVersions } from './templates.js';

const manage: Permission = 'templates:manage';
type IdParams = { Params: { id: string } };
const completedByLabels = { staff: 'Staff', setting: 'The setting (self-assessment)', both: 'Staff or the setting' } as const;
const responseLabels = { rating: 'Rating', yes_no: 'Yes / partly / no / not applicable', text: 'Text', evidence: 'Evidence' } as const;

/** Admins read, export, edit (as a new version) and import audit templates as JSON. */
export function auditTemplateRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get('/audit-templates', { config: { permission: manage } }, async (request, reply) =>
      render(request, reply, 'audits/views/templates.njk', { templates: await currentAuditTemplates(ctxOf(request).tenant), completedByLabels }));

    app.get<IdParams>('/audit-templates/:id', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const template = await auditTemplate(ctx.tenant, request.params.id);
      return render(request, reply, 'audits/views/template.njk', { template, versions: await templateVersions(ctx.tenant, template.key), completedByLabels, responseLabels });
    });

    app.get<IdParams>('/audit-templates/:id/export', { config: { permission: manage } }, async (request, reply) => {
      const template = await auditTemplate(ctxOf(request).tenant, request.params.id);
      return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `attachment; filename="${template.key}-v${template.version}.json"`).send(JSON.stringify(template.definition, null, 2));
    });

    const save = async (request: FastifyRequest, reply: FastifyReply, page: Record<string, unknown>) => {
      const ctx = ctxOf(request);
      const json = String((request.body as Record<string, unknown> | undefined)?.json ?? '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch (error) {
        return render(request, reply, 'audits/views/template-edit.njk', { ...page, json, errors: formErrors([['json', `This is not valid JSON: ${(error as Error).message}`]]) }, 400);
      }
      const result = parseTemplate(parsed);
      if (!result.ok) return render(request, reply, 'audits/views/template-edit.njk', { ...page, json, errors: formErrors([['json', `The template cannot be used: ${result.message}`]]) }, 400);
      const saved = await saveTemplateVersion(ctx.tenant, result.template).catch(lostRace);
      if (saved instanceof VersionRaceError) return render(request, reply, 'audits/views/template-edit.njk', { ...page, json, errors: formErrors([['json', saved.message]]) }, 409);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'audit_template.saved', recordType: 'audit_template', recordId: saved.id, details: { key: result.template.key, version: saved.version } });
      setFlash(reply, `${result.template.name}: version ${saved.version} saved. Audits already started keep the version they began with.`);
      return reply.redirect(`/audit-templates/${saved.id}`, 303);
    };

    app.get<IdParams>('/audit-templates/:id/edit', { config: { permission: manage } }, async (request, reply) => {
      const template = await auditTemplate(ctxOf(request).tenant, request.params.id);
      return render(request, reply, 'audits/views/template-edit.njk', { heading: `Change ${template.name}`, action: `/audit-templates/${template.id}/edit`, backHref: `/audit-templates/${template.id}`, json: JSON.stringify(template.definition, null, 2) });
    });
    app.post<IdParams>('/audit-templates/:id/edit', { config: { permission: manage } }, async (request, reply) => {
      const template = await auditTemplate(ctxOf(request).tenant, request.params.id);
      return save(request, reply, { heading: `Change ${template.name}`, action: `/audit-templates/${template.id}/edit`, backHref: `/audit-templates/${template.id}` });
    });

    // the questions in a form (issue 17.17); the JSON stays as the advanced way
    const formPage = (request: FastifyRequest, reply: FastifyReply, template: Awaited<ReturnType<typeof auditTemplate>>, form: Record<string, unknown>, errors?: FormErrors, status = 200) =>
      render(request, reply, 'audits/views/template-form.njk', { template, form, sections: formRows(form), scales: template.definition.scales, completedByLabels, responseLabels, errors }, errors ? status : 200);
    app.get<IdParams>('/audit-templates/:id/change', { config: { permission: manage } }, async (request, reply) => {
      const template = await auditTemplate(ctxOf(request).tenant, request.params.id);
      return formPage(request, reply, template, toFormValues(template.definition));
    });
    app.post<IdParams>('/audit-templates/:id/change', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const template = await auditTemplate(ctx.tenant, request.params.id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const result = fromForm(body, template.definition);
      if (!result.ok) return formPage(request, reply, template, body, result.errors, 400);
      const saved = await saveTemplateVersion(ctx.tenant, result.template).catch(lostRace);
      if (saved instanceof VersionRaceError) return formPage(request, reply, template, body, formErrors([['name', saved.message]]), 409);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'audit_template.saved', recordType: 'audit_template', recordId: saved.id, details: { key: result.template.key, version: saved.version, from_version: template.version } });
      setFlash(reply, `${result.template.name}: version ${saved.version} saved. Audits already started keep the version they began with.`);
      return reply.redirect(`/audit-templates/${saved.id}`, 303);
    });

    const importPage = { heading: 'Import an audit template', action: '/audit-templates/import', backHref: '/audit-templates', intro: 'Paste a template exported from EY Hub (or written to the same format). A template with a key you already have becomes its next version.' };
    app.get('/audit-templates/import', { config: { permission: manage } }, async (request, reply) => render(request, reply, 'audits/views/template-edit.njk', { ...importPage, json: '' }));
    app.post('/audit-templates/import', { config: { permission: manage } }, async (request, reply) => save(request, reply, importPage));
  };
}
