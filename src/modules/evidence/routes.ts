import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { actionPage } from '../portal/presenters.js';
import { evidenceFor } from './repository.js';
import { appendAudit } from '../audit-log/repository.js';
import { ownActionItem, ownProvider } from '../portal/repository.js';
import { safeFileName, sniff } from './sniff.js';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * Evidence files: uploaded by the setting against an action, stored under DATA_DIR/uploads by a
 * random key (never the uploaded name), served only as attachments to the setting's own users and
 * its LA's staff.
 */
export function evidenceRoutes(deps: { db: Kysely<DB>; clock: Clock; uploadsDir: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const send = async (reply: FastifyReply, file: { file_name: string; content_type: string; storage_key: string; la_code: string }) => {
    const bytes = await readFile(path.join(deps.uploadsDir, file.la_code, file.storage_key));
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', `attachment; filename="${file.file_name.replace(/"/g, '')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(bytes);
  };

  return async (app: FastifyInstance) => {
    app.post<{ Params: { urn: string; id: string } }>('/portal/:urn/actions/:id/evidence', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const item = await ownActionItem(ctx.tenant, provider.urn, request.params.id);
      const back = `/portal/${provider.urn}/actions/${item.id}`;
      const problem = async (message: string, status = 400) =>
        render(request, reply, 'portal/views/action.njk', { ...actionPage(provider, item), item, files: await evidenceFor(ctx.tenant, item.id), values: { status: item.status }, errors: formErrors([['evidence', message]]) }, status);
      if (!request.isMultipart()) return problem('Choose a file to upload');
      const file = await request.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5 } });
      if (!file || !file.filename) return problem('Choose a file to upload');
      const bytes = await file.toBuffer().catch(() => null);
      if (!bytes || file.file.truncated) return problem('The file must be smaller than 10 MB', 413);
      if (bytes.length === 0) return problem('The file you chose is empty');
      const kind = sniff(bytes);
      if (!kind) return problem('The file must be a PDF, a Word document or a photo (JPEG, PNG or GIF)');
      const key = randomUUID();
      await mkdir(path.join(deps.uploadsDir, ctx.tenant.scope.laCode), { recursive: true });
      await writeFile(path.join(deps.uploadsDir, ctx.tenant.scope.laCode, key), bytes, { flag: 'wx' });
      const name = safeFileName(file.filename, kind);
      await ctx.tenant.transaction(async (tx) => {
        const now = ctx.clock.now();
        await tx.insertInto('evidence_files', { urn: provider.urn, item_id: item.id, file_name: name, content_type: kind.contentType, size_bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), storage_key: key, uploaded_by: ctx.user.id, created_at: now }).execute();
        await tx.insertInto('action_plan_updates', { item_id: item.id, at: now, by_user: ctx.user.id, status: item.status, comment: `Evidence added: ${name}` }).execute();
        await appendAudit(tx, ctx.ip, { action: 'portal.evidence_uploaded', recordType: 'provider', recordId: provider.urn, details: { item: item.id, file: name, bytes: bytes.length } });
      });
      setFlash(reply, `${name} uploaded`);
      return reply.redirect(back, 303);
    });

    app.get<{ Params: { urn: string; fileId: string } }>('/portal/:urn/evidence/:fileId', { config: { permission: 'portal:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      const file = await ctx.tenant.selectFrom('evidence_files').select(['file_name', 'content_type', 'storage_key', 'la_code']).where('id', '=', request.params.fileId).where('urn', '=', provider.urn).executeTakeFirst();
      if (!file) throw new NotFoundError();
      return send(reply, file);
    });

    app.get<{ Params: { fileId: string } }>('/evidence/:fileId', { config: { permission: 'action-plans:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const file = await ctx.tenant.selectFrom('evidence_files').select(['id', 'urn', 'file_name', 'content_type', 'storage_key', 'la_code']).where('id', '=', request.params.fileId).executeTakeFirst();
      if (!file) throw new NotFoundError();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'evidence.downloaded', recordType: 'provider', recordId: file.urn, details: { file: file.id } });
      return send(reply, file);
    });
  };
}

