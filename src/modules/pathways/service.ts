import { sql, type ExpressionBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { deadlineAfter, englandCalendar } from '../../platform/calendar.js';
import type { ActionContext } from '../../platform/context.js';
import { formatDateTime, londonDate } from '../../platform/dates.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import { outcomeLabel } from '../providers/index.js';
import { defaultTerms, engagementTasks, termWithTwoCancellations, type EngagementEvent } from './engagement.js';
import { templateDefinition, type Cadence, type PathwayKind } from './definition.js';
import * as repo from './repository.js';
import { pathwayForOutcome, pathwayForRegistration, planVisits, stepsFrom } from './rules.js';
import { templatesFor } from './templates.js';
import { PathwayWrites, saveWrites } from './writes.js';
import { publishFrom } from '../../platform/events.js';
import { inclusionRequestTitle, membersOf } from '../organisation/index.js';
import { enqueueTask } from '../tasks/index.js';

/* Staff actions on pathways. Each runs in one transaction, writes the pathway's history and the audit log. */

async function running(tx: TenantDb, id: string) {
  const p = await tx.selectFrom('pathways').select(['id', 'urn', 'kind', 'status', 'template_id', 'adviser_id', 'officer_id', 'allocated_at', 'cadence']).where('id', '=', id).executeTakeFirst();
  if (!p) throw new NotFoundError();
  return p;
}

async function save(tx: TenantDb, writes: PathwayWrites) {
  await tx.forJob((db) => saveWrites(db, writes));
}

export async function startManually(ctx: ActionContext, urn: string, kind: PathwayKind, reason: string): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    const exists = await tx.selectFrom('pathways').select('id').where('urn', '=', urn).where('kind', '=', kind).where('status', '<>', 'closed').executeTakeFirst();
    if (exists) throw new ConflictError('This provider already has a running pathway of that kind');
    const template = (await templatesFor(tx)).get(kind);
    if (!template) throw new NotFoundError();
    const writes = new PathwayWrites();
    const id = writes.start({ laCode: tx.scope.laCode, urn, kind, template, at: ctx.clock.now(), reason: `Started by hand: ${reason}`, startedBy: ctx.user.id });
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'pathway.started', recordType: 'pathway', recordId: id, details: { urn, kind } });
    return id;
  });
}

export interface Allocation {
  adviserId: string;
  officerId: string | null;
  cadence: Cadence;
  managementActions: boolean;
}

/**
 * Allocation by the SIA. The first allocation completes the "allocate" step, starts the steps that run
 * from allocation and plans the visits; a reallocation moves open work to the new people and keeps history.
 */
