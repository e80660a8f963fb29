import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { englandCalendar } from '../../platform/calendar.js';
import { londonDate } from '../../platform/dates.js';
import { providerNameColumn as providerName, providerRedactedColumn as providerRedacted, providerWardColumn as providerWard } from '../providers/index.js';

/* Notes waiting for the SIA's quality assurance (issue 19.5): a queue, oldest first, with each one's age. */

/** Working days from `from` to `to` (0 on the same day): how long a note has waited. */
export function workingDaysBetween(from: string, to: string): number {
  const calendar = englandCalendar();
  let n = 0;
  for (let d = calendar.addWorkingDays(from, 1); d <= to && n < 366; d = calendar.addWorkingDays(d, 1)) n++;
  return n;
}

export async function waitingForQa(tenant: TenantDb, now: Date) {
  const rows = await tenant.selectFrom('notes_of_visit')
    .select(['notes_of_visit.id', 'notes_of_visit.urn', 'notes_of_visit.submitted_at', providerName('notes_of_visit.urn'), providerRedacted('notes_of_visit.urn'), providerWard('notes_of_visit.urn'),
      sql<string | null>`(select u.name from users u where u.id = notes_of_visit.author_id)`.as('author_name')])
    .where('notes_of_visit.status', '=', 'submitted')
    .orderBy('notes_of_visit.submitted_at').orderBy('notes_of_visit.id')
    .limit(200)
    .execute();
  const today = londonDate(now);
  return rows.map((r) => ({ ...r, ageDays: r.submitted_at ? workingDaysBetween(londonDate(r.submitted_at), today) : 0 }));
}
