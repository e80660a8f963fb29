import type { Insertable, Kysely } from 'kysely';
import type { DB, TasksTable, VisitsTable } from '../../db/types.js';
import { ensureOrganisation, slotRoutes } from './structures.js';

/*
 * Work nobody owns waits in a job-title queue, never a permission role's (issue 19.1). A task named
 * for a job title (a template step "owned by the Senior CSO") goes to that title's queue; any other
 * unowned task to the title that takes its slot (the SIA's, the adviser's or the officer's work).
 */

interface LaTitles {
  byKey: Map<string, string>;
  bySlot: Map<string, string>;
}

async function titlesOf(db: Kysely<DB>, laCodes: readonly string[]): Promise<Map<string, LaTitles>> {
  await ensureOrganisation(db, laCodes);
  const rows = laCodes.length ? await db.selectFrom('org_job_titles').select(['id', 'la_code', 'key', 'slots', 'position']).where('la_code', 'in', laCodes).orderBy('position').execute() : [];
  const result = new Map<string, LaTitles>();
  for (const la of laCodes) {
    const mine = rows.filter((r) => r.la_code === la);
    result.set(la, { byKey: new Map(mine.map((r) => [r.key, r.id])), bySlot: slotRoutes(mine) });
  }
  return result;
}

/** The visit's slot: the SIA's review visits, the officer's monitoring, otherwise the adviser's. */
export function visitSlot(visitType: string): 'manager' | 'officer' | 'adviser' {
  return visitType === 'sia_review' ? 'manager' : visitType === 'officer_monitoring' ? 'officer' : 'adviser';
}

/** Fills `owner_job_title_id` of the rows about to be saved (in place). `queueKeyOf` names a row's job title by key. */
export async function routeTasks(db: Kysely<DB>, rows: readonly Insertable<TasksTable>[], queueKeyOf?: (row: Insertable<TasksTable>) => string | undefined): Promise<void> {
  const open = rows.filter((r) => !r.owner_job_title_id && (!r.owner_user_id || queueKeyOf?.(r)));
  if (!open.length) return;
  const titles = await titlesOf(db, [...new Set(open.map((r) => r.la_code))]);
  for (const r of open) {
    const la = titles.get(r.la_code);
    const key = queueKeyOf?.(r);
    r.owner_job_title_id = (key ? la?.byKey.get(key) : undefined) ?? (r.owner_user_id ? null : la?.bySlot.get(r.owner_role)) ?? null;
  }
}

/** Fills `job_title_id` of planned visits nobody is the visitor of yet (in place). */
export async function routeVisits(db: Kysely<DB>, rows: readonly Insertable<VisitsTable>[]): Promise<void> {
  const open = rows.filter((r) => !r.adviser_id && !r.job_title_id);
  if (!open.length) return;
  const titles = await titlesOf(db, [...new Set(open.map((r) => r.la_code))]);
  for (const r of open) r.job_title_id = titles.get(r.la_code)?.bySlot.get(visitSlot(r.visit_type)) ?? null;
}
