import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Permission } from '../../platform/permissions.js';
import { appendAudit } from '../audit-log/index.js';
import { visitName } from '../pathways/index.js';
import { ownProvider, portalPage } from '../portal/index.js';
import { composeNote, loadNote } from './service.js';

/* The notes of visit a setting has been sent, in the portal (as PDFs). */

const permission: Permission = 'portal:view';
type ItemParams = { Params: { urn: string; id: string } };

/** The setting's visits so far (done, or booked for a time now past), newest first, each with its note of visit once it is sent. */
async function pastVisits(tenant: TenantDb, urn: string, now: Date) {
  return tenant
    .selectFrom('visits')
    .leftJoin('notes_of_visit as n', (j) => j.onRef('n.visit_id', '=', 'visits.id').on('n.status', '=', 'sent'))
    .select(['visits.id', 'visits.visit_type', 'visits.number', 'visits.status', 'visits.booked_for', 'visits.planned_date', 'visits.done_on', 'visits.cancelled_by', 'visits.cancelled_on', 'n.id as note_id', 'n.sent_at'])
    .where('visits.urn', '=', urn)
    .where((eb) => eb.or([eb('visits.status', '=', 'done'), eb.and([eb('visits.status', '=', 'booked'), eb('visits.booked_for', '<', now)])]))
    .orderBy(sql`coalesce(visits.booked_for, visits.done_on::timestamptz)`, 'desc')
    .limit(24)
    .execute();
}

async function ownSentNote(tenant: TenantDb, urn: string, noteId: string) {
  const n = await tenant.selectFrom('notes_of_visit').select('id').where('id', '=', noteId).where('urn', '=', urn).where('status', '=', 'sent').executeTakeFirst();
  if (!n) throw new NotFoundError();
  return n;
}

export function contributePortalNotes(): void {
  portalPage.sections.add('notes', {
    async load(ctx, provider) {
      const visits = (await pastVisits(ctx.tenant, provider.urn, ctx.clock.now())).map((v) => ({ ...v, label: visitName(v), on: v.done_on ?? (v.booked_for ? londonDate(v.booked_for) : v.planned_date) }));
      return { template: 'notes/views/portal-notes.njk', data: { visits } };
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
