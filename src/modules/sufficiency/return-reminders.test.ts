import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { englandCalendar } from '../../platform/calendar.js';
import { runImport } from '../ofsted-import/index.js';
import { dueForReminder, remindVacancyReturns, workingDaysBefore } from './return-reminders.js';

const KENT = '886';
const calendar = englandCalendar();

describe('who is due the scheduled vacancy-return reminder (pure): "each term the setting is asked … for a short return …; reminders"', () => {
  const schedule = { deadline: '2026-12-04', remindWorkingDays: 5 };
  const settings = [
    { urn: 'A', returned: true, remindedAutomatically: false },
    { urn: 'B', returned: false, remindedAutomatically: false },
    { urn: 'C', returned: false, remindedAutomatically: true },
  ];
  it('counts working days back from the deadline (weekends and bank holidays skipped)', () => {
    expect(workingDaysBefore('2026-12-04', 5, calendar)).toBe('2026-11-27');
    expect(workingDaysBefore('2026-12-29', 1, calendar)).toBe('2026-12-24');
    expect(workingDaysBefore('2026-12-04', 0, calendar)).toBe('2026-12-04');
  });
  it('from the first reminder day to the deadline, only settings that have not returned and have not had this term’s reminder', () => {
    expect(dueForReminder(settings, '2026-11-26', schedule, calendar)).toEqual([]);
    expect(dueForReminder(settings, '2026-11-27', schedule, calendar)).toEqual(['B']);
    expect(dueForReminder(settings, '2026-12-04', schedule, calendar)).toEqual(['B']);
    expect(dueForReminder(settings, '2026-12-05', schedule, calendar)).toEqual([]);
  });
});

describe.each(testDatabases())('scheduled vacancy-return reminders on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let returned: string;
  let late: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    [returned, late] = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('status', '=', 'Active').orderBy('urn').limit(2).execute()).map((p) => p.urn) as [string, string];
    const officerUser = await createTestUser(t.database, KENT, 'officer');
    officer = new TestClient(t.app);
    await officer.signIn(officerUser.email);
    const a = await createTestUser(t.database, KENT, 'provider', { email: 'returned@setting.example' });
    const b = await createTestUser(t.database, KENT, 'provider', { email: 'late@setting.example' });
    await t.database.db.insertInto('provider_users').values([{ la_code: KENT, user_id: a.id, urn: returned, created_at: t.clock.now() }, { la_code: KENT, user_id: b.id, urn: late, created_at: t.clock.now() }]).execute();
    await t.database.db.insertInto('sufficiency_vacancy_returns').values({ la_code: KENT, urn: returned, term: '2026-autumn', figures: JSON.stringify({}), waiting_list: 0, funded_places: 0, opens_at: '08:00', closes_at: '18:00', weeks_per_year: 51, submitted_by: a.id, submitted_at: t.clock.now() }).execute();
  });
  afterAll(() => t.close());

  const reminders = () => t.database.db.selectFrom('outbox').select('to_addresses').where('subject', 'like', 'Reminder: your Autumn 2026 vacancy return%').execute();

  it('the LA sets the deadline (errors name the field); from 5 working days before it the job e-mails each setting that has not returned, once', async () => {
    const bad = await officer.post('/sufficiency/returns/schedule', { 'deadline-day': '4', 'deadline-month': '12', 'deadline-year': '2026', remindDays: 'five' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Enter how many working days before the deadline reminders start, from 0 to 60');
    expect(bad.body).toContain('value="4"');
    expect((await officer.post('/sufficiency/returns/schedule', { 'deadline-day': '4', 'deadline-month': '12', 'deadline-year': '2026', remindDays: '5' })).status).toBe(303);
    expect((await officer.get('/sufficiency/returns')).body).toContain('Returns are due by <strong>4 December 2026</strong>');

    expect(await remindVacancyReturns(t.database.db, new Date('2026-11-26T09:00:00Z'))).toBe(0);
    expect(await remindVacancyReturns(t.database.db, new Date('2026-11-27T09:00:00Z'))).toBe(1);
    expect((await reminders()).map((m) => m.to_addresses).flat()).toEqual(['late@setting.example']);
    expect(await remindVacancyReturns(t.database.db, new Date('2026-11-30T09:00:00Z'))).toBe(0);
    expect(await reminders()).toHaveLength(1);
    // the unique key holds even if two runs overlapped
    await expect(t.database.db.insertInto('sufficiency_return_reminders').values({ la_code: KENT, urn: late, term: '2026-autumn', sent_at: new Date(), sent_by: null, automatic: true }).execute()).rejects.toThrow();
  });
});
