import { reportCardGrades } from '../vocabulary/index.js';
import { formErrors, inFieldOrder, type FormErrors } from '../../platform/forms.js';
import { cadences, ownerRoles, templateDefinition, type TemplateDefinition } from './definition.js';

/*
 * The template edit form: flat field names (step0_title, row0_focus …) to and from the
 * definition. One blank step and plan row are offered for additions; a blank title or focus removes one.
 */

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const int = (v: unknown) => (str(v) === '' ? NaN : Number(str(v)));

export const graded = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'met', 'not_met_actions', 'not_met_enforcement'] as const;
export { reportCardGrades };

export function toFormValues(t: TemplateDefinition): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    name: t.name, summary: t.summary, source: t.source,
    outcomes: t.trigger.outcomes, rcAreas: t.trigger.reportCard.anyAreaGraded,
    flags: [
      ...(t.trigger.reportCard.safeguardingNotMet ? ['safeguardingNotMet'] : []), ...(t.trigger.reportCard.otherwise ? ['otherwise'] : []),
      ...(t.trigger.newRegistration ? ['newRegistration'] : []), ...(t.trigger.reRegistration ? ['reRegistration'] : []),
      ...(t.visitPlan.furtherVisitsWithSia ? ['furtherVisitsWithSia'] : []), ...(t.allocation.required ? ['allocationRequired'] : []), ...(t.allocation.officer ? ['officer'] : []), ...(t.officerMonitoring ? ['officerMonitoring'] : []),
    ],
    cadences: t.visitPlan.cadences,
    plannedVisits: String(t.visitPlan.plannedVisits),
    furtherVisits: t.visitPlan.furtherVisits ?? '',
    siaReviewEveryMonths: t.siaReviewEveryMonths ? String(t.siaReviewEveryMonths) : '',
    exitStep: t.exit.step ?? '',
    allocatedBy: t.allocation.allocatedBy ?? '',
    lead: t.allocation.lead,
    officerAllocatedBy: t.allocation.officerAllocatedBy ?? '',
    windowMonths: t.programme.windowAfterInspectionMonths ? String(t.programme.windowAfterInspectionMonths) : '',
  };
  t.steps.forEach((s, i) => Object.assign(values, { [`step${i}_key`]: s.key, [`step${i}_title`]: s.title, [`step${i}_owner`]: s.owner, [`step${i}_queue`]: s.jobTitle ?? '', [`step${i}_days`]: String(s.workingDays), [`step${i}_after`]: s.after }));
  t.visitPlan.rows.forEach((r, i) => Object.assign(values, { [`row${i}_visits`]: r.visits.join(', '), [`row${i}_focus`]: r.focus, [`row${i}_sia`]: r.withSia ? 'yes' : '' }));
  return values;
}

export function countRows(body: Record<string, unknown>, prefix: string, field: string): number {
  let n = 0;
  while (`${prefix}${n}_${field}` in body) n++;
  return n;
}

