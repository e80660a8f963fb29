import type { Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { clearLocalCalendarChanges, setLocalCalendarChanges } from '../../platform/calendar.js';

/** The LA's added and removed days, newest first. */
export function calendarDays(tenant: TenantDb) {
  return tenant.selectFrom('calendar_days').leftJoin('users', 'users.id', 'calendar_days.created_by').select(['calendar_days.id', 'calendar_days.day', 'calendar_days.change', 'calendar_days.reason', 'calendar_days.created_at', 'users.name as created_by_name']).orderBy('calendar_days.day', 'desc').execute();
}

/** Loads every LA's changes into the calendar the deadlines use (at start, and after a change). */
export async function loadCalendarChanges(db: Kysely<DB>, laCode?: string): Promise<void> {
  let q = db.selectFrom('calendar_days').select(['la_code', 'day', 'change']);
  if (laCode) q = q.where('la_code', '=', laCode);
  const rows = await q.execute();
  const byLa = new Map<string, { added: string[]; removed: string[] }>();
  if (laCode) byLa.set(laCode, { added: [], removed: [] });
  else clearLocalCalendarChanges();
  for (const r of rows) {
    const c = byLa.get(r.la_code) ?? { added: [], removed: [] };
    (r.change === 'add' ? c.added : c.removed).push(r.day);
    byLa.set(r.la_code, c);
  }
  for (const [la, changes] of byLa) setLocalCalendarChanges(la, changes);
}
