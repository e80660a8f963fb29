import type { TenantDb } from '../../db/tenant.js';
import type { ActionContext } from '../../platform/context.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { deadlineAfter, dueInWeeks, englandCalendar } from '../../platform/calendar.js';
import { isStale, EditConflictError } from '../../platform/edit-conflict.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { addItems } from '../action-plans/index.js';
import { appendAudit } from '../audit-log/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { notifySetting } from '../portal/index.js';
import { visitName } from '../pathways/index.js';
import { PathwayWrites, saveWrites } from '../pathways/index.js';
import { saveTasks, taskRow } from '../tasks/index.js';
import { whyVisitNotHappened } from './visit-happened.js';
import { notePdf } from './pdf.js';
import { actionAreas, type NoteInput } from './schemas.js';

/* Notes of visit: draft → submitted → (returned → submitted) → sent. A sent note is locked. */


export async function loadNote(tenant: TenantDb, id: string) {
  const note = await tenant.selectFrom('notes_of_visit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!note) throw new NotFoundError();
  return note;
}

const editable = (status: string) => status === 'draft' || status === 'returned';

/** The conflict a stale save meets: the stored version and who saved it when. */
async function noteConflict(tx: TenantDb, note: { version: number; updated_by: string | null; updated_at: Date }) {
  const by = note.updated_by ? await tx.selectFrom('users').select('name').where('id', '=', note.updated_by).executeTakeFirst() : undefined;
  return new EditConflictError(note.version, by?.name ?? null, note.updated_at);
}

function columns(input: NoteInput) {
  return {
    attendees: input.attendees,
    purpose: input.purpose,
    review_previous: input.reviewPrevious,
    working_well: JSON.stringify(input.workingWell),
    worried_about: JSON.stringify(input.worriedAbout),
    needs_to_happen: JSON.stringify(input.needsToHappen),
    scaling: input.scaling,
    scaling_question: input.scalingQuestion,
    recommendations: input.recommendations,
    actions: JSON.stringify(input.actions),
  };
}

/** Saves the visitor's note (a new draft for the visit, or changes to one not yet sent); `submit` sends it to the SIA. */
export async function saveNote(ctx: ActionContext, ref: { visitId: string } | { noteId: string; version?: number | null }, input: NoteInput, submit: boolean): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    let id: string;
    if ('visitId' in ref) {
      const visit = await tx.selectFrom('visits').select(['id', 'urn', 'pathway_id', 'status']).where('id', '=', ref.visitId).executeTakeFirst();
      if (!visit) throw new NotFoundError();
      if (visit.status === 'cancelled' || visit.status === 'withdrawn') throw new ConflictError('A cancelled visit has no note of visit');
      const existing = await tx.selectFrom('notes_of_visit').select('id').where('visit_id', '=', visit.id).executeTakeFirst();
      if (existing) throw new ConflictError('This visit already has a note of visit');
      id = (await tx.insertInto('notes_of_visit', { urn: visit.urn, visit_id: visit.id, pathway_id: visit.pathway_id, author_id: ctx.user.id, created_at: now, updated_at: now, updated_by: ctx.user.id, ...columns(input) }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const note = await loadNote(tx, ref.noteId);
      if (!editable(note.status)) throw new ConflictError(note.status === 'sent' ? 'This note of visit has been sent and is locked. Corrections go in an addendum.' : 'This note of visit is with the Senior Improvement Adviser for quality assurance');
      if (note.author_id !== ctx.user.id && ctx.user.role !== 'manager' && ctx.user.role !== 'admin') throw new ForbiddenError('Only the visitor who wrote this note can change it');
      id = note.id;
      if (isStale(ref.version ?? null, note.version)) throw await noteConflict(tx, note);
      // the version guard also catches a save that committed between our read and this update
      const saved = await tx.updateTable('notes_of_visit').set((eb) => ({ ...columns(input), updated_at: now, updated_by: ctx.user.id, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', note.version).executeTakeFirst();
      if (saved.numUpdatedRows === 0n) throw await noteConflict(tx, await loadNote(tx, id));
    }
    if (submit) {
      await tx.updateTable('notes_of_visit').set((eb) => ({ status: 'submitted', submitted_at: now, updated_by: ctx.user.id, version: eb('version', '+', 1) })).where('id', '=', id).execute();
      // resubmitting a returned note is its "change the note" task done
      await tx.updateTable('tasks').set({ done_at: now, done_by: ctx.user.id, done_note: 'Note submitted again' }).where('rule_key', 'like', `${RETURNED_TASK}${id}:%`).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
    }
    await appendAudit(tx, ctx.ip, { action: submit ? 'note.submitted' : 'note.saved', recordType: 'note_of_visit', recordId: id });
    return id;
  });
}

/** The task a returned note gives its author (rule key prefix; the note's id follows). */
export const RETURNED_TASK = 'rule:note_returned:';

/** The SIA approves a submitted note and sends it to the setting in one step (a note already quality-assured is just sent). */
export async function approveAndSend(ctx: ActionContext, id: string, email: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const inTx = { ...ctx, tenant: tx };
    if ((await loadNote(tx, id)).status === 'submitted') await approveNote(inTx, id);
    await sendNote(inTx, id, email);
  });
}

/** The SIA's quality assurance: the note is approved and can be sent. */
export async function approveNote(ctx: ActionContext, id: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const note = await loadNote(tx, id);
    if (note.status !== 'submitted') throw new ConflictError('Only a submitted note can be quality-assured');
    const now = ctx.clock.now();
    await tx.updateTable('notes_of_visit').set((eb) => ({ status: 'quality_assured', qa_by: ctx.user.id, qa_at: now, qa_comments: null, updated_at: now, updated_by: ctx.user.id, version: eb('version', '+', 1) })).where('id', '=', id).execute();
    await appendAudit(tx, ctx.ip, { action: 'note.quality_assured', recordType: 'note_of_visit', recordId: id });
  });
}

