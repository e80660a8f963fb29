import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { evidenceFile, evidenceFor, saveUploadRecord, sendStored, storeUpload } from '../evidence/index.js';
import { ownProvider } from '../portal/index.js';
import { actionPage, ownActionItem } from './portal.js';


/**
 * Evidence files: uploaded by the setting against an action, stored under DATA_DIR/uploads by a
 * random key (never the uploaded name), served only as attachments to the setting's own users and
 * its LA's staff.
 */
export function evidenceRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const send = (reply: FastifyReply, file: Parameters<typeof sendStored>[2]) => sendStored(deps.uploadsDir, reply, file);

  return async (app: FastifyInstance) => {
    app.post<{ Params: { urn: string; id: string } }>('/portal/:urn/actions/:id/evidence', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const item = await ownActionItem(ctx.tenant, provider.urn, request.params.id);
      const back = `/portal/${provider.urn}/actions/${item.id}`;
      const problem = async (message: string, status = 400) =>
        render(request, reply, 'action-plans/views/portal-action.njk', { ...actionPage(provider, item), item, files: await evidenceFor(ctx.tenant, item.id), values: { status: item.status }, errors: formErrors([['evidence', message]]) }, status);
      const upload = await storeUpload(request, deps.uploadsDir, ctx.tenant.scope.laCode);
      if (!upload.ok) return problem(upload.message, upload.status);
      const { fileName: name, contentType, sizeBytes, sha256, storageKey } = upload.file;
      await saveUploadRecord(deps.uploadsDir, ctx.tenant.scope.laCode, upload.file, () => ctx.tenant.transaction(async (tx) => {
        const now = ctx.clock.now();
        const file = await tx.insertInto('evidence_files', { urn: provider.urn, item_id: item.id, file_name: name, content_type: contentType, size_bytes: sizeBytes, sha256, storage_key: storageKey, uploaded_by: ctx.user.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('action_plan_updates', { item_id: item.id, at: now, by_user: ctx.user.id, status: item.status, comment: `Evidence added: ${name}` }).execute();
        await appendAudit(tx, ctx.ip, { action: 'portal.evidence_uploaded', recordType: 'provider', recordId: provider.urn, details: { item: item.id, file: file.id, bytes: sizeBytes } }); // ids, not file names (they may name a child)
      }));
      setFlash(reply, `${name} uploaded`);
      return reply.redirect(back, 303);
    });

    app.get<{ Params: { urn: string; fileId: string } }>('/portal/:urn/evidence/:fileId', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const file = await evidenceFile(ctx.tenant, request.params.fileId, provider.urn);
      if (!file) throw new NotFoundError();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'evidence.downloaded', recordType: 'provider', recordId: file.urn, details: { file: file.id, portal: true } });
      return send(reply, file);
    });

    app.get<{ Params: { fileId: string } }>('/evidence/:fileId', { config: { permission: 'action-plans:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const file = await evidenceFile(ctx.tenant, request.params.fileId);
      if (!file) throw new NotFoundError();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'evidence.downloaded', recordType: 'provider', recordId: file.urn, details: { file: file.id } });
      return send(reply, file);
    });
  };
}

