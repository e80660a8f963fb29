import { londonDate } from '../../platform/dates.js';
import * as p from './presenters.js';

interface TimelineEntry {
  date: string;
  title: string;
  description: string;
  source: string;
}

/** One list, newest first: inspections, enforcement, the changes Ofsted's files showed and the support given. */
export function timeline(
  inspections: { inspection_date: string; kind: string; overall: string | null; framework: string; report_card: unknown; source: string }[],
  enforcement: { event_date: string; event_type: string; details: string | null; source: string }[],
  changes: { event_date: string | null; detected_at: Date; change_type: string; from_value: string | null; to_value: string | null; details: unknown; source: string }[],
  support: { at: Date; summary: string; title?: string; source?: string }[] = [],
): TimelineEntry[] {
  const kindLabels: Record<string, string> = { full: 'Inspection', ncor: 'Inspection (no children on roll)', ccr: 'Childcare Register inspection', agency: 'Agency inspection', registration: 'Registration visit' };
  const byStaff = (source: string) => (source === 'staff' ? 'Entered by staff' : 'Ofsted');
  const entries: TimelineEntry[] = [
    ...inspections.map((i) => ({
      date: i.inspection_date,
      title: `${kindLabels[i.kind] ?? 'Inspection'}: ${i.report_card ? 'report card' : p.outcomeLabel(i.overall)}`,
      description: i.framework,
      source: byStaff(i.source),
    })),
    ...enforcement.map((e) => ({
      date: e.event_date,
      title: p.enforcementLabels[e.event_type] ?? e.event_type,
      description: e.details ?? '',
      source: byStaff(e.source),
    })),
    ...changes
      .filter((c) => c.change_type !== 'new_inspection_outcome' && c.change_type !== 'enforcement')
      .map((c) => ({
        date: c.event_date ?? c.detected_at.toISOString().slice(0, 10),
        title: p.changeTypeLabels[c.change_type] ?? c.change_type,
        description: p.changeSummary(c),
        source: c.source === 'staff' ? 'Entered by staff' : 'Ofsted data',
      })),
    ...support.map((e) => ({ date: londonDate(e.at), title: e.title ?? 'Support', description: e.summary, source: e.source ?? 'EY Hub' })),
  ];
  return entries.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
