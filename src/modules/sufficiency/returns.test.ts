import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { readReturnForm, termOf, vacanciesByBand } from './returns.js';

const KENT = '886';
const answers = (over: Record<string, string> = {}) => ({
  'places-under_2': '12', 'vacancies-under_2': '0', 'places-two': '16', 'vacancies-two': '3', 'places-three_four': '26', 'vacancies-three_four': '4', 'places-school': '0', 'vacancies-school': '0',
  waitingList: '9', fundedPlaces: '30', opensAt: '8am', closesAt: '6:00pm', weeksPerYear: '51', ...over,
});

describe('the termly vacancy return (pure)', () => {
  it('"each term the setting is asked": the term of a date', () => {
    expect(termOf('2026-11-23')).toEqual({ key: '2026-autumn', label: 'Autumn 2026' });
    expect(termOf('2027-02-01').label).toBe('Spring 2027');
    expect(termOf('2027-06-30').label).toBe('Summer 2027');
  });
  it('reads the form: times as people write them, vacancies no more than places, every problem named', () => {
    const ok = readReturnForm(answers());
    expect(ok.ok && ok.value.opensAt).toBe('08:00');
    expect(ok.ok && ok.value.closesAt).toBe('18:00');
    expect(ok.ok && vacanciesByBand(ok.value.figures)).toEqual({ early_years: 7, school_age: 0 });
    const bad = readReturnForm(answers({ 'vacancies-two': '20', waitingList: '', closesAt: '7am', weeksPerYear: '53' }));
    expect(bad.ok ? [] : bad.problems).toEqual([
      ['vacancies-two', 'Vacancies for 2 year olds cannot be more than the places (16)'],
      ['waitingList', 'Enter the number of children on your waiting list, or 0'],
      ['closesAt', 'The closing time must be after the opening time'],
      ['weeksPerYear', 'Enter the weeks a year you are open, from 1 to 52'],
    ]);
  });
});

describe.each(testDatabases())('termly vacancy returns on $name', (testDb) => {
  let t: TestApp;
  let officer: TestClient;
  let setting: TestClient;
  let urn: string;
  let otherUrn: string;

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    [urn, otherUrn] = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('status', '=', 'Active').where('provider_type', '=', 'Childcare on non-domestic premises').orderBy('urn').limit(2).execute()).map((p) => p.urn) as [string, string];
    officer = new TestClient(t.app);
    await officer.signIn((await createTestUser(t.database, KENT, 'officer')).email);
    const manager = await createTestUser(t.database, KENT, 'provider', { name: 'Jo Manager', email: 'jo@setting.example' });
    const other = await createTestUser(t.database, KENT, 'provider', { name: 'Al Other', email: 'al@other.example' });
    await t.database.db.insertInto('provider_users').values([{ la_code: KENT, user_id: manager.id, urn, created_at: t.clock.now() }, { la_code: KENT, user_id: other.id, urn: otherUrn, created_at: t.clock.now() }]).execute();
    setting = new TestClient(t.app);
    await setting.signIn(manager.email);
  });
  afterAll(() => t.close());

  it('staff see who has not returned and remind them through the outbox', async () => {
    const page = await officer.get('/sufficiency/returns');
    expect(page.body).toContain('Autumn 2026 vacancy returns');
    expect(page.body).toMatch(/id="not-returned-count">2</);
    await officer.post('/sufficiency/returns/reminders');
    const sent = await t.database.db.selectFrom('outbox').select(['to_addresses', 'subject']).where('subject', '=', 'Please send your Autumn 2026 vacancy return').execute();
    expect(sent.map((m) => m.to_addresses).flat().sort()).toEqual(['al@other.example', 'jo@setting.example']);
    expect((await officer.get('/sufficiency/returns')).body).toContain('Reminded 23 November 2026');
  });

  it('the setting sends its return from its page; what it typed survives an error; each return is kept and the next one starts from the last', async () => {
    expect((await setting.get(`/portal/${urn}`)).body).toContain('Send your Autumn 2026 vacancy return');
    const bad = await setting.post(`/portal/${urn}/vacancy-return`, answers({ 'vacancies-two': '20' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Vacancies for 2 year olds cannot be more than the places (16)');
    expect(bad.body).toContain('value="51"');
    expect((await setting.post(`/portal/${urn}/vacancy-return`, answers())).status).toBe(303);
    t.clock.advanceMinutes(10);
    await setting.post(`/portal/${urn}/vacancy-return`, answers({ 'vacancies-two': '1' }));
    expect(await t.database.db.selectFrom('sufficiency_vacancy_returns').select('id').where('urn', '=', urn).execute()).toHaveLength(2);
    expect((await setting.get(`/portal/${urn}/vacancy-return`)).body).toMatch(/name="vacancies-two" type="text" spellcheck="false" value="1"|id="vacancies-two" name="vacancies-two"[^>]*value="1"/);
    const staff = await officer.get('/sufficiency/returns');
    expect(staff.body).toMatch(/id="not-returned-count">1</);
    expect(staff.body).toContain('Returned 23 November 2026');
    // the latest return counts: 0 + 1 + 4 + 0 vacancies
    expect(staff.body).toMatch(/Returned 23 November 2026<\/strong><\/td>\s*<td[^>]*>5<\/td>/);
    expect((await setting.get(`/portal/${otherUrn}/vacancy-return`)).status).toBe(404);
  });
});
