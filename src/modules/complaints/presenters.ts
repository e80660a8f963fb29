import { formatDate } from '../../platform/dates.js';
import { quarterOf } from './rules.js';
import { outcomeLabels } from './schemas.js';
import type { ComplaintOutcome } from '../../db/types.js';
import { londonDate } from '../../platform/dates.js';

/** Where a complaint stands, in words and a tag. */
export function statusOf(r: { kind: string; answered_at: Date | null; acknowledged_at: Date | null; stage: number; outcome: ComplaintOutcome | null }, stopped: boolean): { text: string; classes: string } {
  if (r.kind === 'compliment') return { text: 'Compliment', classes: 'govuk-tag--green' };
  if (r.answered_at && r.outcome) return { text: `${outcomeLabels[r.outcome]}${r.stage === 2 ? ' (stage 2)' : ''}`, classes: 'govuk-tag--grey' };
  if (stopped) return { text: 'Clock stopped', classes: 'govuk-tag--yellow' };
  if (!r.acknowledged_at) return { text: 'To acknowledge', classes: 'govuk-tag--orange' };
  return { text: r.stage === 2 ? 'Open at stage 2' : 'Open', classes: 'govuk-tag--blue' };
}

export interface QuarterRow {
  key: string;
  label: string;
  complaints: number;
  upheld: number;
  partly_upheld: number;
  not_upheld: number;
  open: number;
  stage2: number;
  compliments: number;
}

/** Counts per financial quarter of receipt: complaints by outcome, open ones, stage 2s and compliments. */
export function quarterlyReport(rows: readonly { kind: string; outcome: ComplaintOutcome | null; stage: number; received_at: Date }[]): QuarterRow[] {
  const byKey = new Map<string, QuarterRow>();
  for (const r of rows) {
    const q = quarterOf(londonDate(r.received_at));
    const row = byKey.get(q.key) ?? { ...q, complaints: 0, upheld: 0, partly_upheld: 0, not_upheld: 0, open: 0, stage2: 0, compliments: 0 };
    byKey.set(q.key, row);
    if (r.kind === 'compliment') { row.compliments++; continue; }
    row.complaints++;
    if (r.stage === 2) row.stage2++;
    if (r.outcome) row[r.outcome]++;
    else row.open++;
  }
  return [...byKey.values()].sort((a, b) => b.key.localeCompare(a.key));
}

export const dueText = (date: string | null, stopped: boolean) => (stopped ? 'Clock stopped' : formatDate(date));
