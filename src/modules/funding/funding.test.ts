import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { TestSmtpServer } from '../../../test/support/smtp.js';
import { runImport } from '../ofsted-import/index.js';
import { deliverDue } from '../outbox/index.js';

const KENT = '886';

describe.each(testDatabases())('funding eligibility on $name', (testDb) => {
  let t: TestApp;
  let sia: TestClient;
  let adviser: TestClient;
  let smtp: TestSmtpServer;
  const urnOf = async (name: string) => (await t.database.db.selectFrom('providers').select('urn').where('name', '=', name).executeTakeFirstOrThrow()).urn;
  const pending = (urn: string) => t.database.db.selectFrom('funding_decisions').select(['id', 'proposed', 'trigger']).where('urn', '=', urn).where('status', '=', 'proposed').execute();
  const ff2On = async (client: TestClient, urn: string, date: string) => {
    const [y, m, d] = date.split('-');
    const csv = (await client.get(`/funding.csv?date-day=${d}&date-month=${m}&date-year=${y}&stream=ff2`)).body;
    return csv.split('\n').find((line) => line.startsWith(urn))?.split(',')[4];
  };

  beforeAll(async () => {
    t = await startTestApp(testDb);
    smtp = new TestSmtpServer();
    await smtp.start();
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    sia = new TestClient(t.app);
    await sia.signIn((await createTestUser(t.database, KENT, 'manager', { name: 'Sally Senior', email: 'sally@kent.example' })).email);
    adviser = new TestClient(t.app);
    await adviser.signIn((await createTestUser(t.database, KENT, 'adviser')).email);
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  it('an Inadequate outcome proposes withdrawal; nothing changes until a manager confirms; then a letter goes and FF2 is "not eligible" from that date', async () => {
    const urn = await urnOf('Greenview Nursery');
    await t.database.db.updateTable('providers').set({ contact_email: 'office@greenview.example' }).where('urn', '=', urn).execute();
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'good', 'date-day': '1', 'date-month': '3', 'date-year': '2024' });
    expect(await ff2On(adviser, urn, '2026-11-20')).toBe('Eligible');
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'inadequate', 'date-day': '20', 'date-month': '11', 'date-year': '2026' });
    const [proposal] = await pending(urn);
    expect(proposal!.trigger).toContain('New inspection outcome');
    expect(await ff2On(adviser, urn, '2026-11-23')).toBe('Eligible'); // in force until confirmed
    const work = await sia.get('/my-work');
    expect(work.body).toContain(`<a class="govuk-link" href="/funding/decisions/${proposal!.id}">Confirm funding decision</a>`);
    const page = await sia.get(`/funding/decisions/${proposal!.id}`);
    expect(page.body).toContain('will withdraw funding for any subsequent early learning places for two, three and four year olds');
    expect((await adviser.post(`/funding/decisions/${proposal!.id}`, { decision: 'confirm' })).status).toBe(403);
    const missing = await sia.post(`/funding/decisions/${proposal!.id}`, { 'date-day': '24', 'date-month': '11', 'date-year': '2026' });
    expect(missing.body).toContain('Choose whether to confirm the proposed decision or decide differently');
    await sia.post(`/funding/decisions/${proposal!.id}`, { decision: 'confirm', 'date-day': '24', 'date-month': '11', 'date-year': '2026' });
    expect(await ff2On(adviser, urn, '2026-11-23')).toBe('Eligible');
    expect(await ff2On(adviser, urn, '2026-11-24')).toBe('Not eligible');
    expect(await ff2On(adviser, urn, '2027-04-01')).toBe('Not eligible');
    expect(await t.database.db.selectFrom('tasks').select('done_at').where('rule_key', '=', `rule:funding:${proposal!.id}`).executeTakeFirstOrThrow()).toMatchObject({ done_at: expect.any(Date) });
    expect(await deliverDue(t.database.db, smtp.transport(), 'eyhub@kent.example', t.clock)).toMatchObject({ failed: 0 });
    const letter = smtp.received.find((m) => m.subject === 'Early education funding decision: Greenview Nursery')!;
    expect(letter.to).toMatchObject({ text: 'office@greenview.example' });
    expect(letter.text).toContain('- Funded places for two-year-olds (FF2): Not eligible');
    expect(letter.attachments[0]!.contentType).toBe('application/pdf');
    expect((await sia.get(`/funding/decisions/${proposal!.id}/letter.pdf`)).body.startsWith('%PDF-')).toBe(true);
    expect((await adviser.get(`/providers/${urn}/funding`)).body).toContain('Starting point');
    expect((await adviser.get(`/providers/${urn}`)).body).toContain('Funding decision: FF2 not eligible from 24 November 2026');
  });

  it('a manager can decide differently from the rules, with a reason', async () => {
    const urn = await urnOf('Young Risers Preschool');
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '18', 'date-month': '11', 'date-year': '2026' });
    const [proposal] = await pending(urn);
    expect(proposal!.proposed).toMatchObject({ ff2: { status: 'not_eligible' }, universal: { status: 'conditional' } });
    const noReason = await sia.post(`/funding/decisions/${proposal!.id}`, { decision: 'override', 'status-ff2': 'eligible', 'status-universal': 'eligible', 'status-extended': 'eligible', 'status-under_threes': 'eligible', 'date-day': '23', 'date-month': '11', 'date-year': '2026' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Give the reason for deciding differently from the rules');
    await sia.post(`/funding/decisions/${proposal!.id}`, { decision: 'override', 'status-ff2': 'eligible', 'status-universal': 'eligible', 'status-extended': 'eligible', 'status-under_threes': 'eligible', reason: 'Two funded children mid-placement; review in spring', 'date-day': '23', 'date-month': '11', 'date-year': '2026' });
    expect(await ff2On(adviser, urn, '2026-11-23')).toBe('Eligible');
    const decided = await t.database.db.selectFrom('funding_decisions').select(['status', 'decision_reason']).where('id', '=', proposal!.id).executeTakeFirstOrThrow();
    expect(decided).toEqual({ status: 'overridden', decision_reason: 'Two funded children mid-placement; review in spring' });
  });

  it('Ofsted’s notice of intention to cancel after a Good grade proposes withdrawal; declining support on Requires improvement does too', async () => {
    const rows = await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('status', '=', 'Active').where('name', 'not in', ['Greenview Nursery', 'Young Risers Preschool']).orderBy('urn').limit(2).execute();
    const [good, ri] = rows.map((r) => r.urn) as [string, string];
    await sia.post(`/providers/${good}/inspections`, { kind: 'full', overall: 'good', 'date-day': '1', 'date-month': '6', 'date-year': '2025' });
    await sia.post(`/providers/${good}/enforcement`, { eventType: 'notice_of_intention_to_cancel', 'date-day': '19', 'date-month': '11', 'date-year': '2026' });
    const [notice] = await pending(good);
    expect(notice!.proposed).toMatchObject({ ff2: { status: 'not_eligible' }, universal: { status: 'not_eligible' } });
    await sia.post(`/providers/${ri}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '10', 'date-month': '11', 'date-year': '2026' });
    const [riProposal] = await pending(ri);
    await sia.post(`/funding/decisions/${riProposal!.id}`, { decision: 'confirm', 'date-day': '23', 'date-month': '11', 'date-year': '2026' });
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', ri).where('status', '<>', 'closed').executeTakeFirstOrThrow();
    await sia.post(`/pathways/${pathway.id}/close`, { outcome: 'support_declined', details: 'The owner does not want support' });
    const [declined] = await pending(ri);
    expect(declined?.trigger).toContain('Support declined');
    expect(declined!.proposed).toMatchObject({ universal: { status: 'not_eligible', reason: expect.stringContaining('Continued disengagement') } });
  });

  it('closing a Requires-improvement pathway because the setting did not engage proposes withdrawal too', async () => {
    const urn = (await t.database.db.selectFrom('providers').select('urn').where('la_code', '=', KENT).where('status', '=', 'Active').where(sql<boolean>`'EYR' = any(registers)`).orderBy('urn', 'desc').limit(1).executeTakeFirstOrThrow()).urn;
    await sia.post(`/providers/${urn}/inspections`, { kind: 'full', overall: 'requires_improvement', 'date-day': '10', 'date-month': '11', 'date-year': '2026' });
    const [first] = await pending(urn);
    await sia.post(`/funding/decisions/${first!.id}`, { decision: 'confirm', 'date-day': '23', 'date-month': '11', 'date-year': '2026' });
    const pathway = await t.database.db.selectFrom('pathways').select('id').where('urn', '=', urn).where('status', '<>', 'closed').executeTakeFirstOrThrow();
    await sia.post(`/pathways/${pathway.id}/close`, { outcome: 'not_engaging', details: 'No reply to three visit requests' });
    const [proposal] = await pending(urn);
    expect(proposal!.trigger).toContain('The setting did not engage');
    expect(proposal!.proposed).toMatchObject({ universal: { status: 'not_eligible', reason: expect.stringContaining('The setting did not engage with support') } });
  });

  it('the list answers "who is eligible for FF2 on a date", filters and exports; the rules page is for managers', async () => {
    const list = await adviser.get('/funding?date-day=1&date-month=4&date-year=2027&stream=ff2&status=not_eligible&q=Greenview');
    expect(list.body).toContain('Greenview Nursery');
    const eligible = await adviser.get('/funding?date-day=1&date-month=4&date-year=2027&stream=ff2&status=not_eligible&q=Young+Risers');
    expect(eligible.body).not.toContain('Young Risers Preschool');
    // a setting on the Childcare Register only is never funded for early education, and the list says why
    const ccrOnly = await adviser.get('/funding?date-day=1&date-month=4&date-year=2027&stream=ff2&status=not_eligible');
    expect(ccrOnly.body).toContain('Not on the Early Years Register');
    const bad = await adviser.get('/funding?date-day=31&date-month=2&date-year=2027');
    expect(bad.body).toContain('The date must be a real date');
    expect((await adviser.get('/funding/rules')).status).toBe(403);
    // a link is offered only to those who may open it
    expect(ccrOnly.body).not.toContain('href="/funding/rules"');
    expect((await sia.get('/funding')).body).toContain('href="/funding/rules"');
    const invalid = await sia.post('/funding/rules', { reportCardLowestArea: 'expected_standard', childRecordRetentionYears: '0' });
    expect(invalid.body).toContain('Enter the number of years to keep child records, from 1 to 20');
    await sia.post('/funding/rules', { reportCardLowestArea: 'strong_standard', reportCardSafeguardingMet: 'yes', withdrawOnSafeguardingNotMet: 'yes', withdrawOnUrgentImprovementIn: ['leadership_and_governance'], newlyRegisteredFf2: 'no', newlyRegisteredThreeFour: 'yes', newlyRegisteredUnderThrees: 'yes', childRecordRetentionYears: '6' });
    expect((await sia.get('/funding/rules')).body).toContain('Version 1');
  });
});
