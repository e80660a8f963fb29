import type { MoveGroup } from './repository.js';

/*
 * What an import's result says beyond its counts (issues 16.9 and 17.1): rows it did not apply
 * because EY Hub holds newer data are "skipped as older", never "unchanged"; moves between local
 * authorities are one line for each pair of authorities.
 */

export function moveSentence(group: MoveGroup): string {
  const settings = `${group.count.toLocaleString('en-GB')} ${group.count === 1 ? 'setting' : 'settings'}`;
  return `${settings} moved from ${group.from} to ${group.to}`;
}

export function olderSentence(rows: number): string | null {
  if (!rows) return null;
  return `Skipped: older than what EY Hub holds (${rows.toLocaleString('en-GB')} ${rows === 1 ? 'row' : 'rows'}). EY Hub keeps the newer data for these providers.`;
}

/** The lines the import's page shows under its counts (warnings first: coverage.ts). */
export function summaryLines(olderCount: number | null | undefined, moves: readonly MoveGroup[], warnings: readonly (string | null)[] = []): string[] {
  return [...warnings, olderSentence(olderCount ?? 0), ...moves.map(moveSentence)].filter((l): l is string => l !== null);
}
