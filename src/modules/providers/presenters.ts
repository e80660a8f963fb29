import { formatDate } from '../../platform/dates.js';
import { keyJudgements, reportCardAreas, reportCardGradesWeakestFirst } from '../vocabulary/index.js';

export const outcomeLabels: Record<string, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  satisfactory: 'Satisfactory',
  met: 'Met',
  not_met_actions: 'Not met (with actions)',
  not_met_enforcement: 'Not met (with enforcement)',
  effective: 'Effective',
  ineffective: 'Ineffective',
  'report card': 'Report card',
};

export const reportCardLabels: Record<string, string> = {
  exceptional: 'Exceptional',
  strong_standard: 'Strong standard',
  expected_standard: 'Expected standard',
  needs_attention: 'Needs attention',
  urgent_improvement: 'Urgent improvement',
};

export const enforcementLabels: Record<string, string> = {
  welfare_requirements_notice: 'Welfare requirements notice',
  notice_to_improve: 'Notice to improve',
  notice_of_intention: 'Notice of intention',
  notice_of_intention_to_cancel: 'Notice of intention to cancel',
  notice_of_intention_to_suspend: 'Notice of intention to suspend',
  notice_of_decision: 'Notice of decision',
  suspension: 'Suspension',
  cancellation: 'Cancellation',
  resignation: 'Resignation',
};

export const changeTypeLabels: Record<string, string> = {
  new_registration: 'New registration',
  new_inspection_outcome: 'New inspection outcome',
  status_change: 'Registration status change',
  enforcement: 'Enforcement',
  details_changed: 'Details changed',
  moved_la: 'Moved to another local authority',
  first_seen: 'First seen in EY Hub',
};

/** What staff call each field a details-changed row lists (the import's fields.ts keys). */
const detailLabels: Record<string, string> = {
  places_estimate: 'places including estimates',
  provider_type: 'provider type',
  provider_subtype: 'provider subtype',
  registration_date: 'registration date',
  rp_urn: 'registered person URN',
  rp_name: 'registered person',
};

export function outcomeLabel(value: string | null | undefined): string {
  return value ? (outcomeLabels[value] ?? value) : '';
}

export interface InspectionView {
  overall: string | null;
  inspection_date: string;
  report_card: unknown;
  key_judgements: unknown;
  safeguarding_effective: boolean | null;
}

const reportCardScale: readonly string[] = reportCardGradesWeakestFirst;

/**
 * A report card has no single grade, so staff name its weakest areas: "Report card: Urgent
 * improvement in Leadership and governance", "Report card: safeguarding not met", "Report card:
 * Strong standard or better in every area".
 */
export function reportCardText(card: unknown, safeguardingEffective: boolean | null | undefined): string {
  const grades = (card ?? {}) as Record<string, string>;
  const graded = reportCardAreas.filter((a) => grades[a.key] && reportCardScale.includes(grades[a.key]!));
  const parts: string[] = [];
  const weakest = reportCardScale.find((grade) => graded.some((a) => grades[a.key] === grade));
  if (weakest === 'urgent_improvement' || weakest === 'needs_attention') {
    const areas = graded.filter((a) => grades[a.key] === weakest).map((a) => a.label);
    parts.push(`${reportCardLabels[weakest]} in ${areas.length > 1 ? `${areas.slice(0, -1).join(', ')} and ${areas.at(-1)!}` : areas[0]!}`);
  } else if (weakest) parts.push(`${reportCardLabels[weakest]} or better in every area`);
  if (safeguardingEffective === false) parts.push('safeguarding not met');
  return parts.length ? `Report card: ${parts.join('; ')}` : 'Report card';
}

/** "Requires improvement, inspected 3 March 2024" — or a report card, named by its weakest areas. */
export function latestOutcomeText(inspection: InspectionView | null | undefined): string {
  if (!inspection) return 'Not inspected yet';
  if (inspection.report_card) return `${reportCardText(inspection.report_card, inspection.safeguarding_effective)}, inspected ${formatDate(inspection.inspection_date)}`;
  return `${outcomeLabel(inspection.overall)}, inspected ${formatDate(inspection.inspection_date)}`;
}

export function reportCardRows(inspection: InspectionView): { area: string; grade: string }[] {
  const card = (inspection.report_card ?? {}) as Record<string, string>;
  const rows = reportCardAreas.filter((a) => card[a.key]).map((a) => ({ area: a.label, grade: reportCardLabels[card[a.key]!] ?? card[a.key]! }));
  if (inspection.safeguarding_effective !== null) {
    rows.push({ area: 'Safeguarding', grade: inspection.safeguarding_effective ? 'Met' : 'Not met' });
  }
  return rows;
}

export function keyJudgementRows(inspection: InspectionView): { area: string; grade: string }[] {
  const kj = (inspection.key_judgements ?? {}) as Record<string, string>;
  return keyJudgements.filter((k) => kj[k.key]).map((k) => ({ area: k.label, grade: outcomeLabel(kj[k.key]) }));
}

export function changeSummary(change: { change_type: string; from_value: string | null; to_value: string | null; details: unknown }): string {
  const details = (change.details ?? {}) as Record<string, unknown>;
  switch (change.change_type) {
    case 'new_registration':
      return `Registered${change.to_value ? ` (${change.to_value})` : ''}`;
    case 'first_seen':
      return `Not a new registration: registered before EY Hub knew it, or already inspected${change.to_value ? ` (${change.to_value})` : ''}`;
    case 'moved_la':
      return `${String(details.from ?? change.from_value ?? 'Unknown')} → ${String(details.to ?? change.to_value ?? 'Unknown')}`;
    case 'new_inspection_outcome': {
      const to = details.report_card ? reportCardText(details.report_card, details.safeguarding_effective as boolean | null) : outcomeLabel(change.to_value) || 'Report card';
      const from = details.previous_report_card ? reportCardText(details.previous_report_card, null) : outcomeLabel(change.from_value);
      return from ? `${from} → ${to}` : `First outcome: ${to}`;
    }
    case 'status_change':
      return `${change.from_value ?? 'Unknown'} → ${change.to_value ?? 'Unknown'}`;
    case 'enforcement':
      return `${enforcementLabels[change.to_value ?? ''] ?? change.to_value ?? ''}${details.details ? `: ${String(details.details)}` : ''}`;
    case 'details_changed':
      return Object.entries(details)
        .map(([field, pair]) => {
          const [from, to] = Array.isArray(pair) ? pair : [null, null];
          return `${detailLabels[field] ?? field}: ${String(from ?? 'not known')} → ${String(to ?? 'not known')}`;
        })
        .join('; ');
    default:
      return '';
  }
}