export async function allocate(ctx: ActionContext, pathwayId: string, input: Allocation): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status === 'closed') throw new ConflictError('This pathway is closed');
    const names = new Map((await repo.allocatableStaff(tx)).map((u) => [u.id, u.name]));
    if (!names.has(input.adviserId) || (input.officerId && !names.has(input.officerId))) throw new NotFoundError();
    const now = ctx.clock.now();
    const writes = new PathwayWrites();
    const la = tx.scope.laCode;
    if (!p.allocated_at) {
      const template = await tx.selectFrom('pathway_templates').select('definition').where('id', '=', p.template_id).executeTakeFirstOrThrow();
      const t = templateDefinition.parse(template.definition);
      const cadence = t.visitPlan.cadences.includes(input.cadence) ? input.cadence : (t.visitPlan.cadences[0] ?? 'monthly');
      await tx.updateTable('pathways').set({ adviser_id: input.adviserId, officer_id: input.officerId, cadence, management_actions: input.managementActions, allocated_at: now, updated_at: now }).where('id', '=', p.id).execute();
      await tx.updateTable('tasks').set({ done_at: now, done_by: ctx.user.id }).where('pathway_id', '=', p.id).where('rule_key', '=', 'step:allocate').where('done_at', 'is', null).execute();
      for (const step of stepsFrom(t, 'allocation', now, englandCalendar())) {
        const owner = step.owner === 'adviser' ? input.adviserId : step.owner === 'officer' ? input.officerId : null;
        writes.stepTask(la, p.urn, p.id, step, owner, now);
      }
      if (input.officerId) for (const step of stepsFrom(t, 'officer_allocation', now, englandCalendar())) writes.stepTask(la, p.urn, p.id, step, input.officerId, now);
      for (const v of planVisits(t, londonDate(now), { cadence, managementActions: input.managementActions }, englandCalendar())) {
        writes.visits.push(writes.visitRow(la, p.urn, p.id, v, v.visitType === 'officer_monitoring' ? input.officerId : v.visitType === 'sia_review' ? null : input.adviserId, now));
      }
      writes.event(la, p.id, now, 'allocated', `Allocated to ${names.get(input.adviserId)}${input.officerId ? ` and ${names.get(input.officerId)} (Childcare Sufficiency Officer)` : ''}; visits ${cadence}`, ctx.user.id);
    } else {
      await tx.updateTable('pathways').set({ adviser_id: input.adviserId, officer_id: input.officerId, updated_at: now }).where('id', '=', p.id).execute();
      const moves: [string | null, string | null, 'adviser' | 'officer'][] = [[p.adviser_id, input.adviserId, 'adviser'], [p.officer_id, input.officerId, 'officer']];
      for (const [from, to, role] of moves) {
        if (from === to) continue;
        await tx.updateTable('tasks').set({ owner_user_id: to }).where('pathway_id', '=', p.id).where('owner_role', '=', role).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
        let visits = tx.updateTable('visits').set({ adviser_id: to }).where('pathway_id', '=', p.id).where('status', 'in', ['planned', 'booked']);
        visits = role === 'officer' ? visits.where('visit_type', '=', 'officer_monitoring') : visits.where('visit_type', '=', 'improvement');
        await visits.execute();
      }
      writes.event(la, p.id, now, 'reallocated', `Reallocated from ${names.get(p.adviser_id ?? '') ?? 'nobody'} to ${names.get(input.adviserId)}${input.officerId !== p.officer_id ? `; Childcare Sufficiency Officer ${names.get(input.officerId ?? '') ?? 'none'}` : ''}`, ctx.user.id, { from: { adviser: p.adviser_id, officer: p.officer_id }, to: { adviser: input.adviserId, officer: input.officerId } });
    }
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: p.allocated_at ? 'pathway.reallocated' : 'pathway.allocated', recordType: 'pathway', recordId: p.id, details: { urn: p.urn, adviser: input.adviserId, officer: input.officerId } });
  });
}

/**
 * "The Senior Childcare Sufficiency Officer will allocate a Childcare Sufficiency Officer" (Kent 4.1):
 * where a template names who allocates the officer, they do it from the pathway page. Completes the
 * officer-allocation step, starts the steps counted from it and gives the officer the monitoring visits.
 */
export async function allocateOfficer(ctx: ActionContext, pathwayId: string, officerId: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status === 'closed') throw new ConflictError('This pathway is closed');
    const names = new Map((await repo.allocatableStaff(tx)).map((u) => [u.id, u.name]));
    if (!names.has(officerId)) throw new NotFoundError();
    const template = await tx.selectFrom('pathway_templates').select('definition').where('id', '=', p.template_id).executeTakeFirstOrThrow();
    const t = templateDefinition.parse(template.definition);
    const now = ctx.clock.now();
    const la = tx.scope.laCode;
    const writes = new PathwayWrites();
    await tx.updateTable('pathways').set({ officer_id: officerId, updated_at: now }).where('id', '=', p.id).execute();
    await tx.updateTable('tasks').set({ done_at: now, done_by: ctx.user.id }).where('pathway_id', '=', p.id).where('rule_key', '=', 'step:allocate_officer').where('done_at', 'is', null).execute();
    if (p.officer_id) {
      await tx.updateTable('tasks').set({ owner_user_id: officerId }).where('pathway_id', '=', p.id).where('owner_role', '=', 'officer').where('owner_user_id', '=', p.officer_id).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
    } else {
      const started = new Set((await tx.selectFrom('tasks').select('rule_key').where('pathway_id', '=', p.id).execute()).map((r) => r.rule_key));
      for (const step of stepsFrom(t, 'officer_allocation', now, englandCalendar())) if (!started.has(`step:${step.key}`)) writes.stepTask(la, p.urn, p.id, step, officerId, now);
    }
    await tx.updateTable('visits').set({ adviser_id: officerId, job_title_id: null }).where('pathway_id', '=', p.id).where('visit_type', '=', 'officer_monitoring').where('status', 'in', ['planned', 'booked']).execute();
    writes.event(la, p.id, now, 'officer_allocated', `${names.get(officerId)} allocated as Childcare Sufficiency Officer`, ctx.user.id);
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'pathway.officer_allocated', recordType: 'pathway', recordId: p.id, details: { urn: p.urn, officer: officerId } });
  });
}

