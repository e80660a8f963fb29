import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { englandCalendar } from '../../platform/calendar.js';
import { runImport } from '../ofsted-import/index.js';
import { academicYearOf, conversationDue, conversationStatus } from './programme.js';

const KENT = '886';
const calendar = englandCalendar();

describe('the Annual Conversation Programme rules', () => {
  it('"one centrally funded conversation per academic year": the year runs from 1 September to 31 August', () => {
    expect(academicYearOf('2026-08-31')).toBe(2025);
    expect(academicYearOf('2026-09-01')).toBe(2026);
    expect(academicYearOf('2027-03-15')).toBe(2026);
  });
  it('a conversation is due by the end of July, on a working day, and never before today', () => {
    expect(conversationDue(2026, '2026-12-08', calendar)).toBe('2027-07-30'); // 31 July 2027 is a Saturday
    expect(conversationDue(2026, '2027-08-10', calendar)).toBe('2027-08-10');
    expect(conversationDue(2025, '2026-12-08', calendar)).toBeNull();
  });
  it('Leicestershire: "a visit prior to your inspection" falls in the year the window after the last inspection opens, not before', () => {
    const window = (lastInspection: string) => ({ lastInspection, months: 48 });
    expect(conversationDue(2026, '2026-12-08', calendar, window('2021-06-01'))).toBe('2027-07-30');
    expect(conversationDue(2026, '2026-12-08', calendar, window('2023-08-10'))).toBe('2027-08-10');
    expect(conversationDue(2026, '2026-12-08', calendar, window('2024-01-10'))).toBeNull();
  });
  it('held once a visit is done, booked once one is booked, otherwise not yet', () => {
    expect(conversationStatus(['planned', 'done'])).toBe('held');
    expect(conversationStatus(['booked'])).toBe('booked');
    expect(conversationStatus([])).toBe('not_yet');
  });
});

