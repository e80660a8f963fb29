import type { TenantDb } from '../../db/tenant.js';
import type { ActionContext } from '../../platform/context.js';
import { deadlineAfter, englandCalendar } from '../../platform/calendar.js';
import { addDays, formatDate, londonDate } from '../../platform/dates.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { getProvider } from '../providers/index.js';
import { saveTasks, taskRow } from '../tasks/index.js';
import { decisions, services } from './labels.js';
import * as repo from './repository.js';
import { allocationProblem, missedCutoff, panelFor, type PanelDate } from './rules.js';
import type { DecisionInput, ReferralInput } from './schemas.js';

const toPanel = (p: { id: string; meets_on: string; cutoff_on: string }): PanelDate => ({ id: p.id, meetsOn: p.meets_on, cutoffOn: p.cutoff_on });
const today = (ctx: ActionContext) => londonDate(ctx.clock.now());

async function mail(tx: TenantDb, to: string[], subject: string, body: string, record: { type: string; id: string }, now: Date) {
  if (!to.length) return;
  await enqueue(tx, { to, subject, text: body, html: textToHtml(body), record }, now);
}

/**
 * Saves the referral form (a new one, or a draft of this setting) and, when `submit`, sends it: it
 * goes to the first panel whose cut-off it makes, and the setting is told which.
 */