export async function pause(ctx: ActionContext, pathwayId: string, reason: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status !== 'active') throw new ConflictError('Only an active pathway can be paused');
    const now = ctx.clock.now();
    await tx.updateTable('pathways').set({ status: 'paused', paused_reason: reason, updated_at: now }).where('id', '=', p.id).execute();
    const writes = new PathwayWrites();
    writes.event(tx.scope.laCode, p.id, now, 'paused', `Paused: ${reason}`, ctx.user.id);
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'pathway.paused', recordType: 'pathway', recordId: p.id });
  });
}

export async function resume(ctx: ActionContext, pathwayId: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status !== 'paused') throw new ConflictError('Only a paused pathway can be resumed');
    const now = ctx.clock.now();
    await tx.updateTable('pathways').set({ status: 'active', paused_reason: null, updated_at: now }).where('id', '=', p.id).execute();
    const writes = new PathwayWrites();
    writes.event(tx.scope.laCode, p.id, now, 'resumed', 'Resumed', ctx.user.id);
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'pathway.resumed', recordType: 'pathway', recordId: p.id });
  });
}

/**
 * Kent's "Request equality and inclusion visit where relevant" and "Signpost to equality and
 * inclusion support" as one action: a task with the setting and the reason in the inclusion team's
 * job-title queue (10 working days), and a line on the pathway's timeline.
 */
export async function requestInclusionVisit(ctx: ActionContext, pathwayId: string, settingName: string, reason: string): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status === 'closed') throw new ConflictError('This pathway is closed');
    const title = await inclusionRequestTitle(tx);
    if (!title) throw new ConflictError('This LA has no job title that takes requests for inclusion visits');
    const now = ctx.clock.now();
    await enqueueTask(tx, { jobTitleKey: title.key, title: `Inclusion visit requested for ${settingName} (URN ${p.urn}): ${reason}`, ruleKey: `rule:pathways:inclusion_visit:${now.toISOString()}`, urn: p.urn, pathwayId: p.id, at: now, deadline: deadlineAfter(now, 10, englandCalendar()) });
    const writes = new PathwayWrites();
    writes.event(tx.scope.laCode, p.id, now, 'inclusion_requested', `Inclusion visit requested from the ${title.name} queue: ${reason}`, ctx.user.id);
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'pathway.inclusion_requested', recordType: 'pathway', recordId: p.id, details: { urn: p.urn, jobTitle: title.key } });
    return title.name;
  });
}

async function addRuleTasks(tx: TenantDb, urn: string, pathwayId: string | null, event: EngagementEvent, now: Date, adviserId: string | null, keySuffix = '') {
  const writes = new PathwayWrites();
  for (const t of engagementTasks(event, now, englandCalendar())) {
    writes.tasks.push(writes.taskRow(tx.scope.laCode, urn, pathwayId, `rule:${t.ruleKey}${keySuffix}`, t.title, t.owner, t.owner === 'adviser' ? adviserId : null, now, t.deadline));
  }
  return writes;
}

/** `disengaged`: closed because the setting did not engage ("continued disengagement" proposes withdrawal of funding). */
export async function close(ctx: ActionContext, pathwayId: string, outcome: string, supportDeclined: boolean, disengaged = false): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status === 'closed') throw new ConflictError('This pathway is already closed');
    const now = ctx.clock.now();
    // "If the setting does not engage ... or support is declined, Ofsted are informed" (Leicestershire)
    const writes = supportDeclined ? await addRuleTasks(tx, p.urn, p.id, { type: 'support_declined' }, now, p.adviser_id) : disengaged ? await addRuleTasks(tx, p.urn, p.id, { type: 'not_engaging' }, now, p.adviser_id) : new PathwayWrites();
    if (supportDeclined) writes.event(tx.scope.laCode, p.id, now, 'support_declined', `Support declined: ${outcome}. Ofsted are to be informed.`, ctx.user.id);
    if (disengaged) writes.event(tx.scope.laCode, p.id, now, 'not_engaging', `The setting did not engage: ${outcome}`, ctx.user.id);
    // closing cancels the open tasks already saved; the new "inform Ofsted" task is added after
    writes.close({ id: p.id, laCode: tx.scope.laCode, outcome, at: now, byUser: ctx.user.id });
    await save(tx, writes);
    // "Continued disengagement with this process … will result in withdrawal of funding"
    await publishFrom(tx, now, 'pathway.closed', { laCode: tx.scope.laCode, urn: p.urn, pathwayId: p.id, outcome, supportDeclined, disengaged });
    await appendAudit(tx, ctx.ip, { action: supportDeclined ? 'pathway.support_declined' : 'pathway.closed', recordType: 'pathway', recordId: p.id, details: { outcome } });
  });
}

