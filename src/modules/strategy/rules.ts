import type { Duty, Rag } from './tables.js';

/*
 * The strategy register's vocabulary and its counts, as pure functions. Rutland's case study:
 * "along with the Outcomes, Sufficiency and Information Duties we have drawn on the LGA report
 * recommendations and developed a document which maps current practice under the headings of
 * Working in Partnership, Economic Development, Inclusion and The Education Experience."
 */

/** The headings an LA starts with (it renames them and adds its own). */
export const defaultHeadings = ['Working in Partnership', 'Economic Development', 'Inclusion', 'The Education Experience'] as const;

export const dutyLabels: Record<Duty, string> = { outcomes: 'Outcomes duty', sufficiency: 'Sufficiency duty', information: 'Information duty' };
export const duties = Object.keys(dutyLabels) as Duty[];

export const ragLabels: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
export const ragClasses: Record<Rag, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };
export const rags: Rag[] = ['red', 'amber', 'green'];

/**
 * "the report recommendations were rag rated red, amber and green: already in place but needed a
 * greater degree of communication within our partnership / may have been established but not yet
 * fully embedded / uncertainty as to whether the recommendations were fully established, or not a
 * feasible option and open to further discussion and exploration across our partnership."
 * The case study lists the colours red, amber, green and the meanings from the most established to
 * the least; each meaning goes with the colour that fits it (ADR 0025): green is in place.
 */
export const ragMeanings: Record<Rag, string> = {
  green: 'Already in place but needed a greater degree of communication within our partnership',
  amber: 'May have been established but not yet fully embedded',
  red: 'Uncertainty as to whether the recommendations were fully established, or not a feasible option and open to further discussion and exploration across our partnership',
};

/** "Engagement sessions supporting providers, service leads and parents/carers", "'mystery shoppers' to provide honest feedback as Service Users", partnership meetings. */
export const engagementKinds = {
  providers: 'Engagement session with providers',
  service_leads: 'Engagement session with service leads',
  parents: 'Engagement session with parents and carers',
  mystery_shopper: 'Mystery shopper feedback',
  partnership: 'Partnership meeting',
} as const;
export type EngagementKind = keyof typeof engagementKinds;

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  total: number;
}

export const emptyCounts = (): RagCounts => ({ red: 0, amber: 0, green: 0, total: 0 });

export function countRags(statuses: Iterable<Rag>): RagCounts {
  const counts = emptyCounts();
  for (const rag of statuses) {
    counts[rag]++;
    counts.total++;
  }
  return counts;
}

export interface RagUpdate {
  recommendationId: string;
  at: Date;
  rag: Rag;
}

/**
 * The RAG counts at each instant: each recommendation counts with its latest status at or before
 * that instant; one not yet made then is not counted.
 */
export function ragCountsOverTime(updates: readonly RagUpdate[], instants: readonly Date[]): RagCounts[] {
  const sorted = [...updates].sort((a, b) => a.at.getTime() - b.at.getTime());
  return instants.map((instant) => {
    const latest = new Map<string, Rag>();
    for (const u of sorted) {
      if (u.at.getTime() > instant.getTime()) break;
      latest.set(u.recommendationId, u.rag);
    }
    return countRags(latest.values());
  });
}

/** The last day of each of the `months` months up to `today` (an ISO date), oldest first, the current month ending today. */
export function monthEnds(today: string, months: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = months - 1; i >= 1; i--) {
    const last = new Date(Date.UTC(y, m - i, 0));
    out.push(last.toISOString().slice(0, 10));
  }
  out.push(today);
  return out;
}

/** A status trail as people say it: "Red → Amber → Green" (repeated statuses once). */
export function ragTrail(history: readonly { rag: Rag }[]): string {
  const steps: Rag[] = [];
  for (const h of history) if (steps[steps.length - 1] !== h.rag) steps.push(h.rag);
  return steps.map((r) => ragLabels[r]).join(' → ');
}
