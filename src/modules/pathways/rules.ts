import { addDays, addMonths } from '../../platform/dates.js';

export { addMonths };
import { deadlineAfter, type Deadline, type WorkingCalendar } from '../../platform/calendar.js';
import { cadenceMonths, severity, type Cadence, type OwnerRole, type PathwayKind, type TemplateDefinition, type TemplateSet } from './definition.js';

/*
 * The support-pathway rules as pure functions of (facts, templates, calendar).
 * Each is unit-tested against the seed sentence it implements (rules.test.ts).
 */

export interface Outcome {
  /** graded or Met / Not met outcome; null for a report card */
  overall: string | null;
  reportCard: Record<string, string> | null;
  safeguardingEffective: boolean | null;
  /**
   * The Childcare Register requirements judged at the same inspection (CCR, VCR suitability: met,
   * not_met_actions, not_met_enforcement). "Providers who have been judged by Ofsted as ‘Inadequate’,
   * ‘Requires Improvement’ or ‘Not Met’ in their most recent inspection report can expect to receive
   * the additional following support": a Not met starts the pathway its outcome would.
   */
  requirements?: readonly (string | null)[];
}

function reportCardStarts(template: TemplateDefinition, outcome: Outcome): boolean {
  const rule = template.trigger.reportCard;
  const grades = Object.values(outcome.reportCard ?? {});
  if (grades.some((g) => (rule.anyAreaGraded as string[]).includes(g))) return true;
  return rule.safeguardingNotMet && outcome.safeguardingEffective === false;
}

/** Which pathway an inspection outcome starts, most severe first; null when none does (e.g. "Met"). */
export function pathwayForOutcome(outcome: Outcome, templates: TemplateSet): PathwayKind | null {
  const isReportCard = outcome.reportCard !== null && Object.keys(outcome.reportCard).length > 0;
  for (const kind of severity) {
    const template = templates[kind];
    if (!template) continue;
    if (isReportCard ? reportCardStarts(template, outcome) : outcome.overall !== null && template.trigger.outcomes.includes(outcome.overall)) return kind;
    if (outcome.requirements?.some((r) => r !== null && template.trigger.outcomes.includes(r))) return kind;
  }
  if (isReportCard) {
    for (const kind of severity) if (templates[kind]?.trigger.reportCard.otherwise) return kind;
  }
  return null;
}

/** A new registration starts the new registration pathway; a re-registration of a Good or better setting starts the annual conversation instead. */
export function pathwayForRegistration(reRegistrationOfGoodSetting: boolean, templates: TemplateSet): PathwayKind | null {
  for (const kind of severity) {
    const trigger = templates[kind]?.trigger;
    if (trigger && (reRegistrationOfGoodSetting ? trigger.reRegistration : trigger.newRegistration)) return kind;
  }
  return null;
}

/** How recent a registration must be to be "newly registered" unless the local authority says otherwise. */
export const NEW_REGISTRATION_MONTHS = 6;

/**
 * "Where a setting is newly registered this will trigger support from the Local Authority … bi-monthly
 * visits up until the first inspection" (Kent, 4.1): newly registered means registered within the
 * local authority's window (default 6 months before today) and not inspected yet. A setting first
 * seen in EY Hub years after it registered, or already inspected, is not.
 */
export function isNewlyRegistered(registrationDate: string | null, inspected: boolean, today: string, months: number = NEW_REGISTRATION_MONTHS): boolean {
  if (!registrationDate || inspected) return false;
  return registrationDate > addMonths(today, -months) && registrationDate <= today;
}

const inactiveStatuses = /^(resigned|cancelled|refused|suspended|inactive|closed)/i;

export interface ActivePathway {
  id: string;
  kind: PathwayKind;
}

export type Decision =
  | { type: 'start'; kind: PathwayKind; reason: string }
  | { type: 'close'; pathwayId: string; outcome: string; exitStep: string | null }
  | { type: 'note'; pathwayId: string; text: string };

export type ChangeFacts =
  | { type: 'outcome'; outcome: Outcome; label: string }
  | { type: 'registration'; reRegistrationOfGoodSetting: boolean; newlyRegistered: boolean }
  | { type: 'status'; status: string | null };

/**
 * What one Ofsted change does to a provider's pathways. A new outcome closes the support pathways it
 * ends ("RI pathway closes with an exit step when the next outcome is Good") and starts the one it
 * triggers; the same kind already running is kept, never duplicated.
 */
