import { formatDate, formatDateTime } from '../../platform/dates.js';
import { ownerRoleLabels } from '../tasks/index.js';
import { kindLabels, type Cadence, type PathwayKind } from './definition.js';

export interface VisitView {
  visit_type: string;
  number: number | null;
  status: string;
  planned_date: string;
  booked_for: Date | null;
  done_on: string | null;
  cancelled_by: string | null;
  cancelled_on: string | null;
}

/** Visits booked outside a pathway's numbered plan. */
export const visitTypeLabels: Record<string, string> = {
  support: 'Support visit',
  monitoring: 'Monitoring visit',
  introductory: 'Introductory visit',
  business_review: 'Business review',
  exit: 'Exit visit',
  annual_conversation: 'Annual conversation',
  pre_inspection: 'Pre-inspection visit',
  feee_audit: 'Early education funding audit visit',
  inclusion: 'Inclusion visit',
};

export function visitName(v: VisitView): string {
  if (v.visit_type === 'sia_review') return 'Senior Improvement Adviser quarterly review visit';
  if (v.visit_type === 'officer_monitoring') return 'Childcare Sufficiency Officer monthly monitoring';
  const typed = visitTypeLabels[v.visit_type];
  if (typed) return typed;
  return v.number ? `Visit ${v.number}` : 'Visit';
}

export function visitStatus(v: VisitView): string {
  switch (v.status) {
    case 'booked':
      return `Booked for ${formatDateTime(v.booked_for)}`;
    case 'done':
      return `Done ${formatDate(v.done_on)}`;
    case 'cancelled':
      return `Cancelled by ${v.cancelled_by === 'setting' ? 'the setting' : 'the local authority'} on ${formatDate(v.cancelled_on)}`;
    case 'withdrawn':
      return 'Not needed (pathway closed)';
    default:
      return 'Planned, not booked yet';
  }
}

export const statusLabels: Record<string, string> = { active: 'Active', paused: 'Paused', closed: 'Closed' };

/** Filters the pathway and task pages use. */
export const pathwayFilters = {
  visitName,
  visitStatus,
  pathwayKind: (kind: PathwayKind) => kindLabels[kind] ?? kind,
  pathwayStatus: (status: string) => statusLabels[status] ?? status,
  ownerRole: (role: string) => `${ownerRoleLabels[role] ?? role} (team queue)`,
};

export const cadenceText: Record<Cadence, string> = { fortnightly: 'Fortnightly', monthly: 'Monthly', 'bi-monthly': 'Every two months (bi-monthly)', quarterly: 'Quarterly', annual: 'Once a year' };

/** The allocation form's cadence question: a choice only when the visit plan offers more than one. */
export const cadenceChoice = (choices: readonly Cadence[]) =>
  choices.length > 1 ? { type: 'radios' as const, name: 'cadence', label: 'How often does the adviser visit?', items: choices.map((c) => ({ value: c, text: cadenceText[c] })) } : null;

export const allocateIntro = (name: string, choices: readonly Cadence[]) =>
  `Planned visits are created from the ${name} visit plan when you allocate.` +
  (choices.length === 1 ? ` The adviser visits ${cadenceText[choices[0]!].toLowerCase()}: it is the only choice in this pathway’s visit plan.` : '');
