import type { TenantDb } from '../../db/tenant.js';
import { englandCalendar, type Deadline } from '../../platform/calendar.js';
import { addDays, londonStartOfDay } from '../../platform/dates.js';
import { ConflictError, ForbiddenError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import { managersOf } from '../organisation/index.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { saveTasks, taskRow } from '../tasks/index.js';
import { responseLetterPdf } from './letter.js';
import * as repo from './repository.js';
import type { Answer } from './schemas.js';
import { complaintDeadlines, mayOpen, type ComplaintDeadlines } from './rules.js';

/* Compliments and complaints: recording one (a task for the handler), acknowledging, the clock, stage 2, the answer. */

export const TASK_PREFIX = 'rule:complaint:';
const calendar = englandCalendar();
const endOf = (dueDate: string): Deadline => ({ dueDate, dueAt: new Date(londonStartOfDay(addDays(dueDate, 1)).getTime() - 1) });

/** The deadlines now: stage 1 from receipt with every stop; stage 2 from the escalation with the stops since. */
export function deadlinesOf(record: repo.ComplaintRecord, stops: Awaited<ReturnType<typeof repo.stopsOf>>, rules: Awaited<ReturnType<typeof repo.loadRules>>): ComplaintDeadlines {
  const stage = record.stage === 2 ? 2 : 1;
  const from = stage === 2 && record.escalated_at ? record.escalated_at : record.received_at;
  return complaintDeadlines({ receivedAt: from, stage, stops: repo.asClockStops(stops.filter((s) => s.stopped_at >= from)), rules, calendar });
}

export interface Recorded {
  id: string;
  kind: 'complaint' | 'compliment';
}

/** Records a compliment or complaint: a complaint becomes the handler's task with the LA's deadlines; a compliment is e-mailed to the officer. */
export async function record(tenant: TenantDb, input: Omit<repo.NewRecord, 'handlerId'>, now: Date, ip: string | null): Promise<Recorded> {
  return tenant.transaction(async (tx) => {
    const officer = input.officerId ? await repo.staffMember(tx, input.officerId) : undefined;
    // Kent §7: a complaint about an officer goes to "the relevant Manager": the manager of their team
    // in the LA's teams data (ADR 0028); otherwise, and for the service, the SIA
    const teamManager = officer ? (await managersOf(tx, officer.id))[0]?.id : undefined;
    const handlerId = teamManager ?? (await repo.defaultHandler(tx));
    // the named officer is never their own complaint's handler
    const id = await repo.insertRecord(tx, { ...input, officerId: officer?.id ?? null, handlerId: input.kind === 'complaint' && handlerId === officer?.id ? null : handlerId }, now);
    if (input.kind === 'complaint') {
      const rules = await repo.loadRules(tx);
      const d = complaintDeadlines({ receivedAt: now, stage: 1, stops: [], rules, calendar });
      const owner = handlerId === officer?.id ? null : handlerId;
      await tx.forJob((db) => saveTasks(db, [
        taskRow(tx.scope.laCode, input.urn, null, `${TASK_PREFIX}${id}:acknowledge`, 'Acknowledge a complaint', 'manager', owner, now, endOf(d.acknowledgeBy)),
        taskRow(tx.scope.laCode, input.urn, null, `${TASK_PREFIX}${id}:respond:1`, 'Respond to a complaint (stage 1)', 'manager', owner, now, endOf(d.respondBy!)),
      ]));
    } else if (officer) {
      const text = `${input.fromName} has paid you a compliment:\n\n${input.summary}\n\nThank you.`;
      await enqueue(tx, { to: [officer.email], subject: 'A compliment for you', text, html: textToHtml(text), record: { type: 'complaint', id } }, now);
      await tx.updateTable('complaints').set({ passed_on_at: now }).where('id', '=', id).execute();
    }
    await appendAudit(tx, ip, { action: `complaints.${input.kind}_recorded`, recordType: 'complaint', recordId: id, details: { source: input.source, urn: input.urn } });
    return { id, kind: input.kind };
  });
}

/** Opens a record for a change: the policy (named staff only as handler) and an open complaint. */
async function forChange(tx: TenantDb, id: string) {
  const record = await repo.getRecord(tx, id);
  if (!mayOpen({ kind: record.kind, namedStaff: record.officer_id ? [record.officer_id] : [], handlerId: record.handler_id }, tx.scope.userId)) throw new ForbiddenError();
  if (record.kind !== 'complaint') throw new ConflictError('Only a complaint is acknowledged and answered');
  return record;
}

const doneTask = (tx: TenantDb, ruleKey: string, now: Date, note: string) =>
  tx.updateTable('tasks').set({ done_at: now, done_by: tx.scope.userId, done_note: note }).where('rule_key', '=', ruleKey).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();

export async function acknowledge(tenant: TenantDb, id: string, now: Date, ip: string | null): Promise<void> {
  await tenant.transaction(async (tx) => {
    const record = await forChange(tx, id);
    if (record.acknowledged_at) return;
    await repo.updateRecord(tx, id, { acknowledged_at: now });
    await doneTask(tx, `${TASK_PREFIX}${id}:acknowledge`, now, 'Complaint acknowledged');
    if (record.from_email) {
      const text = `Dear ${record.from_name},\n\nThank you for your complaint. We have received it and will reply in full.\n\nEarly Years team`;
      await enqueue(tx, { to: [record.from_email], subject: 'We have received your complaint', text, html: textToHtml(text), record: { type: 'complaint', id } }, now);
    }
    await appendAudit(tx, ip, { action: 'complaints.acknowledged', recordType: 'complaint', recordId: id });
  });
}

/** Stops the clock with its reason, or restarts it: the response task moves on by the working days it stood still. */
export async function setClock(tenant: TenantDb, id: string, action: { stop: string } | { restart: true }, now: Date, ip: string | null): Promise<void> {
  await tenant.transaction(async (tx) => {
    const record = await forChange(tx, id);
    if (record.answered_at) throw new ConflictError('This complaint has been answered');
    const stops = await repo.stopsOf(tx, id);
    const open = stops.some((s) => !s.restarted_at);
    if ('stop' in action) {
      if (open) return;
      await repo.addStop(tx, id, action.stop, now);
    } else {
      if (!open) return;
      await repo.endStop(tx, id, now);
      const d = deadlinesOf(record, await repo.stopsOf(tx, id), await repo.loadRules(tx));
      const due = endOf(d.respondBy!);
      await tx.updateTable('tasks').set({ due_date: due.dueDate, due_at: due.dueAt }).where('rule_key', '=', `${TASK_PREFIX}${id}:respond:${record.stage}`).where('done_at', 'is', null).execute();
    }
    await appendAudit(tx, ip, { action: 'stop' in action ? 'complaints.clock_stopped' : 'complaints.clock_restarted', recordType: 'complaint', recordId: id });
  });
}

/** Stage 2: the complainant is not satisfied; a new response is due from the escalation. */
export async function escalate(tenant: TenantDb, id: string, reason: string, now: Date, ip: string | null): Promise<void> {
  await tenant.transaction(async (tx) => {
    const record = await forChange(tx, id);
    if (record.stage === 2) throw new ConflictError('This complaint is already at stage 2');
    await repo.endStop(tx, id, now);
    await repo.updateRecord(tx, id, { stage: 2, escalated_at: now, escalation_reason: reason, outcome: null, answered_at: null });
    await doneTask(tx, `${TASK_PREFIX}${id}:respond:1`, now, 'Escalated to stage 2');
    const d = complaintDeadlines({ receivedAt: now, stage: 2, stops: [], rules: await repo.loadRules(tx), calendar });
    await tx.forJob((db) => saveTasks(db, [taskRow(tx.scope.laCode, record.urn, null, `${TASK_PREFIX}${id}:respond:2`, 'Respond to a complaint (stage 2)', 'manager', record.handler_id, now, endOf(d.respondBy!))]));
    await appendAudit(tx, ip, { action: 'complaints.escalated', recordType: 'complaint', recordId: id });
  });
}

/** The outcome, the response letter (e-mailed to the complainant) and the lessons learned. */
export async function answer(tenant: TenantDb, id: string, input: Answer, laName: string, now: Date, ip: string | null): Promise<void> {
  await tenant.transaction(async (tx) => {
    const record = await forChange(tx, id);
    if (record.answered_at) throw new ConflictError('This complaint has been answered');
    await repo.endStop(tx, id, now);
    await repo.updateRecord(tx, id, { outcome: input.outcome, response_text: input.response, lessons_learned: input.lessons, answered_at: now, acknowledged_at: record.acknowledged_at ?? now });
    await doneTask(tx, `${TASK_PREFIX}${id}:acknowledge`, now, 'Answered');
    await doneTask(tx, `${TASK_PREFIX}${id}:respond:${record.stage}`, now, 'Complaint answered');
    if (record.from_email) {
      const pdf = await responseLetterPdf({ laName, to: record.from_name, stage: record.stage, receivedAt: record.received_at, answeredAt: now, outcome: input.outcome, response: input.response });
      const attachments = [{ filename: 'response-letter.pdf', contentType: 'application/pdf', content: pdf }];
      await enqueue(tx, { to: [record.from_email], subject: `Our response to your complaint${record.stage === 2 ? ' (stage 2)' : ''}`, text: input.response, html: textToHtml(input.response), attachments, record: { type: 'complaint', id } }, now);
    }
    await appendAudit(tx, ip, { action: 'complaints.answered', recordType: 'complaint', recordId: id, details: { outcome: input.outcome, stage: record.stage } });
  });
}