describe.each(testDatabases())('the Annual Conversation Programme on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviser: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp(testDb);
    t.clock.set('2026-12-08T10:00:00Z');
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const user = await createTestUser(t.database, KENT, 'manager', { name: 'Sally Senior' });
    adviser = await createTestUser(t.database, KENT, 'adviser', { name: 'Ada Adviser' });
    sia = new TestClient(t.app);
    await sia.signIn(user.email);
  });
  afterAll(() => t.close());

  it('go-live puts every Good and Outstanding setting in the programme and starts New registration support for settings not yet inspected', async () => {
    expect((await sia.post('/team/start-from-latest-outcomes', {})).status).toBe(303);
    const db = t.database.db;
    const good = await db.selectFrom('providers').select('urn').where('la_code', '=', KENT)
      .where((eb) => eb.exists(eb.selectFrom('inspections as i').select('i.urn').whereRef('i.urn', '=', 'providers.urn').where('i.kind', '=', 'full')
        .where('i.inspection_date', '=', (s) => s.selectFrom('inspections as j').select((x) => x.fn.max('j.inspection_date').as('d')).whereRef('j.urn', '=', 'providers.urn').where('j.kind', '=', 'full'))
        .where('i.overall', 'in', ['good', 'outstanding'])))
      .where((eb) => eb.or([eb('providers.status', 'is', null), eb('providers.status', 'ilike', 'active%')])).execute();
    expect(good.length).toBeGreaterThan(0);
    const programme = await db.selectFrom('pathways').select('urn').where('kind', '=', 'good_or_better').where('status', '=', 'active').execute();
    expect(new Set(programme.map((p) => p.urn))).toEqual(new Set(good.map((g) => g.urn)));
    // one conversation planned this academic year, by the end of July
    const conversations = await db.selectFrom('visits').innerJoin('pathways', 'pathways.id', 'visits.pathway_id').select(['visits.visit_type', 'visits.planned_date']).where('pathways.kind', '=', 'good_or_better').execute();
    expect(conversations).toHaveLength(good.length);
    expect(new Set(conversations.map((c) => `${c.visit_type} ${c.planned_date}`))).toEqual(new Set(['annual_conversation 2027-07-30']));
    // registered settings with no inspection yet get New registration support
    const notInspected = await db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('registration_date', 'is not', null)
      .where((eb) => eb.or([eb('providers.status', 'is', null), eb('providers.status', 'ilike', 'active%')]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('inspections as i').select('i.urn').whereRef('i.urn', '=', 'providers.urn').where('i.kind', '<>', 'registration')))).execute();
    const newRegistrations = await db.selectFrom('pathways').select('urn').where('kind', '=', 'new_registration').execute();
    expect(new Set(newRegistrations.map((p) => p.urn))).toEqual(new Set(notInspected.map((p) => p.urn)));
    // a second press starts nothing more
    const before = Number((await db.selectFrom('pathways').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await sia.post('/team/start-from-latest-outcomes', {});
    expect(Number((await db.selectFrom('pathways').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('the SIA assigns an adviser to every setting of an area; Team and the CSV show held / booked / not yet per adviser', async () => {
    const page = await sia.get('/annual-conversations');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Annual Conversation Programme');
    const area = (await t.database.db.selectFrom('pathways').innerJoin('providers', 'providers.urn', 'pathways.urn').select('providers.constituency').where('pathways.kind', '=', 'good_or_better').where('providers.constituency', 'is not', null).orderBy('providers.constituency').executeTakeFirstOrThrow()).constituency!;
    const inArea = await t.database.db.selectFrom('pathways').innerJoin('providers', 'providers.urn', 'pathways.urn').select(['pathways.id']).where('pathways.kind', '=', 'good_or_better').where('providers.constituency', '=', area).execute();
    const missing = await sia.post('/annual-conversations/assign', { year: '2026', adviserId: adviser.id, area: '' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Select an area, or tick the settings to assign');
    expect((await sia.post('/annual-conversations/assign', { year: '2026', adviserId: adviser.id, area })).status).toBe(303);
    // one conversation is held (its note of visit sent), one booked
    const visits = await t.database.db.selectFrom('visits').select('id').where('pathway_id', 'in', inArea.map((p) => p.id)).orderBy('id').execute();
    expect(visits.length).toBe(inArea.length);
    await t.database.db.updateTable('visits').set({ status: 'done', done_on: '2026-12-07' }).where('id', '=', visits[0]!.id).execute();
    if (visits[1]) await t.database.db.updateTable('visits').set({ status: 'booked', booked_for: new Date('2027-01-12T10:00:00Z') }).where('id', '=', visits[1].id).execute();
    const booked = visits[1] ? 1 : 0;
    const team = await sia.get('/team');
    const cells = (n: number) => `<td class="govuk-table__cell govuk-table__cell--numeric">${n}</td>`;
    expect(team.body).toContain('Annual Conversation Programme 2026 to 2027');
    expect(team.body).toContain(`<td class="govuk-table__cell">Ada Adviser</td>${cells(0)}${cells(inArea.length)}${cells(1)}${cells(booked)}${cells(inArea.length - 1 - booked)}`);
    const csv = await sia.get('/annual-conversations.csv?year=2026');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split(/\r?\n/)[0]).toBe('Academic year,URN,Setting,Area,Adviser,Conversation,By,Booked for or held on');
    expect(csv.body).toContain(`${area},Ada Adviser,Held,2027-07-30,2026-12-07`);
  });

  it('the programme recurs: next academic year each setting gets a new conversation, for its adviser', async () => {
    t.clock.set('2027-09-06T09:00:00Z');
    await sia.signIn((await t.database.db.selectFrom('users').select('email').where('name', '=', 'Sally Senior').executeTakeFirstOrThrow()).email);
    const page = await sia.get('/annual-conversations?year=2027');
    expect(page.status).toBe(200);
    const next = await t.database.db.selectFrom('visits').innerJoin('pathways', 'pathways.id', 'visits.pathway_id').select(['visits.adviser_id', 'visits.planned_date']).where('pathways.kind', '=', 'good_or_better').where('visits.planned_date', '>=', '2027-09-01').execute();
    const inProgramme = await t.database.db.selectFrom('pathways').select('adviser_id').where('kind', '=', 'good_or_better').where('status', '=', 'active').execute();
    expect(next).toHaveLength(inProgramme.length);
    expect(new Set(next.map((v) => v.planned_date))).toEqual(new Set(['2028-07-31']));
    expect(next.filter((v) => v.adviser_id === adviser.id).length).toBe(inProgramme.filter((p) => p.adviser_id === adviser.id).length);
    expect(page.body).toContain('2027 to 2028');
  });
});
