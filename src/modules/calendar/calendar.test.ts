import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { calendarFor, deadlineAfter } from '../../platform/calendar.js';

const KENT = '886';
const RUTLAND = '857';

describe.each(testDatabases())('an LA’s own bank holiday changes, on $name', (testDb) => {
  let t: TestApp;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    admin = new TestClient(t.app);
    await admin.signIn((await createTestUser(t.database, KENT, 'admin')).email);
  });
  afterAll(() => t?.close());

  it('lists this year’s and next year’s bank holidays by rule and list', async () => {
    const page = await admin.get('/bank-holidays');
    expect(page.status).toBe(200);
    expect(page.body).toContain('28 December 2026'); // Boxing Day's substitute
    expect(page.body).toContain('29 March 2027'); // Easter Monday
  });

  it('a day added is a bank holiday for that LA’s deadlines only; removing the change restores the national calendar', async () => {
    const errors = await admin.post('/bank-holidays', { 'day-day': '7', 'day-month': '6', 'day-year': '2031', change: '', reason: '' });
    expect(errors.status).toBe(400);
    expect(errors.body.indexOf('href="#day-day"')).toBe(-1);
    expect(errors.body.indexOf('href="#change"')).toBeLessThan(errors.body.indexOf('href="#reason"'));
    const weekend = await admin.post('/bank-holidays', { 'day-day': '7', 'day-month': '6', 'day-year': '2031', change: 'add', reason: 'x' });
    expect(weekend.body).toContain('7 June 2031 is a weekend day');
    const notNational = await admin.post('/bank-holidays', { 'day-day': '3', 'day-month': '6', 'day-year': '2031', change: 'remove', reason: 'x' });
    expect(notNational.body).toContain('3 June 2031 is not a bank holiday in England and Wales');

    const friday = new Date('2031-05-30T10:00:00Z');
    expect(deadlineAfter(friday, 1, calendarFor(KENT)).dueDate).toBe('2031-06-02');
    expect((await admin.post('/bank-holidays', { 'day-day': '2', 'day-month': '6', 'day-year': '2031', change: 'add', reason: 'Bank holiday for a state occasion' })).status).toBe(303);
    expect(deadlineAfter(friday, 1, calendarFor(KENT)).dueDate).toBe('2031-06-03');
    expect(deadlineAfter(friday, 1, calendarFor(RUTLAND)).dueDate).toBe('2031-06-02'); // another LA: unchanged
    expect((await admin.get('/bank-holidays')).body).toContain('Bank holiday for a state occasion');
    const logged = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'calendar.day_changed').executeTakeFirstOrThrow();
    expect(logged.details).toMatchObject({ day: '2031-06-02', change: 'add' });

    const id = (await t.database.db.selectFrom('calendar_days').select('id').where('la_code', '=', KENT).executeTakeFirstOrThrow()).id;
    expect((await admin.post(`/bank-holidays/${id}/delete`, {})).status).toBe(303);
    expect(deadlineAfter(friday, 1, calendarFor(KENT)).dueDate).toBe('2031-06-02');
  });

  it('a national bank holiday the LA works is a working day for its deadlines', async () => {
    expect(calendarFor(KENT).isWorkingDay('2031-08-25')).toBe(false);
    expect((await admin.post('/bank-holidays', { 'day-day': '25', 'day-month': '8', 'day-year': '2031', change: 'remove', reason: 'Council open' })).status).toBe(303);
    expect(calendarFor(KENT).isWorkingDay('2031-08-25')).toBe(true);
    expect((await admin.get('/bank-holidays')).body).toContain('Council open');
  });
});