export async function saveReferral(ctx: ActionContext, urn: string, referralId: string | null, input: ReferralInput, submit: boolean): Promise<{ id: string; panel: { meetsOn: string; late: boolean } | null }> {
  return ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    if (!(await getProvider(tx, urn))) throw new NotFoundError();
    const child = { first_name: input.firstName, last_name: input.lastName, date_of_birth: input.dateOfBirth, parent_name: input.parentName, parent_email: input.parentEmail, parent_phone: input.parentPhone, level_of_need: input.levelOfNeed, areas_of_need: input.areasOfNeed };
    const fields = { needs: input.needs, graduated_approach: input.graduatedApproach, updated_at: now };
    let id: string;
    let childId: string;
    let consentId: string | null;
    if (referralId) {
      const referral = await repo.findReferral(tx, referralId, today(ctx), ctx.user.role === 'provider' ? urn : undefined);
      if (referral.urn !== urn) throw new NotFoundError();
      if (referral.status !== 'draft') throw new ConflictError('This referral has been sent: it cannot be changed');
      ({ id, child_id: childId, consent_id: consentId } = referral);
      await tx.updateTable('inclusion_children').set(child).where('id', '=', childId).execute();
      await tx.updateTable('inclusion_child_settings').set({ started_on: input.startedOn }).where('child_id', '=', childId).where('urn', '=', urn).execute();
      await tx.updateTable('inclusion_referrals').set(fields).where('id', '=', id).execute();
    } else {
      childId = (await tx.insertInto('inclusion_children', { ...child, created_by: ctx.user.id, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      await tx.insertInto('inclusion_child_settings', { child_id: childId, urn, started_on: input.startedOn }).execute();
      id = (await tx.insertInto('inclusion_referrals', { ...fields, child_id: childId, urn, created_by: ctx.user.id, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      consentId = null;
      await appendAudit(tx, ctx.ip, { action: 'inclusion_child.created', recordType: 'inclusion_child', recordId: childId, details: { referral: id, urn } });
    }
    if (input.consent) {
      const consent = { given_by: input.consent.givenBy, relationship: input.consent.relationship, given_on: input.consent.givenOn, purposes: input.consent.purposes, recorded_by: ctx.user.id, recorded_at: now };
      if (consentId) await tx.updateTable('inclusion_consents').set(consent).where('id', '=', consentId).execute();
      else await tx.updateTable('inclusion_referrals').set({ consent_id: (await tx.insertInto('inclusion_consents', { ...consent, child_id: childId }).returning('id').executeTakeFirstOrThrow()).id }).where('id', '=', id).execute();
    }
    let panel: { meetsOn: string; late: boolean } | null = null;
    if (submit) {
      const all = (await repo.panels(tx, today(ctx))).map(toPanel);
      const chosen = panelFor(today(ctx), all);
      await tx.updateTable('inclusion_referrals').set({ status: 'submitted', submitted_at: now, panel_id: chosen?.id ?? null }).where('id', '=', id).execute();
      panel = chosen ? { meetsOn: chosen.meetsOn, late: missedCutoff(today(ctx), chosen, all) } : null;
      const when = panel ? `It will go to the Early Years panel meeting on ${formatDate(panel.meetsOn)}${panel.late ? ' (it missed the cut-off for the panel before)' : ''}.` : 'It will go to the next Early Years panel once its date is set.';
      await mail(tx, await repo.settingAddresses(tx, urn), 'Early Years panel referral received', `Your referral to the Early Years panel has been received. ${when}\n\nIf the child meets the criteria for support, an adviser from the Early Years SEND and Inclusion team will be in contact to offer further support and discuss next steps.`, { type: 'inclusion_referral', id }, now);
    }
    await appendAudit(tx, ctx.ip, { action: submit ? 'inclusion_referral.submitted' : 'inclusion_referral.saved', recordType: 'inclusion_referral', recordId: id, details: { child: childId, urn, panel: panel?.meetsOn ?? null } });
    return { id, panel };
  });
}

/** Adds a panel meeting; referrals sent earlier that were waiting for a panel go to it if they made its cut-off. */
export async function addPanel(ctx: ActionContext, panel: { meetsOn: string; cutoffOn: string; place: string }): Promise<number> {
  return ctx.tenant.transaction(async (tx) => {
    if (await tx.selectFrom('inclusion_panels').select('id').where('meets_on', '=', panel.meetsOn).executeTakeFirst()) throw new ConflictError('There is already a panel on that date');
    const id = (await tx.insertInto('inclusion_panels', { meets_on: panel.meetsOn, cutoff_on: panel.cutoffOn, place: panel.place }).returning('id').executeTakeFirstOrThrow()).id;
    const all = (await repo.panels(tx)).map(toPanel);
    const waiting = await tx.selectFrom('inclusion_referrals').select(['id', 'submitted_at']).where('status', '=', 'submitted').where('panel_id', 'is', null).execute();
    let moved = 0;
    for (const r of waiting) {
      const chosen = r.submitted_at ? panelFor(londonDate(r.submitted_at), all) : null;
      if (chosen?.id !== id) continue;
      await tx.updateTable('inclusion_referrals').set({ panel_id: id }).where('id', '=', r.id).execute();
      moved++;
    }
    await appendAudit(tx, ctx.ip, { action: 'inclusion_panel.added', recordType: 'inclusion_panel', recordId: id, details: { ...panel, referrals: moved } });
    return moved;
  });
}

/**
 * The panel's decision: meets criteria → allocated to a service and practitioner, who must contact the
 * family within the LA's working days (a task on their My work); does not meet → signposting. The
 * setting, the parent and the practitioner are e-mailed.
 */
export async function decide(ctx: ActionContext, referralId: string, input: DecisionInput): Promise<{ problem: string | null }> {
  return ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    const referral = await repo.findReferral(tx, referralId, today(ctx));
    if (referral.status !== 'submitted' || !referral.meets_on) throw new ConflictError('Only a referral waiting for a panel can be decided');
    const child = await repo.findChild(tx, referral.child_id, today(ctx));
    if (input.decision === 'meets') {
      const problem = allocationProblem(input.service!, { dateOfBirth: child.date_of_birth, areasOfNeed: child.areas_of_need }, referral.meets_on);
      if (problem) return { problem };
    }
    await tx.updateTable('inclusion_referrals').set({ status: 'decided', decision: input.decision, service: input.service, reasons: input.reasons, signposting: input.signposting || null, decided_by: ctx.user.id, decided_at: now }).where('id', '=', referralId).execute();
    const setting = await repo.settingAddresses(tx, referral.urn);
    const parent = child.parent_email ? [child.parent_email] : [];
    const record = { type: 'inclusion_referral', id: referralId };
    if (input.decision === 'meets') {
      const settings = await repo.settingsFor(tx);
      const deadline = deadlineAfter(now, settings.contact_working_days, englandCalendar());
      await tx.updateTable('inclusion_children').set({ practitioner_id: input.practitionerId, service: input.service, contact_due: deadline.dueDate, closed_at: null }).where('id', '=', child.id).execute();
      await tx.forJob((db) => saveTasks(db, [taskRow(tx.scope.laCode, referral.urn, null, `inclusion:contact:${child.id}`, `Contact the family of a child allocated by the Early Years panel (${services[input.service!]})`, 'officer', input.practitionerId, now, deadline)]));
      const practitioner = await tx.selectFrom('users').select('email').where('id', '=', input.practitionerId!).executeTakeFirstOrThrow();
      const service = services[input.service!].replace(/ \(.*\)$/, '');
      await mail(tx, [practitioner.email], 'A child has been allocated to you by the Early Years panel', `The Early Years panel of ${formatDate(referral.meets_on)} allocated a child referred by ${referral.provider_name ?? 'a setting'} to you (${service}).\n\nContact the family by ${formatDate(deadline.dueDate)}. The child's record is in EY Hub under Inclusion, My cases.`, record, now);
      const text = `The Early Years panel met on ${formatDate(referral.meets_on)} and decided that ${child.first_name} meets the criteria for support from the Early Years SEND and Inclusion team (${service}).\n\nAn adviser will be in contact by ${formatDate(deadline.dueDate)} to offer further support and discuss next steps.\n\nThe panel's reasons: ${input.reasons}`;
      await mail(tx, setting, 'Early Years panel decision: support offered', text, record, now);
      await mail(tx, parent, 'Early Years panel decision: support offered', text, record, now);
    } else {
      await tx.updateTable('inclusion_children').set({ closed_at: now, outcome: 'Did not meet the criteria of the Early Years panel' }).where('id', '=', child.id).where('practitioner_id', 'is', null).execute();
      const text = `The Early Years panel met on ${formatDate(referral.meets_on)} and decided that ${child.first_name} does not meet the criteria for support from the Early Years SEND and Inclusion team.\n\nThe panel's reasons: ${input.reasons}\n\nWhere to find support: ${input.signposting}`;
      await mail(tx, setting, 'Early Years panel decision', text, record, now);
      await mail(tx, parent, 'Early Years panel decision', text, record, now);
    }
    await appendAudit(tx, ctx.ip, { action: 'inclusion_referral.decided', recordType: 'inclusion_referral', recordId: referralId, details: { decision: decisions[input.decision], service: input.service, practitioner: input.practitionerId } });
    return { problem: null };
  });
}

export interface EntryInput {
  kind: 'contact' | 'visit' | 'note' | 'target';
  happensOn: string;
  atTime: string | null;
  place: string | null;
  method: string | null;
  body: string;
  reviewOn: string | null;
}

/** A contact, visit, note or target on the child's case; the first contact ticks off the "contact the family" task. */
export async function addEntry(ctx: ActionContext, childId: string, entry: EntryInput): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    const child = await repo.findChild(tx, childId, today(ctx));
    if (child.closed_at) throw new ConflictError('This case is closed');
    await tx.insertInto('inclusion_case_entries', { child_id: childId, kind: entry.kind, happens_on: entry.happensOn, at_time: entry.atTime, place: entry.place, method: entry.method, body: entry.body, review_on: entry.reviewOn, created_by: ctx.user.id, created_at: now }).execute();
    if (entry.kind === 'contact' && !child.first_contact_at) {
      await tx.updateTable('inclusion_children').set({ first_contact_at: now }).where('id', '=', childId).execute();
      await tx.updateTable('tasks').set({ done_at: now, done_by: ctx.user.id, done_note: 'First contact recorded' }).where('rule_key', '=', `inclusion:contact:${childId}`).where('done_at', 'is', null).execute();
    }
    await appendAudit(tx, ctx.ip, { action: `inclusion_child.${entry.kind}_added`, recordType: 'inclusion_child', recordId: childId });
  });
}

