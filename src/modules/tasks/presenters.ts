import { englandCalendar, slaState, type SlaState } from '../../platform/calendar.js';
import { workPage } from './page.js';

/** The RAG status staff see for a task, from the one SLA state machine. */
export const slaTags: Record<SlaState, { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due_soon: { text: 'Due soon', classes: 'govuk-tag--orange' },
  not_due: { text: 'On track', classes: 'govuk-tag--green' },
  done: { text: 'Done', classes: 'govuk-tag--grey' },
  done_late: { text: 'Done late', classes: 'govuk-tag--yellow' },
};

export interface TaskTiming {
  due_date: string;
  due_at: Date;
  done_at: Date | null;
  cancelled_at?: Date | null;
}

export function taskState(task: TaskTiming, now: Date): SlaState {
  return slaState({ dueDate: task.due_date, dueAt: task.due_at }, task.done_at, now, englandCalendar());
}

/** Where a task is done: its pathway, or the record a rule made it for (a funding decision). */
export function taskHref(task: { pathway_id?: string | null; rule_key?: string | null }): string | null {
  const ruleKey = task.rule_key;
  const kind = ruleKey ? workPage.taskKinds.list().find((k) => ruleKey.startsWith(k.prefix)) : undefined;
  if (kind && ruleKey) return kind.href(ruleKey);
  return task.pathway_id ? `/pathways/${task.pathway_id}` : null;
}

export function withSla<T extends TaskTiming & { pathway_id?: string | null; rule_key?: string | null }>(task: T, now: Date): T & { state: SlaState; tag: { text: string; classes: string }; href: string | null } {
  const state = taskState(task, now);
  const tag = task.cancelled_at && !task.done_at ? { text: 'Cancelled', classes: 'govuk-tag--grey' } : slaTags[state];
  return { ...task, state, tag, href: taskHref(task) };
}

export const ownerRoleLabels: Record<string, string> = {
  manager: 'Senior Improvement Adviser',
  adviser: 'Improvement Adviser',
  officer: 'Childcare Sufficiency Officer',
};
