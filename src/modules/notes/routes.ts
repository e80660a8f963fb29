import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { whyVisitNotHappened } from './visit-happened.js';
import { changedWhileEditing, conflictErrors, EditConflictError, postedVersion } from '../../platform/edit-conflict.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, formValues, validateForm, type FormErrors } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { explainFirst } from '../../platform/plain-words.js';
import { actionStatusLabels, openItems } from '../action-plans/index.js';
import { appendAudit } from '../audit-log/index.js';
import { visitName } from '../pathways/index.js';
import { statusLabels } from './presenters.js';
import { ACTION_ROWS, actionAreas, addendumSchema, dueWeekOptions, readNoteForm, returnSchema, sendSchema } from './schemas.js';
import { addAddendum, addenda, approveAndSend, approveNote, loadNote, returnNote, saveNote, scalingTrend } from './service.js';

const write: Permission = 'notes:write';
const assure: Permission = 'notes:assure';
type IdParams = { Params: { id: string } };
type Body = Record<string, unknown>;


export function notesRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);

  async function visitOf(request: FastifyRequest, visitId: string) {
    const tenant = ctxOf(request).tenant;
    const visit = await tenant.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
    if (!visit) throw new NotFoundError();
    const provider = await tenant.selectFrom('providers').select(['urn', 'name', 'redacted', 'contact_email']).where('urn', '=', visit.urn).executeTakeFirstOrThrow();
    return { visit, provider };
  }

  /** `conflict`: someone else saved the note while this form was open (their version, shown beside the form). */
  type Conflict = { theirs: Record<string, string> };
  async function showForm(request: FastifyRequest, reply: FastifyReply, visitId: string, action: string, values: Record<string, string>, errors?: FormErrors, conflict?: Conflict) {
    const { visit, provider } = await visitOf(request, visitId);
    const tenant = ctxOf(request).tenant;
    const previous = await tenant.selectFrom('notes_of_visit').select(['id', 'recommendations', 'sent_at', 'scaling']).where('urn', '=', visit.urn).where('status', '=', 'sent').orderBy('sent_at', 'desc').executeTakeFirst();
    return render(request, reply, 'notes/views/form.njk', {
      visit: { ...visit, label: visitName(visit) },
      provider,
      action,
      values,
      errors,
      previous,
      openActions: await openItems(tenant, visit.urn),
      actionStatusLabels,
      rows: Array.from({ length: ACTION_ROWS }, (_, i) => i),
      areaItems: [{ value: '', text: 'Select an area' }, ...Object.entries(actionAreas).map(([value, text]) => ({ value, text }))],
      dueItems: dueWeekOptions.map((w) => ({ value: String(w), text: `In ${w} weeks` })),
      scalingItems: [{ value: '', text: 'Not asked at this visit' }, ...Array.from({ length: 11 }, (_, i) => ({ value: String(i), text: String(i) }))],
      theirs: conflict?.theirs,
    }, conflict ? 409 : errors ? 400 : 200);
  }

  function noteValues(note: Awaited<ReturnType<typeof loadNote>>): Record<string, string> {
    const values: Record<string, string> = {
      attendees: note.attendees, purpose: note.purpose, reviewPrevious: note.review_previous, workingWell: note.working_well.join('\n'), worriedAbout: note.worried_about.join('\n'), needsToHappen: note.needs_to_happen.join('\n'),
      scaling: note.scaling === null ? '' : String(note.scaling), scalingQuestion: note.scaling_question ?? '', recommendations: note.recommendations,
      version: String(note.version),
    };
    note.actions.forEach((a, i) => Object.assign(values, { [`action${i}`]: a.action, [`area${i}`]: a.area, [`due${i}`]: String(a.dueWeeks) }));
    return values;
  }

  return async (app: FastifyInstance) => {
    app.get<IdParams>('/visits/:id/note', { config: { permission: write } }, async (request, reply) => {
      const existing = await ctxOf(request).tenant.selectFrom('notes_of_visit').select('id').where('visit_id', '=', request.params.id).executeTakeFirst();
      if (existing) return reply.redirect(`/notes/${existing.id}`, 303);
      const { visit } = await visitOf(request, request.params.id);
      const open = await openItems(ctxOf(request).tenant, visit.urn);
      const reviewPrevious = open.map((a) => `${a.action}: ${actionStatusLabels[a.status]}`).join('\n');
      return showForm(request, reply, visit.id, `/visits/${visit.id}/note`, { purpose: explainFirst(visit.focus), reviewPrevious, scalingQuestion: 'How confident are we that children are safe and learning well?' });
    });
    app.post<IdParams>('/visits/:id/note', { config: { permission: write } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const submit = body.intent === 'submit';
      const form = readNoteForm(body, submit);
      if (!form.ok) return showForm(request, reply, request.params.id, `/visits/${request.params.id}/note`, formValues(body), form.errors);
      const id = await saveNote(ctxOf(request), { visitId: request.params.id }, form.value, submit);
      setFlash(reply, submit ? 'Note of visit sent to the Senior Improvement Adviser for quality assurance' : 'Draft saved');
      return reply.redirect(`/notes/${id}`, 303);
    });

    app.get<IdParams>('/notes/:id', { config: { permission: write } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const note = await loadNote(ctx.tenant, request.params.id);
      const { visit, provider } = await visitOf(request, note.visit_id);
      const author = await ctx.tenant.selectFrom('users').select('name').where('id', '=', note.author_id).executeTakeFirst();
      await appendAudit(ctx.tenant, ctx.ip, { action: 'note.viewed', recordType: 'note_of_visit', recordId: note.id });
      return render(request, reply, 'notes/views/show.njk', {
        note, visit: { ...visit, label: visitName(visit) }, provider, author: author?.name, statusLabels, actionAreas,
        trend: await scalingTrend(ctx.tenant, note.urn),
        addenda: await addenda(ctx.tenant, note.id),
        canEdit: (note.status === 'draft' || note.status === 'returned') && (note.author_id === ctx.user.id || ctx.user.role === 'manager' || ctx.user.role === 'admin'),
        canAssure: (note.status === 'submitted' || note.status === 'quality_assured') && (ctx.user.role === 'manager' || ctx.user.role === 'admin'),
        notHappened: whyVisitNotHappened(visit, ctx.clock.now()),
        values: { email: provider.contact_email ?? '' },
      });
    });
    app.get<IdParams>('/notes/:id/edit', { config: { permission: write } }, async (request, reply) => {
      const note = await loadNote(ctxOf(request).tenant, request.params.id);
      if (note.status === 'sent' || note.status === 'submitted') return reply.redirect(`/notes/${note.id}`, 303);
      return showForm(request, reply, note.visit_id, `/notes/${note.id}`, noteValues(note));
    });
    app.post<IdParams>('/notes/:id', { config: { permission: write } }, async (request, reply) => {
      const note = await loadNote(ctxOf(request).tenant, request.params.id);
      const body = (request.body ?? {}) as Body;
      const submit = body.intent === 'submit';
      const form = readNoteForm(body, submit);
      if (!form.ok) return showForm(request, reply, note.visit_id, `/notes/${note.id}`, formValues(body), form.errors);
      try {
        await saveNote(ctxOf(request), { noteId: note.id, version: postedVersion(body) }, form.value, submit);
      } catch (error) {
        if (!(error instanceof EditConflictError)) throw error;
        // yours stays in the form (now carrying their version, so saving again is a deliberate overwrite); theirs is shown beside it
        const current = await loadNote(ctxOf(request).tenant, note.id);
        const message = changedWhileEditing('note', error.byName, error.at, deps.clock.now());
        return showForm(request, reply, note.visit_id, `/notes/${note.id}`, { ...formValues(body), version: String(error.version) }, conflictErrors(message), { theirs: noteValues(current) });
      }
      setFlash(reply, submit ? 'Note of visit sent to the Senior Improvement Adviser for quality assurance' : 'Draft saved');
      return reply.redirect(`/notes/${note.id}`, 303);
    });

    /** The SIA's decisions on a submitted note: each validates its one field, or shows the note again with the error. */
    async function decide<S extends typeof sendSchema | typeof returnSchema>(request: FastifyRequest<IdParams>, reply: FastifyReply, schema: S, act: (value: z.infer<S>) => Promise<string>) {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      let form = validateForm(schema, body);
      if (form.ok && schema === sendSchema) {
        // "After the visit": no note is sent, and no visit shown done, before the visit has happened
        const note = await loadNote(ctx.tenant, request.params.id);
        const notYet = whyVisitNotHappened((await visitOf(request, note.visit_id)).visit, ctx.clock.now());
        if (notYet) form = { ok: false, errors: formErrors([['email', notYet]]) };
      }
      if (!form.ok) {
        const note = await loadNote(ctx.tenant, request.params.id);
        const { visit, provider } = await visitOf(request, note.visit_id);
        return render(request, reply, 'notes/views/show.njk', { note, visit: { ...visit, label: visitName(visit) }, provider, statusLabels, actionAreas, trend: [], canAssure: true, values: formValues(body), errors: form.errors }, 400);
      }
      setFlash(reply, await act(form.value as z.infer<S>));
      return reply.redirect(`/notes/${request.params.id}`, 303);
    }
    app.post<IdParams>('/notes/:id/addenda', { config: { permission: write } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Body;
      const form = validateForm(addendumSchema, body);
      if (!form.ok) {
        const note = await loadNote(ctx.tenant, request.params.id);
        const { visit, provider } = await visitOf(request, note.visit_id);
        return render(request, reply, 'notes/views/show.njk', { note, visit: { ...visit, label: visitName(visit) }, provider, statusLabels, actionAreas, trend: [], addenda: await addenda(ctx.tenant, note.id), values: formValues(body), errors: form.errors }, 400);
      }
      await addAddendum(ctx, request.params.id, form.value.text);
      setFlash(reply, 'Addendum added and sent to the setting');
      return reply.redirect(`/notes/${request.params.id}`, 303);
    });
    app.post<IdParams>('/notes/:id/approve', { config: { permission: assure } }, async (request, reply) => {
      await approveNote(ctxOf(request), request.params.id);
      setFlash(reply, 'Note quality-assured. Send it to the setting when you are ready.');
      return reply.redirect(`/notes/${request.params.id}`, 303);
    });
    /** "Approve and send" in one step, or "Approve only" to send later. */
    app.post<IdParams>('/notes/:id/send', { config: { permission: assure } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      if (body.intent === 'approve') {
        await approveNote(ctxOf(request), request.params.id);
        setFlash(reply, 'Note quality-assured. Send it to the setting when you are ready.');
        return reply.redirect(`/notes/${request.params.id}`, 303);
      }
      return decide(request, reply, sendSchema, async (v) => {
        await approveAndSend(ctxOf(request), request.params.id, v.email);
        return `Note of visit quality-assured and sent to ${v.email}`;
      });
    });
    /** The visitor submits a saved draft for quality assurance (the whole note is checked first). */
    app.post<IdParams>('/notes/:id/submit', { config: { permission: write } }, async (request, reply) => {
      const note = await loadNote(ctxOf(request).tenant, request.params.id);
      const form = readNoteForm(noteValues(note), true);
      if (!form.ok) return showForm(request, reply, note.visit_id, `/notes/${note.id}`, noteValues(note), form.errors);
      await saveNote(ctxOf(request), { noteId: note.id }, form.value, true);
      setFlash(reply, 'Note of visit sent to the Senior Improvement Adviser for quality assurance');
      return reply.redirect(`/notes/${note.id}`, 303);
    });
    app.post<IdParams>('/notes/:id/return', { config: { permission: assure } }, async (request, reply) =>
      decide(request, reply, returnSchema, async (v) => {
        await returnNote(ctxOf(request), request.params.id, v.comments);
        return 'Note returned to the adviser with your comments: it is on their My work';
      }));
  };
}