export async function closeCase(ctx: ActionContext, childId: string, outcome: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const now = ctx.clock.now();
    const child = await repo.findChild(tx, childId, today(ctx));
    if (child.closed_at) throw new ConflictError('This case is already closed');
    await tx.updateTable('inclusion_children').set({ closed_at: now, outcome }).where('id', '=', childId).execute();
    await tx.updateTable('tasks').set({ cancelled_at: now }).where('rule_key', '=', `inclusion:contact:${childId}`).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
    await appendAudit(tx, ctx.ip, { action: 'inclusion_child.closed', recordType: 'inclusion_child', recordId: childId });
  });
}

/** The child starts at another setting: the old one's attendance ends the day before, so it no longer sees the child. */
export async function moveSetting(ctx: ActionContext, childId: string, urn: string, startedOn: string): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    await repo.findChild(tx, childId, today(ctx));
    if (!(await getProvider(tx, urn))) throw new NotFoundError();
    await tx.updateTable('inclusion_child_settings').set({ ended_on: addDays(startedOn, -1) }).where('child_id', '=', childId).where('ended_on', 'is', null).where('urn', '<>', urn).execute();
    const current = await tx.selectFrom('inclusion_child_settings').select('id').where('child_id', '=', childId).where('urn', '=', urn).where('ended_on', 'is', null).executeTakeFirst();
    if (!current) await tx.insertInto('inclusion_child_settings', { child_id: childId, urn, started_on: startedOn }).execute();
    await appendAudit(tx, ctx.ip, { action: 'inclusion_child.setting_changed', recordType: 'inclusion_child', recordId: childId, details: { urn, startedOn } });
  });
}
