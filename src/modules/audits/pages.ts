import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { auditPdf } from './pdf.js';
import { auditSummary, sectionForm } from './presenters.js';
import type { LoadedAudit } from './repository.js';
import { completeAudit, readSection, saveSection } from './service.js';
import { saveUploadRecord, storeUpload } from '../evidence/index.js';

type Params = { Params: Record<string, string> };
export interface Resolved {
  ctx: ActionContext;
  audit: LoadedAudit;
  /** this audit's address: /audits/:id or /portal/:urn/audits/:id */
  base: string;
  /** where "Back" goes from the summary */
  backHref: string;
  /** the portal limits everything to the user's own setting */
  urn?: string;
  /** may this user answer this audit (staff: staff audits; the setting: its self-assessments) */
  canEdit: boolean;
  /** where this user downloads an evidence file: + file id */
  fileHref: string;
}

async function filesOf(r: Resolved) {
  const rows = await r.ctx.tenant.selectFrom('evidence_files').select(['id', 'file_name', 'size_bytes', 'created_at', 'audit_item']).where('audit_id', '=', r.audit.id).orderBy('created_at').execute();
  const byItem: Record<string, typeof rows> = {};
  for (const row of rows) (byItem[row.audit_item ?? ''] ??= []).push(row);
  return byItem;
}

/**
 * The pages an audit has wherever it is done: one page per section (autosaved), complete, summary
 * and PDF. Staff register them under /audits/:id, the portal under /portal/:urn/audits/:id.
 */
export function registerAuditPages(app: FastifyInstance, path: string, permission: Permission, uploadsDir: string, resolve: (request: FastifyRequest<Params>) => Promise<Resolved>, extras: (r: Resolved) => Promise<Record<string, unknown>> = async () => ({})) {
  const sectionIndex = (r: Resolved, n: string) => {
    const index = Number(n) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= r.audit.template.sections.length) throw new NotFoundError();
    return index;
  };
  const editable = (r: Resolved) => {
    if (!r.canEdit || r.audit.status !== 'draft') throw new NotFoundError();
  };
  const showSection = async (request: FastifyRequest, reply: FastifyReply, r: Resolved, index: number, extra: Record<string, unknown> = {}, status = 200) =>
    render(request, reply, 'audits/views/section.njk', { audit: r.audit, base: r.base, fileHref: r.fileHref, files: await filesOf(r), section: sectionForm(r.audit.template, index, r.audit.answers), ...extra }, status);

  app.get<Params>(`${path}/sections/:n`, { config: { permission } }, async (request, reply) => {
    const r = await resolve(request);
    editable(r);
    return showSection(request, reply, r, sectionIndex(r, request.params.n ?? ''));
  });

  app.post<Params>(`${path}/sections/:n`, { config: { permission } }, async (request, reply) => {
    const r = await resolve(request);
    editable(r);
    const index = sectionIndex(r, request.params.n ?? '');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { answers, errors } = readSection(r.audit.template, index, body);
    const autosave = request.headers['x-autosave'] === '1';
    if (errors.length) {
      if (autosave) return reply.code(400).send({ saved: false });
      return showSection(request, reply, { ...r, audit: { ...r.audit, answers: { ...r.audit.answers, ...answers } } }, index, { errors: formErrors(errors) }, 400);
    }
    await saveSection(r.ctx, r.audit.id, answers, r.urn);
    if (autosave) return reply.send({ saved: true });
    const next = index + 2;
    if (body.intent === 'save' || next > r.audit.template.sections.length) {
      setFlash(reply, 'Your answers are saved');
      return reply.redirect(body.intent === 'save' ? `${r.base}/sections/${index + 1}` : r.base, 303);
    }
    return reply.redirect(`${r.base}/sections/${next}`, 303);
  });

  /** A file for an evidence item, stored like action-plan evidence (type by content, outside the web root). */
  app.post<Params>(`${path}/sections/:n/evidence/:item`, { config: { permission } }, async (request, reply) => {
    const r = await resolve(request);
    editable(r);
    const index = sectionIndex(r, request.params.n ?? '');
    const item = r.audit.template.sections[index]!.items.find((i) => i.key === request.params.item && i.response === 'evidence');
    if (!item) throw new NotFoundError();
    const upload = await storeUpload(request, uploadsDir, r.ctx.tenant.scope.laCode);
    if (!upload.ok) return showSection(request, reply, r, index, { errors: formErrors([[`file-${item.key}`, upload.message]]) }, upload.status);
    const f = upload.file;
    await saveUploadRecord(uploadsDir, r.ctx.tenant.scope.laCode, f, () => r.ctx.tenant.transaction(async (tx) => {
      await tx.insertInto('evidence_files', { urn: r.audit.urn, item_id: null, audit_id: r.audit.id, audit_item: item.key, file_name: f.fileName, content_type: f.contentType, size_bytes: f.sizeBytes, sha256: f.sha256, storage_key: f.storageKey, uploaded_by: r.ctx.user.id, created_at: r.ctx.clock.now() }).execute();
      await appendAudit(tx, r.ctx.ip, { action: 'audit.evidence_uploaded', recordType: 'provider', recordId: r.audit.urn, details: { audit: r.audit.id, item: item.key, file: f.fileName } });
    }));
    setFlash(reply, `${f.fileName} uploaded`);
    return reply.redirect(`${r.base}/sections/${index + 1}#${item.key}`, 303);
  });

  app.post<Params>(`${path}/complete`, { config: { permission } }, async (request, reply) => {
    const r = await resolve(request);
    editable(r);
    const result = await completeAudit(r.ctx, r.audit.id, r.urn);
    if (!result.ok) {
      const errors = formErrors(result.missing.slice(0, 10).map((m) => [m.item.key, `Answer “${m.item.prompt.slice(0, 80)}” (section ${m.section + 1})`]));
      errors.list = errors.list.map((e, i) => ({ ...e, href: `${r.base}/sections/${result.missing[i]!.section + 1}#${result.missing[i]!.item.key}` }));
      return render(request, reply, 'audits/views/summary.njk', { ...r, files: await filesOf(r), summary: auditSummary(r.audit), errors, ...(await extras(r)) }, 400);
    }
    setFlash(reply, 'Completed');
    return reply.redirect(r.base, 303);
  });

  app.get<Params>(path, { config: { permission } }, async (request, reply) => {
    const r = await resolve(request);
    await appendAudit(r.ctx.tenant, r.ctx.ip, { action: 'audit.viewed', recordType: 'provider', recordId: r.audit.urn, details: { audit: r.audit.id } });
    return render(request, reply, 'audits/views/summary.njk', { ...r, files: await filesOf(r), summary: auditSummary(r.audit), ...(await extras(r)) });
  });

  app.get<Params>(`${path}/pdf`, { config: { permission } }, async (request, reply) => {
    const r = await resolve(request);
    const la = await r.ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', r.ctx.tenant.scope.laCode).executeTakeFirstOrThrow());
    const pdf = await auditPdf({ laName: la.name, providerName: r.audit.provider_name ?? 'Childminder', urn: r.audit.urn, completedOn: r.audit.completed_at, summary: auditSummary(r.audit) });
    await appendAudit(r.ctx.tenant, r.ctx.ip, { action: 'audit.downloaded', recordType: 'provider', recordId: r.audit.urn, details: { audit: r.audit.id } });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${r.audit.template_key}-${r.audit.urn}.pdf"`).header('cache-control', 'no-store').send(pdf);
  });
}