/** "If insufficient improvement is made SIA triggers process for withdrawal of funding" (Inadequate flow chart). */
export async function recordInsufficientImprovement(ctx: ActionContext, pathwayId: string, details: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const p = await running(tx, pathwayId);
    if (p.status === 'closed' || p.kind !== 'inadequate') throw new ConflictError('Insufficient improvement is recorded on a running Inadequate pathway');
    const now = ctx.clock.now();
    const writes = new PathwayWrites();
    writes.event(tx.scope.laCode, p.id, now, 'insufficient_improvement', `Insufficient improvement recorded by the SIA: ${details}. The process for withdrawal of funding starts.`, ctx.user.id);
    writes.tasks.push(writes.taskRow(tx.scope.laCode, p.urn, p.id, `rule:withdraw_funding:${now.toISOString()}`, 'Start the process for withdrawal of FF2 funding (insufficient improvement)', 'officer', p.officer_id, now, deadlineAfter(now, 5, englandCalendar())));
    await save(tx, writes);
    await publishFrom(tx, now, 'pathway.insufficient-improvement', { laCode: tx.scope.laCode, urn: p.urn, pathwayId: p.id, details });
    await appendAudit(tx, ctx.ip, { action: 'pathway.insufficient_improvement', recordType: 'pathway', recordId: p.id });
  });
}

async function termsOf(tx: TenantDb) {
  let terms = await repo.termDates(tx);
  if (terms.length === 0) {
    await tx.insertInto('term_dates', defaultTerms(2024, 6).map((t) => ({ name: t.name, starts_on: t.startsOn, ends_on: t.endsOn }))).execute();
    terms = await repo.termDates(tx);
  }
  return terms.map((t) => ({ id: t.id, name: t.name, startsOn: t.starts_on, endsOn: t.ends_on }));
}
export { termsOf as ensureTermDates };

/** A cancelled visit: kept in the history and planned again; the setting's second cancellation in a term creates a task for the SIA. */
export async function cancelVisit(ctx: ActionContext, visitId: string, input: { by: 'setting' | 'la'; reason: string; date: string }): Promise<{ contactTask: boolean }> {
  return ctx.tenant.transaction(async (tx) => {
    const v = await tx.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
    if (!v) throw new NotFoundError();
    if (v.status !== 'planned' && v.status !== 'booked') throw new ConflictError('Only a planned or booked visit can be cancelled');
    const now = ctx.clock.now();
    await tx.updateTable('visits').set({ status: 'cancelled', cancelled_by: input.by, cancel_reason: input.reason, cancelled_on: input.date, ics_sequence: v.ics_sequence + 1 }).where('id', '=', v.id).execute();
    await publishFrom(tx, now, 'visit.cancelled', { visitId: v.id, urn: v.urn, wasBooked: v.status === 'booked', by: input.by });
    const today = londonDate(now);
    const replanned = v.planned_date > today ? v.planned_date : englandCalendar().addWorkingDays(today, 10);
    await tx.insertInto('visits', { urn: v.urn, pathway_id: v.pathway_id, visit_type: v.visit_type, number: v.number, focus: v.focus, with_sia: v.with_sia, adviser_id: v.adviser_id, job_title_id: v.job_title_id ?? null, planned_date: replanned, created_at: now }).execute();
    const writes = new PathwayWrites();
    const label = v.number ? `Visit ${v.number}` : 'Visit';
    if (v.pathway_id) writes.event(tx.scope.laCode, v.pathway_id, now, 'visit_cancelled', `${label} cancelled by ${input.by === 'setting' ? 'the setting' : 'the local authority'} on ${input.date}: ${input.reason}`, ctx.user.id);
    let contactTask = false;
    if (input.by === 'setting') {
      const term = termWithTwoCancellations(await repo.cancellationsBySetting(tx, v.urn), input.date, await termsOf(tx));
      const key = term ? `rule:contact_after_cancellations:${term.startsOn}` : null;
      if (term && key && !(await tx.selectFrom('tasks').select('id').where('urn', '=', v.urn).where('rule_key', '=', key).executeTakeFirst())) {
        const extra = await addRuleTasks(tx, v.urn, v.pathway_id, { type: 'two_cancellations', term }, now, null, `:${term.startsOn}`);
        writes.tasks.push(...extra.tasks);
        contactTask = true;
      }
    }
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'visit.cancelled', recordType: 'visit', recordId: v.id, details: { urn: v.urn, by: input.by } });
    return { contactTask };
  });
}