/** Reads the submitted form back into a definition, or GOV.UK errors naming the field. */
export function fromForm(body: Record<string, unknown>): { ok: true; value: TemplateDefinition } | { ok: false; errors: FormErrors } {
  const errors: [string, string][] = [];
  const flags = new Set(list(body.flags));
  const steps = [];
  for (let i = 0; i < countRows(body, 'step', 'title'); i++) {
    const title = str(body[`step${i}_title`]);
    if (!title) continue;
    const days = int(body[`step${i}_days`]);
    if (!Number.isInteger(days) || days < 0 || days > 60) errors.push([`step${i}_days`, `Enter the working days for step ${i + 1} as a whole number from 0 to 60`]);
    const owner = str(body[`step${i}_owner`]);
    const after = str(body[`step${i}_after`]);
    const queue = str(body[`step${i}_queue`]);
    steps.push({
      key: str(body[`step${i}_key`]) || `step_${i + 1}`, title, owner: (ownerRoles as readonly string[]).includes(owner) ? owner : 'manager', workingDays: days,
      after: after === 'allocation' || after === 'officer_allocation' ? after : 'start', ...(queue ? { jobTitle: queue } : {}),
    });
  }
  const rows = [];
  for (let i = 0; i < countRows(body, 'row', 'focus'); i++) {
    const focus = str(body[`row${i}_focus`]);
    if (!focus) continue;
    const visits = str(body[`row${i}_visits`]).split(/\s*(?:,|&|\band\b)\s*|\s+/).filter(Boolean).map(Number);
    if (visits.length === 0 || visits.some((v) => !Number.isInteger(v) || v < 1 || v > 99)) errors.push([`row${i}_visits`, `Enter the visit numbers for plan row ${i + 1}, for example 1, 2`]);
    rows.push({ visits, focus, withSia: str(body[`row${i}_sia`]) === 'yes' });
  }
  const planned = int(body.plannedVisits);
  if (!Number.isInteger(planned) || planned < 0 || planned > 40) errors.push(['plannedVisits', 'Enter how many visits to plan as a whole number from 0 to 40']);
  const review = str(body.siaReviewEveryMonths);
  if (review && !/^(1[0-2]|[1-9])$/.test(review)) errors.push(['siaReviewEveryMonths', 'Enter the months between SIA review visits as a whole number from 1 to 12, or leave it blank']);
  const windowMonths = str(body.windowMonths);
  if (windowMonths && !/^(?:[1-9]\d?|1[01]\d|120)$/.test(windowMonths)) errors.push(['windowMonths', 'Enter the months after the last inspection as a whole number from 1 to 120, or leave it blank']);
  const chosenCadences = list(body.cadences).filter((c) => (cadences as readonly string[]).includes(c));
  if (chosenCadences.length === 0) errors.push(['cadences', 'Select at least one visit cadence']);
  if (!str(body.name)) errors.push(['name', 'Enter the pathway name']);
  if (!str(body.summary)) errors.push(['summary', 'Enter what the pathway is for']);
  if (errors.length) return { ok: false, errors: inFieldOrder(formErrors(errors), ['name', 'summary', 'step', 'cadences', 'plannedVisits', 'row', 'siaReviewEveryMonths']) }; // the page's order
  const parsed = templateDefinition.safeParse({
    name: str(body.name), summary: str(body.summary), source: str(body.source) || 'Edited by the local authority',
    trigger: {
      outcomes: list(body.outcomes).filter((o) => (graded as readonly string[]).includes(o)),
      reportCard: { anyAreaGraded: list(body.rcAreas).filter((g) => (reportCardGrades as readonly string[]).includes(g)), safeguardingNotMet: flags.has('safeguardingNotMet'), otherwise: flags.has('otherwise') },
      newRegistration: flags.has('newRegistration'), reRegistration: flags.has('reRegistration'),
    },
    allocation: {
      required: flags.has('allocationRequired'), officer: flags.has('officer'), lead: list(body.lead),
      ...(str(body.allocatedBy) ? { allocatedBy: str(body.allocatedBy) } : {}), ...(str(body.officerAllocatedBy) ? { officerAllocatedBy: str(body.officerAllocatedBy) } : {}),
    },
    steps,
    visitPlan: { cadences: chosenCadences, plannedVisits: planned, rows, furtherVisits: str(body.furtherVisits) || null, furtherVisitsWithSia: flags.has('furtherVisitsWithSia') },
    siaReviewEveryMonths: review ? Number(review) : null,
    officerMonitoring: flags.has('officerMonitoring'),
    programme: { windowAfterInspectionMonths: windowMonths ? Number(windowMonths) : null },
    exit: { step: str(body.exitStep) || null },
  });
  if (!parsed.success) return { ok: false, errors: formErrors(parsed.error.issues.map((i) => ['name', `${i.path.join('.')}: ${i.message}`] as [string, string])) };
  return { ok: true, value: parsed.data };
}
