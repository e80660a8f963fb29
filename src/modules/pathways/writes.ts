import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DB, PathwayEventsTable, PathwaysTable, TasksTable, VisitsTable } from '../../db/types.js';
import { insertMany } from '../../db/copy.js';
import { englandCalendar } from '../../platform/calendar.js';
import { londonDate } from '../../platform/dates.js';
import type { Cadence, PathwayKind } from './definition.js';
import { planVisits, stepsFrom } from './rules.js';
import type { StoredTemplate } from './templates.js';
import { academicYearOf, conversationDue } from './programme.js';
import type { TemplateDefinition } from './definition.js';

/** This academic year's conversation (or visit prior to inspection) for a setting in the programme, if one falls in it. */
export function programmeVisit(t: TemplateDefinition, at: Date, lastInspection: string | null, year?: number) {
  const today = londonDate(at);
  const months = t.programme.windowAfterInspectionMonths;
  const due = conversationDue(year ?? academicYearOf(today), today, englandCalendar(), months ? { lastInspection, months } : null);
  if (!due) return null;
  return { visit_type: 'annual_conversation', number: null, focus: t.visitPlan.rows[0]?.focus ?? t.summary, with_sia: false, planned_date: due };
}
import { saveTasks, taskRow } from '../tasks/index.js';
import { publishFromJob } from '../../platform/events.js';

/** The template step whose task is the sufficiency and sustainability business review. */
export const BUSINESS_REVIEW_STEP = 'step:business_review';
import { routeVisits } from '../organisation/index.js';

/*
 * Pathway writes collected in memory and saved in a few multi-row statements: the engine
 * uses this for every change in an import, staff actions for one pathway.
 */

export interface Closing {
  id: string;
  laCode: string;
  outcome: string;
  at: Date;
  byUser: string | null;
}

export class PathwayWrites {
  readonly pathways: Insertable<PathwaysTable>[] = [];
  readonly events: Insertable<PathwayEventsTable>[] = [];
  readonly tasks: Insertable<TasksTable>[] = [];
  readonly visits: Insertable<VisitsTable>[] = [];
  readonly closings: Closing[] = [];
  /** the job title (by key) a task's template step names for its queue */
  readonly queueKeys = new Map<Insertable<TasksTable>, string>();

  /** A template step as a task: owned by the allocated person, else waiting in the step's job-title queue. */
  stepTask(laCode: string, urn: string, pathwayId: string, step: { key: string; title: string; owner: TasksTable['owner_role']; jobTitle?: string | undefined; deadline: { dueDate: string; dueAt: Date } }, ownerUser: string | null, at: Date) {
    const row = this.taskRow(laCode, urn, pathwayId, `step:${step.key}`, step.title, step.owner, step.jobTitle ? null : ownerUser, at, step.deadline);
    if (step.jobTitle) this.queueKeys.set(row, step.jobTitle);
    this.tasks.push(row);
    return row;
  }

  event(laCode: string, pathwayId: string, at: Date, type: string, summary: string, byUser: string | null = null, details: unknown = null) {
    this.events.push({ la_code: laCode, pathway_id: pathwayId, at, event_type: type, summary, by_user: byUser, details: details === null ? null : JSON.stringify(details) });
  }

  /** Starts a pathway from its template: the steps due from the start, and the visit plan when no allocation is needed. */
  start(input: { laCode: string; urn: string; kind: PathwayKind; template: StoredTemplate; at: Date; reason: string; changeId?: string | null; startedBy?: string | null; lastInspection?: string | null }): string {
    const id = randomUUID();
    const t = input.template.definition;
    const cadence: Cadence = t.visitPlan.cadences[0] ?? 'monthly';
    this.pathways.push({
      id,
      la_code: input.laCode,
      urn: input.urn,
      kind: input.kind,
      template_id: input.template.id,
      started_at: input.at,
      start_reason: input.reason,
      change_id: input.changeId ?? null,
      started_by: input.startedBy ?? null,
      cadence: t.allocation.required ? null : cadence,
      // every column a COPY may carry is set, so none is left to a default
      status: 'active',
      management_actions: false,
    });
    this.event(input.laCode, id, input.at, 'started', `${t.name} pathway started (template version ${input.template.version}): ${input.reason}. Senior Improvement Adviser notified.`, input.startedBy ?? null);
    for (const step of stepsFrom(t, 'start', input.at, englandCalendar())) {
      this.stepTask(input.laCode, input.urn, id, step, null, input.at);
    }
    if (input.kind === 'good_or_better') {
      // the Annual Conversation Programme: this academic year's conversation (recurring: see programme-repository.ts)
      const conversation = programmeVisit(t, input.at, input.lastInspection ?? null);
      if (conversation) this.visits.push({ la_code: input.laCode, urn: input.urn, pathway_id: id, ...conversation, adviser_id: null, status: 'planned', created_at: input.at });
    } else if (!t.allocation.required) {
      for (const v of planVisits(t, londonDate(input.at), { cadence, managementActions: false }, englandCalendar())) {
        this.visits.push(this.visitRow(input.laCode, input.urn, id, v, null, input.at));
      }
    }
    return id;
  }

