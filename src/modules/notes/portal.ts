import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Permission } from '../../platform/permissions.js';
import { appendAudit } from '../audit-log/index.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { composeNote, loadNote } from './service.js';

/* The notes of visit a setting has been sent, in the portal (as PDFs). */

const permission: Permission = 'portal:view';
type ItemParams = { Params: { urn: string; id: string } };

async function sentNotes(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('notes_of_visit').select(['id', 'sent_at']).where('urn', '=', urn).where('status', '=', 'sent').orderBy('sent_at', 'desc').execute();
}

async function ownSentNote(tenant: TenantDb, urn: string, noteId: string) {
  const n = await tenant.selectFrom('notes_of_visit').select('id').where('id', '=', noteId).where('urn', '=', urn).where('status', '=', 'sent').executeTakeFirst();
  if (!n) throw new NotFoundError();
  return n;
}

export function contributePortalNotes(): void {
  portalPage.sections.add('notes', {
    async load(ctx, provider) {
      return { template: 'notes/views/portal-notes.njk', data: { notes: await sentNotes(ctx.tenant, provider.urn) } };
    },
  }, 60);
}

export function portalNoteRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<ItemParams>('/portal/:urn/notes/:id/pdf', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await ownProvider(ctx.tenant, request.params.urn);
      await ownSentNote(ctx.tenant, provider.urn, request.params.id);
      const note = await loadNote(ctx.tenant, request.params.id);
      const { pdf, visitDate } = await composeNote(ctx.tenant, note, londonDate(note.sent_at ?? ctx.clock.now()));
      await appendAudit(ctx.tenant, ctx.ip, { action: 'portal.note_downloaded', recordType: 'note_of_visit', recordId: note.id });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="note-of-visit-${provider.urn}-${visitDate}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });
  };
}