/** "When a registered setting causes the Local Authority concern related to children’s safety the Local Authority has a duty to share these concerns with Ofsted." */
export async function recordSafetyConcern(ctx: ActionContext, urn: string, details: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const support = await tx.selectFrom('pathways').select(['id', 'adviser_id']).where('urn', '=', urn).where('status', '<>', 'closed').where('kind', '<>', 'good_or_better').executeTakeFirst();
    const now = ctx.clock.now();
    const writes = await addRuleTasks(tx, urn, support?.id ?? null, { type: 'safety_concern' }, now, support?.adviser_id ?? null, `:${now.toISOString()}`);
    if (support) writes.event(tx.scope.laCode, support.id, now, 'safety_concern', `Concern about children’s safety recorded: ${details}`, ctx.user.id);
    await save(tx, writes);
    await appendAudit(tx, ctx.ip, { action: 'provider.safety_concern', recordType: 'provider', recordId: urn, details: { details } });
  });
}

export interface Booking {
  start: Date;
  end: Date;
  location: string;
  agenda: string | null;
  /** the setting's e-mail address: an iCalendar invitation is sent to it */
  inviteEmail: string | null;
  /** staff going with the lead visitor */
  accompanying: string[];
}

/** The SIA who goes on a visit the SIA accompanies: whoever allocated the pathway, else the first holder of the SIA's job title. */
async function accompanyingSia(tx: TenantDb, pathwayId: string | null): Promise<string | null> {
  const allocatedBy = pathwayId ? await tx.selectFrom('pathway_events').innerJoin('users', 'users.id', 'pathway_events.by_user')
    .select('users.id').where('pathway_events.pathway_id', '=', pathwayId).where('pathway_events.event_type', '=', 'allocated').where('users.role', '=', 'manager').where('users.active', '=', true).executeTakeFirst() : undefined;
  if (allocatedBy) return allocatedBy.id;
  const queue = await tx.selectFrom('org_job_titles').select('key').where(sql<boolean>`'manager' = any(slots)`).executeTakeFirst();
  return queue ? ((await membersOf(tx, queue.key))[0]?.id ?? null) : null;
}

/**
 * Booking (or rebooking) a visit. Booking the pathway's first visit is the "IA contacts the setting
 * to make an appointment" step done. The setting gets an invitation; a rebooking sends the update.
 */
export async function bookVisit(ctx: ActionContext, visitId: string, booking: Booking): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const v = await tx.selectFrom('visits').select(['id', 'urn', 'pathway_id', 'number', 'visit_type', 'status', 'ics_sequence', 'with_sia', 'adviser_id']).where('id', '=', visitId).executeTakeFirst();
    if (!v) throw new NotFoundError();
    if (v.status !== 'planned' && v.status !== 'booked') throw new ConflictError('Only a planned visit can be booked');
    const now = ctx.clock.now();
    const staff = new Set((await repo.allocatableStaff(tx)).map((u) => u.id));
    if (booking.accompanying.some((id) => !staff.has(id))) throw new NotFoundError();
    // "SIA accompanies IA": the SIA is on the invitation and in their calendar feed
    const sia = v.with_sia ? await accompanyingSia(tx, v.pathway_id) : null;
    if (sia && sia !== v.adviser_id && !booking.accompanying.includes(sia)) booking = { ...booking, accompanying: [...booking.accompanying, sia] };
    await tx.updateTable('visits').set({
      accompanying: booking.accompanying,
      status: 'booked', booked_for: booking.start, ends_at: booking.end, location: booking.location, agenda: booking.agenda,
      invite_to: booking.inviteEmail, ics_sequence: v.status === 'booked' ? v.ics_sequence + 1 : 0,
    }).where('id', '=', v.id).execute();
    if (booking.inviteEmail) await tx.updateTable('providers').set({ contact_email: booking.inviteEmail }).where('urn', '=', v.urn).execute();
    const writes = new PathwayWrites();
    if (v.pathway_id) {
      await tx.updateTable('tasks').set({ done_at: now, done_by: ctx.user.id, done_note: 'Visit booked' }).where('pathway_id', '=', v.pathway_id).where('rule_key', '=', 'step:first_contact').where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
      writes.event(tx.scope.laCode, v.pathway_id, now, 'visit_booked', `${v.number ? `Visit ${v.number}` : 'Visit'} ${v.status === 'booked' ? 'rebooked' : 'booked'} for ${formatDateTime(booking.start)}${booking.inviteEmail ? `; invitation sent to ${booking.inviteEmail}` : ''}`, ctx.user.id);
    }
    await save(tx, writes);
    await publishFrom(tx, now, 'visit.booked', { visitId: v.id, urn: v.urn, rebooked: v.status === 'booked', start: booking.start, location: booking.location, inviteEmail: booking.inviteEmail });
    await appendAudit(tx, ctx.ip, { action: 'visit.booked', recordType: 'visit', recordId: v.id, details: { urn: v.urn, for: booking.start.toISOString() } });
  });
}

