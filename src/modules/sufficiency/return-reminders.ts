import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { englandCalendar, type WorkingCalendar } from '../../platform/calendar.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { notifySetting } from '../portal/index.js';
import { termOf } from './returns.js';
import { askedSettings } from './returns-repository.js';

/** The working day `n` working days before `date` (the date itself when n is 0). */
export function workingDaysBefore(date: string, n: number, calendar: WorkingCalendar): string {
  let day = date;
  for (let left = n; left > 0; ) {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    day = d.toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * Who is due the scheduled reminder of the termly vacancy return ("each term the setting is asked in
 * the portal for a short return …; reminders", issue 23): from the LA's number of working days before
 * the term's return deadline up to the deadline, each setting that has not returned this term and has
 * not had this term's scheduled reminder. Never a setting that has returned.
 */
export function dueForReminder(
  settings: readonly { urn: string; returned: boolean; remindedAutomatically: boolean }[],
  today: string,
  schedule: { deadline: string; remindWorkingDays: number },
  calendar: WorkingCalendar,
): string[] {
  if (today < workingDaysBefore(schedule.deadline, schedule.remindWorkingDays, calendar) || today > schedule.deadline) return [];
  return settings.filter((s) => !s.returned && !s.remindedAutomatically).map((s) => s.urn);
}

const JOB_USER = '00000000-0000-0000-0000-000000000000';

/** The scheduled job: e-mails (outbox) this term's reminders for every LA with a return deadline set. */
export async function remindVacancyReturns(db: Kysely<DB>, now: Date): Promise<number> {
  const today = londonDate(now);
  const term = termOf(today);
  const schedules = await db.selectFrom('sufficiency_return_schedules').selectAll().where('term', '=', term.key).where('deadline', '>=', today).execute();
  let sent = 0;
  for (const schedule of schedules) {
    const tenant = new TenantDb(db, { laCode: schedule.la_code, userId: JOB_USER, role: 'admin', userEmail: 'scheduled job' });
    sent += await tenant.transaction(async (tx) => {
      const asked = await askedSettings(tx, term.key);
      const automatic = new Set((await tx.selectFrom('sufficiency_return_reminders').select('urn').where('term', '=', term.key).where('automatic', '=', true).execute()).map((r) => r.urn));
      const due = dueForReminder(asked.map((s) => ({ urn: s.urn, returned: !!s.returned_at, remindedAutomatically: automatic.has(s.urn) })), today, { deadline: String(schedule.deadline), remindWorkingDays: schedule.remind_working_days }, englandCalendar());
      for (const urn of due) {
        await notifySetting(tx, urn, {
          subject: `Reminder: your ${term.label} vacancy return is due by ${formatDate(String(schedule.deadline))}`,
          body: `The local authority asks each setting every term how many places and vacancies it has, so that it can check there is enough childcare in each area. Please send your ${term.label} return by ${formatDate(String(schedule.deadline))}: it takes a few minutes in EY Hub, under "Send your ${term.label} vacancy return".`,
          record: { type: 'provider', id: urn },
        }, now);
        await tx.insertInto('sufficiency_return_reminders', { urn, term: term.key, sent_at: now, sent_by: null, automatic: true }).execute();
      }
      return due.length;
    });
  }
  return sent;
}