export function decide(change: ChangeFacts, active: readonly ActivePathway[], templates: TemplateSet): Decision[] {
  if (change.type === 'status') {
    if (!change.status || !inactiveStatuses.test(change.status)) return [];
    return active.map((p) => ({ type: 'close', pathwayId: p.id, outcome: `Registration ended: ${change.status}`, exitStep: null }));
  }
  if (change.type === 'registration') {
    if (!change.newlyRegistered) return [];
    const kind = pathwayForRegistration(change.reRegistrationOfGoodSetting, templates);
    if (!kind || active.some((p) => p.kind === kind)) return [];
    return [{ type: 'start', kind, reason: change.reRegistrationOfGoodSetting ? 'Re-registration of a setting that was Good or better' : 'New registration' }];
  }
  const kind = pathwayForOutcome(change.outcome, templates);
  if (!kind) return [];
  const decisions: Decision[] = [];
  for (const p of active) {
    if (p.kind === kind) {
      decisions.push({ type: 'note', pathwayId: p.id, text: `New Ofsted outcome: ${change.label}. The pathway continues.` });
    } else {
      // a support pathway ends, or the setting leaves the Good-or-better programme for support
      const exitStep = kind === 'good_or_better' && p.kind !== 'new_registration' ? (templates[p.kind]?.exit.step ?? null) : null;
      decisions.push({ type: 'close', pathwayId: p.id, outcome: `Next Ofsted outcome: ${change.label}`, exitStep });
    }
  }
  if (!active.some((p) => p.kind === kind)) decisions.push({ type: 'start', kind, reason: `Ofsted outcome: ${change.label}` });
  return decisions;
}

export interface PlannedStep {
  key: string;
  title: string;
  owner: OwnerRole;
  /** the job-title queue the template names for this step */
  jobTitle: string | undefined;
  deadline: Deadline;
}

/** The steps that fall due from `anchor` (the pathway starting, or its allocation), with working-day deadlines. */
export function stepsFrom(template: TemplateDefinition, anchor: 'start' | 'allocation' | 'officer_allocation', at: Date, calendar: WorkingCalendar): PlannedStep[] {
  return template.steps
    .filter((s) => s.after === anchor)
    .map((s) => ({ key: s.key, title: s.title, owner: s.owner, jobTitle: s.jobTitle, deadline: deadlineAfter(at, s.workingDays, calendar) }));
}


function after(date: string, cadence: Cadence, times: number): string {
  const step = cadenceMonths[cadence];
  return step.days ? addDays(date, step.days * times) : addMonths(date, (step.months ?? 1) * times);
}

export interface PlannedVisit {
  visitType: 'improvement' | 'sia_review' | 'officer_monitoring';
  number: number | null;
  focus: string;
  withSia: boolean;
  /** the working day by which the visit should have happened */
  plannedDate: string;
}

export interface ScheduleOptions {
  cadence: Cadence;
  /** the report has actions for the management committee (Childcare Sufficiency Officer monthly monitoring) */
  managementActions: boolean;
}

/** The numbered visit plan from the day of allocation, at the chosen cadence, with the SIA's accompanied visits flagged. */
export function planVisits(template: TemplateDefinition, from: string, options: ScheduleOptions, calendar: WorkingCalendar): PlannedVisit[] {
  const onWorkingDay = (date: string) => calendar.addWorkingDays(date, 0);
  const visits: PlannedVisit[] = [];
  const plan = template.visitPlan;
  for (let n = 1; n <= plan.plannedVisits; n++) {
    const row = plan.rows.find((r) => r.visits.includes(n));
    const focus = row?.focus ?? plan.furtherVisits;
    if (!focus) break;
    visits.push({ visitType: 'improvement', number: n, focus, withSia: row ? row.withSia : plan.furtherVisitsWithSia, plannedDate: onWorkingDay(after(from, options.cadence, n)) });
  }
  const horizon = visits.at(-1)?.plannedDate ?? addMonths(from, 12);
  if (template.siaReviewEveryMonths) {
    for (let k = 1, date = addMonths(from, template.siaReviewEveryMonths); date <= horizon; k++, date = addMonths(from, template.siaReviewEveryMonths * k)) {
      visits.push({ visitType: 'sia_review', number: null, focus: 'SIA review visit to monitor, review and evaluate progress to date.', withSia: true, plannedDate: onWorkingDay(date) });
    }
  }
  if (template.officerMonitoring && options.managementActions) {
    for (let k = 1, date = addMonths(from, 1); date <= horizon; k++, date = addMonths(from, k)) {
      visits.push({ visitType: 'officer_monitoring', number: null, focus: 'Childcare Sufficiency Officer monthly monitoring of the actions for the management committee.', withSia: false, plannedDate: onWorkingDay(date) });
    }
  }
  return visits.sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || (a.number ?? 99) - (b.number ?? 99));
}