export async function returnNote(ctx: ActionContext, id: string, comments: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const note = await loadNote(tx, id);
    if (note.status !== 'submitted' && note.status !== 'quality_assured') throw new ConflictError('Only a note not yet sent can be returned');
    const now = ctx.clock.now();
    await tx.updateTable('notes_of_visit').set((eb) => ({ status: 'returned', qa_by: ctx.user.id, qa_comments: comments, updated_at: now, updated_by: ctx.user.id, version: eb('version', '+', 1) })).where('id', '=', id).execute();
    // the note comes back to its author as a task, with the SIA's comments, due in two working days
    const summary = comments.length > 120 ? `${comments.slice(0, 117)}…` : comments;
    await tx.forJob((db) => saveTasks(db, [taskRow(tx.scope.laCode, note.urn, note.pathway_id, `${RETURNED_TASK}${id}:${now.toISOString()}`, `Change the note of visit the SIA returned: ${summary}`, 'adviser', note.author_id, now, deadlineAfter(now, 2, englandCalendar()))]));
    await appendAudit(tx, ctx.ip, { action: 'note.returned', recordType: 'note_of_visit', recordId: id });
  });
}

type StoredNote = Awaited<ReturnType<typeof loadNote>>;

/** Everything the sent note says, and its PDF (sending uses it; the portal re-creates the PDF of a sent note). */
export async function composeNote(tx: TenantDb, note: StoredNote, sentOn: string) {
  const today = sentOn;
  const visit = await tx.selectFrom('visits').selectAll().where('id', '=', note.visit_id).executeTakeFirstOrThrow();
  const provider = await tx.selectFrom('providers').select(['urn', 'name', 'redacted']).where('urn', '=', note.urn).executeTakeFirstOrThrow();
  const la = await tx.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', tx.scope.laCode).executeTakeFirstOrThrow());
  const pathway = note.pathway_id ? await tx.selectFrom('pathways').select(['adviser_id', 'officer_id']).where('id', '=', note.pathway_id).executeTakeFirst() : undefined;
  const people = await tx.selectFrom('users').select(['id', 'name', 'email', 'role']).where('id', 'in', [note.author_id, ...(pathway?.adviser_id ? [pathway.adviser_id] : []), ...(pathway?.officer_id ? [pathway.officer_id] : []), ...(note.qa_by ? [note.qa_by] : [])]).execute();
  const nameOf = (uid: string | null | undefined) => people.find((p) => p.id === uid);
  const visitDate = visit.booked_for ? londonDate(visit.booked_for) : (visit.done_on ?? today);
  const actions = note.actions.map((a) => ({ ...a, due: dueInWeeks(visitDate, a.dueWeeks, englandCalendar()) }));
  const visitors = [nameOf(note.author_id)?.name, visit.with_sia ? `${nameOf(note.qa_by)?.name ?? 'Senior Improvement Adviser'} (Senior Improvement Adviser)` : null].filter((v): v is string => Boolean(v));
  const providerName = provider.name ?? 'Childminder';
  const pdf = await notePdf({
    laName: la.name, providerName, urn: provider.urn, visitDate, visitLabel: visitName(visit), visitors,
    attendees: note.attendees, purpose: note.purpose, reviewPrevious: note.review_previous, workingWell: note.working_well, worriedAbout: note.worried_about, needsToHappen: note.needs_to_happen,
    scaling: note.scaling, scalingQuestion: note.scaling_question, recommendations: note.recommendations,
    actions: actions.map((a) => ({ action: a.action, area: actionAreas[a.area as keyof typeof actionAreas] ?? a.area, due: a.due })), sentOn,
  });
  return { pdf, visit, visitDate, actions, provider, providerName, la, pathway, nameOf };
}

/**
 * Quality-assured and sent: the note is locked, the visit is done, its actions join the provider's
 * action plan, and the PDF is e-mailed to the setting, copied to the allocated adviser and CSO.
 */