/**
 * At go-live the baseline import starts nothing, but settings already judged less than Good need
 * their pathway: this starts one for each active setting whose latest outcome calls for support
 * and that has none of that kind; puts every Good or Outstanding setting (and the report cards the
 * templates count as Good or better) in the Annual Conversation Programme; and starts New
 * registration support for registered settings not yet inspected (Kent 4.1: "bi-monthly visits up
 * until the first inspection"). Returns how many pathways of each kind were started.
 */
export interface GoLiveCounts { support: number; programme: number; newRegistration: number; total: number }
export async function startFromLatestOutcomes(ctx: ActionContext): Promise<GoLiveCounts> {
  return ctx.tenant.transaction(async (tx) => {
    const templates = await templatesFor(tx);
    const active = (eb: ExpressionBuilder<DB, 'providers'>) => eb.or([eb('providers.status', 'is', null), eb('providers.status', 'ilike', 'active%')]);
    const latest = await tx
      .selectFrom('providers')
      .innerJoinLateral(
        (eb) => eb.selectFrom('inspections as i').select(['i.overall', 'i.report_card', 'i.safeguarding_effective', 'i.inspection_date']).whereRef('i.urn', '=', 'providers.urn').where('i.kind', '=', 'full').orderBy('i.inspection_date', 'desc').limit(1).as('li'),
        (join) => join.onTrue(),
      )
      .select(['providers.urn', 'li.overall', 'li.report_card', 'li.safeguarding_effective', sql<string>`li.inspection_date::text`.as('inspection_date')])
      .where(active)
      .where((eb) => eb.or([eb('li.overall', 'in', ['requires_improvement', 'inadequate', 'good', 'outstanding']), eb('li.report_card', 'is not', null)]))
      .execute();
    const notInspected = await tx
      .selectFrom('providers')
      .select('providers.urn')
      .where(active)
      .where('providers.registration_date', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('inspections as i').select('i.urn').whereRef('i.urn', '=', 'providers.urn').where('i.kind', '<>', 'registration'))))
      .execute();
    const running = new Set((await tx.selectFrom('pathways').select(['urn', 'kind']).where('status', '<>', 'closed').execute()).map((r) => `${r.urn}:${r.kind}`));
    const set = Object.fromEntries([...templates].map(([k, t]) => [k, t.definition]));
    const writes = new PathwayWrites();
    const now = ctx.clock.now();
    const begin = (urn: string, kind: PathwayKind | null, reason: string, lastInspection: string | null) => {
      const template = kind ? templates.get(kind) : undefined;
      if (!kind || !template || running.has(`${urn}:${kind}`)) return;
      running.add(`${urn}:${kind}`);
      writes.start({ laCode: tx.scope.laCode, urn, kind, template, at: now, reason, startedBy: ctx.user.id, lastInspection });
    };
    for (const row of latest) {
      const kind = pathwayForOutcome({ overall: row.overall, reportCard: row.report_card as Record<string, string> | null, safeguardingEffective: row.safeguarding_effective }, set);
      begin(row.urn, kind, `Latest Ofsted outcome when EY Hub started: ${row.report_card ? 'report card' : outcomeLabel(row.overall)}`, row.inspection_date);
    }
    const registration = pathwayForRegistration(false, set);
    for (const row of notInspected) begin(row.urn, registration, 'Registered and not yet inspected when EY Hub started', null);
    await save(tx, writes);
    const of = (kinds: readonly string[]) => writes.pathways.filter((p) => kinds.includes(p.kind)).length;
    const counts = { support: of(['requires_improvement', 'inadequate']), programme: of(['good_or_better']), newRegistration: of(['new_registration']), total: writes.pathways.length };
    await appendAudit(tx, ctx.ip, { action: 'pathway.started_from_latest_outcomes', details: counts });
    return counts;
  });
}
