import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB, SettingDocumentKind } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { saveUploadRecord, sendStored, storeUpload } from '../evidence/index.js';
import { lostRace, saveNextVersion, VersionRaceError } from '../../platform/edit-conflict.js';
import { getProvider } from '../providers/index.js';
import { ownProvider } from './repository.js';

/** The two documents the seeds ask settings to send: "e-mail the self-evaluation", "send … the most recent Setting Improvement Plan". */
export const documentKinds: Record<SettingDocumentKind, { title: string; hint: string }> = {
  self_evaluation: { title: 'Self-evaluation', hint: 'How you judge your setting’s strengths and what you want to improve.' },
  improvement_plan: { title: 'Setting improvement plan', hint: 'Your most recent plan: what you will improve, how and by when.' },
};
const isKind = (k: string): k is SettingDocumentKind => Object.hasOwn(documentKinds, k);

/** Every version of both documents, newest first (repository: LA-scoped, and the caller checked the provider). */
export async function documentsFor(tenant: TenantDb, urn: string) {
  const rows = await tenant
    .selectFrom('setting_documents')
    .leftJoin('users', 'users.id', 'setting_documents.uploaded_by')
    .select(['setting_documents.id', 'setting_documents.kind', 'setting_documents.version', 'setting_documents.file_name', 'setting_documents.size_bytes', 'setting_documents.comment', 'setting_documents.created_at', 'users.name as uploaded_by_name'])
    .where('setting_documents.urn', '=', urn)
    .orderBy('setting_documents.kind')
    .orderBy('setting_documents.version', 'desc')
    .execute();
  return (Object.keys(documentKinds) as SettingDocumentKind[]).map((kind) => ({ kind, ...documentKinds[kind], versions: rows.filter((r) => r.kind === kind) }));
}

async function fileOf(tenant: TenantDb, id: string, urn?: string) {
  let q = tenant.selectFrom('setting_documents').select(['id', 'urn', 'file_name', 'content_type', 'storage_key', 'la_code']).where('id', '=', id);
  if (urn) q = q.where('urn', '=', urn);
  const file = await q.executeTakeFirst();
  if (!file) throw new NotFoundError();
  return file;
}

/**
 * Settings upload their self-evaluation and setting improvement plan (each upload is a new version;
 * nothing is overwritten); staff of the LA read every version.
 */
export function documentRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    type UrnParams = { Params: { urn: string } };
    const portalPage = async (request: FastifyRequest<UrnParams>) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      return { ctx, provider, documents: await documentsFor(ctx.tenant, provider.urn) };
    };
    app.get<UrnParams>('/portal/:urn/documents', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const { provider, documents } = await portalPage(request);
      return render(request, reply, 'portal/views/documents.njk', { provider, documents });
    });

    app.post<{ Params: { urn: string; kind: string } }>('/portal/:urn/documents/:kind', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const { ctx, provider, documents } = await portalPage(request);
      const kind = request.params.kind;
      if (!isKind(kind)) throw new NotFoundError();
      const upload = await storeUpload(request, deps.uploadsDir, ctx.tenant.scope.laCode);
      if (!upload.ok) return render(request, reply, 'portal/views/documents.njk', { provider, documents, errors: formErrors([[`file-${kind}`, upload.message]]) }, upload.status);
      const f = upload.file;
      const comment = (f.fields.comment ?? '').trim().slice(0, 1000);
      // a lost race for the next version number is run again; a failed save leaves no file behind
      const saved = await saveUploadRecord(deps.uploadsDir, ctx.tenant.scope.laCode, f, () => saveNextVersion(`this ${documentKinds[kind].title.toLowerCase()}`, () => ctx.tenant.transaction(async (tx) => {
        const last = await tx.selectFrom('setting_documents').select((eb) => eb.fn.max('version').as('v')).where('urn', '=', provider.urn).where('kind', '=', kind).executeTakeFirst();
        const next = Number(last?.v ?? 0) + 1;
        const doc = await tx.insertInto('setting_documents', { urn: provider.urn, kind, version: next, file_name: f.fileName, content_type: f.contentType, size_bytes: f.sizeBytes, sha256: f.sha256, storage_key: f.storageKey, comment, uploaded_by: ctx.user.id, created_at: ctx.clock.now() }).returning('id').executeTakeFirstOrThrow();
        await appendAudit(tx, ctx.ip, { action: 'portal.document_uploaded', recordType: 'provider', recordId: provider.urn, details: { kind, version: next, file: doc.id } }); // ids, not file names
        return next;
      }), { again: 'send yours again' })).catch(lostRace);
      if (saved instanceof VersionRaceError) return render(request, reply, 'portal/views/documents.njk', { provider, documents: await documentsFor(ctx.tenant, provider.urn), errors: formErrors([[`file-${kind}`, saved.message]]) }, 409);
      const version = saved;
      setFlash(reply, `${documentKinds[kind].title} uploaded (version ${version}). Your adviser can see it.`);
      return reply.redirect(`/portal/${provider.urn}/documents`, 303);
    });

    app.get<{ Params: { urn: string; fileId: string } }>('/portal/:urn/documents/file/:fileId', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const file = await fileOf(ctx.tenant, request.params.fileId, provider.urn);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'document.downloaded', recordType: 'provider', recordId: file.urn, details: { file: file.id, portal: true } });
      return sendStored(deps.uploadsDir, reply, file);
    });

    app.get<UrnParams>('/providers/:urn/documents', { config: { permission: 'action-plans:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await getProvider(ctx.tenant, request.params.urn);
      if (!provider) throw new NotFoundError();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'documents.viewed', recordType: 'provider', recordId: provider.urn });
      return render(request, reply, 'portal/views/staff-documents.njk', { provider, documents: await documentsFor(ctx.tenant, provider.urn) });
    });

    app.get<{ Params: { fileId: string } }>('/documents/:fileId', { config: { permission: 'action-plans:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const file = await fileOf(ctx.tenant, request.params.fileId);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'document.downloaded', recordType: 'provider', recordId: file.urn, details: { file: file.id } });
      return sendStored(deps.uploadsDir, reply, file);
    });
  };
}