  taskRow(...args: Parameters<typeof taskRow>): Insertable<TasksTable> {
    return taskRow(...args);
  }

  visitRow(laCode: string, urn: string, pathwayId: string, v: ReturnType<typeof planVisits>[number], adviserId: string | null, at: Date): Insertable<VisitsTable> {
    return { la_code: laCode, urn, pathway_id: pathwayId, visit_type: v.visitType, number: v.number, focus: v.focus, with_sia: v.withSia, adviser_id: adviserId, planned_date: v.plannedDate, status: 'planned', created_at: at };
  }

  close(closing: Closing) {
    const pending = this.pathways.find((p) => p.id === closing.id);
    if (pending) {
      // started and ended by the same import: save it closed
      Object.assign(pending, { status: 'closed', closed_at: closing.at, close_outcome: closing.outcome });
      for (const t of this.tasks) if (t.pathway_id === closing.id && !t.done_at && !/^rule:(wrn_|concern_|share_concern_)/.test(t.rule_key)) t.cancelled_at = closing.at;
      for (const v of this.visits) if (v.pathway_id === closing.id && v.status !== 'done') v.status = 'withdrawn';
    } else {
      this.closings.push(closing);
    }
    this.event(closing.laCode, closing.id, closing.at, 'closed', `Pathway closed: ${closing.outcome}`, closing.byUser);
  }

  get empty(): boolean {
    return !this.pathways.length && !this.events.length && !this.tasks.length && !this.visits.length && !this.closings.length;
  }
}

/** Saves collected writes; closing a pathway cancels its open tasks and withdraws its planned visits. */
export async function saveWrites(db: Kysely<DB>, w: PathwayWrites): Promise<void> {
  // closings share a few outcomes ("Next Ofsted outcome: Good" …): one statement per outcome, not per pathway
  const groups = new Map<string, Closing[]>();
  for (const c of w.closings) groups.set(`${c.laCode}|${c.outcome}|${c.at.toISOString()}`, [...(groups.get(`${c.laCode}|${c.outcome}|${c.at.toISOString()}`) ?? []), c]);
  for (const group of groups.values()) {
    const { laCode, outcome, at } = group[0]!;
    for (let i = 0; i < group.length; i += 1000) {
      const ids = group.slice(i, i + 1000).map((c) => c.id);
      await db.updateTable('pathways').set({ status: 'closed', closed_at: at, close_outcome: outcome, updated_at: at }).where('id', 'in', ids).where('la_code', '=', laCode).execute();
      // a Welfare Requirement Notice's or a safety concern's tasks outlive the pathway
      await db.updateTable('tasks').set({ cancelled_at: at }).where('pathway_id', 'in', ids).where('done_at', 'is', null).where('cancelled_at', 'is', null)
        .where('rule_key', 'not like', 'rule:wrn_%').where('rule_key', 'not like', 'rule:concern_%').where('rule_key', 'not like', 'rule:share_concern_%').execute();
      await db.updateTable('visits').set({ status: 'withdrawn' }).where('pathway_id', 'in', ids).where('status', '=', 'planned').execute();
    }
  }
  await insertMany(db, 'pathways', w.pathways);
  await insertMany(db, 'pathway_events', w.events);
  await saveTasks(db, w.tasks, (row) => w.queueKeys.get(row));
  await routeVisits(db, w.visits);
  await insertMany(db, 'visits', w.visits);
  // "the Inadequate pathway's business review is one of these" (sustainability cases, issue 23)
  for (const t of w.tasks) {
    if (t.rule_key !== BUSINESS_REVIEW_STEP || t.cancelled_at || !t.pathway_id || !t.urn) continue;
    await publishFromJob(db, t.created_at as Date, 'pathway.business-review-due', { laCode: t.la_code, urn: t.urn, pathwayId: t.pathway_id, title: t.title, dueDate: String(t.due_date) });
  }
}