export async function sendNote(ctx: ActionContext, id: string, email: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const note = await loadNote(tx, id);
    if (note.status !== 'quality_assured') throw new ConflictError(note.status === 'sent' ? 'This note of visit has already been sent' : 'A note is sent once the Senior Improvement Adviser has quality-assured it');
    const now = ctx.clock.now();
    const { pdf, visit, visitDate, actions, provider, providerName, la, pathway, nameOf } = await composeNote(tx, note, londonDate(now));
    const notYet = whyVisitNotHappened(visit, now);
    if (notYet) throw new ConflictError(notYet);
    await tx.updateTable('notes_of_visit').set({ status: 'sent', sent_at: now, sent_to: email, updated_at: now }).where('id', '=', id).execute();
    await tx.updateTable('visits').set({ status: 'done', done_on: visitDate }).where('id', '=', visit.id).where('status', 'in', ['planned', 'booked']).execute();
    await tx.updateTable('providers').set({ contact_email: email }).where('urn', '=', provider.urn).execute();
    await addItems(tx, actions.map((a) => ({ urn: provider.urn, pathwayId: note.pathway_id, noteId: note.id, source: 'note_of_visit', area: a.area, action: a.action, dueDate: a.due })), now);
    const cc = [...new Set([nameOf(pathway?.adviser_id)?.email, nameOf(pathway?.officer_id)?.email, nameOf(note.author_id)?.email].filter((e): e is string => Boolean(e)))];
    const subject = `Note of visit: ${providerName}, ${visitName(visit)} on ${formatDate(visitDate)}`;
    const text = `Dear ${providerName},\n\nPlease find attached the note of visit from ${visitName(visit).toLowerCase()} on ${formatDate(visitDate)}. The actions agreed have been added to your setting's action plan.\n\n${la.name} Early Years and Childcare`;
    const message = await enqueue(tx, {
      to: [email], cc, subject, text,
      html: textToHtml(text),
      attachments: [{ filename: `note-of-visit-${provider.urn}-${visitDate}.pdf`, contentType: 'application/pdf', content: pdf }],
      record: { type: 'note_of_visit', id },
    }, now);
    await notifySetting(tx, provider.urn, {
      subject: 'Your note of visit has been sent',
      body: `The note of visit from ${visitName(visit).toLowerCase()} on ${formatDate(visitDate)} is ready to read.${actions.length ? ` ${actions.length} ${actions.length === 1 ? 'action has' : 'actions have'} been added to your action plan.` : ''}`,
      record: { type: 'note_of_visit', id }, skip: [email],
    }, now);
    if (note.pathway_id) {
      const writes = new PathwayWrites();
      writes.event(tx.scope.laCode, note.pathway_id, now, 'note_sent', `Note of visit for ${visitName(visit)} sent to ${email}; ${actions.length} ${actions.length === 1 ? 'action' : 'actions'} added to the action plan`, ctx.user.id);
      await tx.forJob((db) => saveWrites(db, writes));
    }
    await appendAudit(tx, ctx.ip, { action: 'note.sent', recordType: 'note_of_visit', recordId: id, details: { urn: provider.urn, message } }); // the e-mail's id, not its addresses
  });
}


/** The scaling answers over the provider's sent notes, oldest first (the trend shown beside a note). */
export async function scalingTrend(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('notes_of_visit').select(['scaling', 'sent_at']).where('urn', '=', urn).where('status', '=', 'sent').where('scaling', 'is not', null).orderBy('sent_at').execute();
}


/** A correction to a sent (locked) note: kept beside it and e-mailed to the setting. */
export async function addAddendum(ctx: ActionContext, id: string, text: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const note = await loadNote(tx, id);
    if (note.status !== 'sent') throw new ConflictError('An addendum is added to a note that has been sent; change the note itself instead');
    const now = ctx.clock.now();
    await tx.insertInto('note_addenda', { note_id: id, at: now, by_user: ctx.user.id, text }).execute();
    const provider = await tx.selectFrom('providers').select('name').where('urn', '=', note.urn).executeTakeFirstOrThrow();
    if (note.sent_to) {
      const body = `Addendum to the note of visit sent on ${formatDate(londonDate(note.sent_at ?? now))}:\n\n${text}`;
      await enqueue(tx, { to: [note.sent_to], cc: [ctx.user.email], subject: `Addendum to your note of visit: ${provider.name ?? 'Childminder'}`, text: body, html: textToHtml(body), record: { type: 'note_of_visit', id } }, now);
    }
    await appendAudit(tx, ctx.ip, { action: 'note.addendum', recordType: 'note_of_visit', recordId: id });
  });
}

export async function addenda(tenant: TenantDb, id: string) {
  return tenant.selectFrom('note_addenda').innerJoin('users', 'users.id', 'note_addenda.by_user').select(['note_addenda.at', 'note_addenda.text', 'users.name as by_name']).where('note_addenda.note_id', '=', id).orderBy('note_addenda.at').execute();
}
