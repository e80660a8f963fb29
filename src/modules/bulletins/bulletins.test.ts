import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, startTestApp, type TestApp } from '../../../test/support/app.js';
import { TestClient } from '../../../test/support/client.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import { runImport } from '../ofsted-import/index.js';
import { claimDue, queueBatch, sendDueUpdates } from './send.js';

const KENT = '886';
const PRESCHOOL = 'Childcare on non-domestic premises';

/*
 * Provider updates: an update for pre-schools in two wards, scheduled, reaches each address once
 * (a contact address shared by two settings and a portal user who is also a contact included), a
 * crash part-way through resumes without sending twice, the unsubscribe link stops updates but not
 * other e-mail, and the setting reads it in the portal's archive.
 */
describe.each(testDatabases())('provider updates on $name', (testDb) => {
  let t: TestApp;
  let staff: TestClient;
  let setting: TestClient;
  let wards: string[];
  let chosen: { urn: string }[];
  let outsider: string;
  const base = () => t.config.publicBaseUrl;
  const mailsOf = async (title: string) => (await t.database.db.selectFrom('outbox').select(['to_addresses', 'text_body', 'html_body']).where('subject', '=', title).execute()).map((m) => ({ to: m.to_addresses[0]!, text: m.text_body, html: m.html_body }));

  beforeAll(async () => {
    t = await startTestApp(testDb);
    await runImport(t.database.db, t.clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: KENT, startedBy: null, asAt: '2021-08-31' });
    const db = t.database.db;
    // Ofsted's 2021 file has no wards: give eight pre-schools one each, six of them in the two wards chosen
    wards = ['Bower Mount', 'Park Wood'];
    const preschools = await db.selectFrom('providers').select('urn').where('provider_type', '=', PRESCHOOL).where('status', '=', 'Active').orderBy('urn').limit(8).execute();
    for (const [i, p] of preschools.entries()) await db.updateTable('providers').set({ ward: i < 3 ? 'Bower Mount' : i < 6 ? 'park wood' : 'Shepway North', contact_email: i >= 6 ? `other${i}@example.org` : null }).where('urn', '=', p.urn).execute();
    chosen = preschools.slice(0, 6);
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    // every setting its own address, except the first two, which share one
    for (const [i, p] of chosen.entries()) await db.updateTable('providers').set({ contact_email: i < 2 ? 'Shared@Example.org' : `${p.urn.toLowerCase()}@example.org` }).where('urn', '=', p.urn).execute();
    outsider = (await db.selectFrom('providers').select('urn').where('provider_type', '<>', PRESCHOOL).where('status', '=', 'Active').orderBy('urn').executeTakeFirstOrThrow()).urn;
    await db.updateTable('providers').set({ contact_email: 'outsider@example.org' }).where('urn', '=', outsider).execute();
    // a portal user of the third setting, whose address is also the first two's contact address, and one of the first
    const jo = await createTestUser(t.database, KENT, 'provider', { email: 'jo@example.org' });
    const same = await createTestUser(t.database, KENT, 'provider', { email: 'shared@example.org' });
    await db.insertInto('provider_users').values([{ la_code: KENT, user_id: jo.id, urn: chosen[0]!.urn, created_at: t.clock.now() }, { la_code: KENT, user_id: same.id, urn: chosen[2 % chosen.length]!.urn, created_at: t.clock.now() }]).execute();
    const officer = await createTestUser(t.database, KENT, 'officer');
    staff = new TestClient(t.app);
    await staff.signIn(officer.email);
    setting = new TestClient(t.app);
    await setting.signIn(jo.email);
  });
  afterAll(() => t.close());

  const expected = () => [...new Set([...chosen.map((p, i) => (i < 2 ? 'shared@example.org' : `${p.urn.toLowerCase()}@example.org`)), 'jo@example.org'])].sort();

  it('staff write an update for pre-schools in two wards, preview it and schedule it; it arrives once per address at its time', async () => {
    const bad = await staff.post('/updates', { title: '', body: 'x' });
    expect(bad.body).toContain('Enter the title');
    const drafted = await staff.post('/updates', { title: 'Funding headcount', body: '# Headcount\nIt opens on 1 December.\n\nSee [the funding pages](https://example.gov.uk/funding). <script>alert(1)</script>', providerTypes: PRESCHOOL, wards: wards.join(', ') });
    expect(drafted.status).toBe(303);
    const preview = await staff.get(drafted.location!);
    expect(preview.body).toContain(`${PRESCHOOL}, in ${wards.join(' or ')}`);
    expect(preview.body).toContain(`${chosen.length} settings, ${expected().length} e-mail addresses`);
    expect(preview.body).toContain('<a href="https://example.gov.uk/funding">the funding pages</a>');
    expect(preview.body).not.toContain('<script>alert');
    const past = await staff.post(`${drafted.location!}/send`, { when: 'later', 'date-day': '23', 'date-month': '11', 'date-year': '2026', time: '08:00', repeat: 'none' });
    expect(past.body).toContain('The time to send it must be in the future');
    expect((await staff.post(`${drafted.location!}/send`, { when: 'later', 'date-day': '24', 'date-month': '11', 'date-year': '2026', time: '08:00', repeat: 'weekly' })).status).toBe(303);
    expect((await staff.get('/updates')).body).toContain('Update scheduled for 24 November 2026 at 8:00am (every week)');
    expect(await sendDueUpdates(t.database.db, t.clock.now(), base())).toEqual({ updates: 0, queued: 0 }); // not yet
    const due = new Date('2026-11-24T08:00:00Z');
    expect(await sendDueUpdates(t.database.db, due, base())).toEqual({ updates: 1, queued: expected().length });
    expect(await sendDueUpdates(t.database.db, due, base())).toEqual({ updates: 0, queued: 0 });
    const mails = await mailsOf('Funding headcount');
    expect(mails.map((m) => m.to).sort()).toEqual(expected());
    expect(mails.map((m) => m.to)).not.toContain('outsider@example.org');
    expect(mails[0]!.html).toContain('<h2>Headcount</h2>');
    expect(mails[0]!.html).not.toContain('<script>alert');
    // the weekly series has its next update scheduled
    const next = await t.database.db.selectFrom('bulletins').select(['status', 'send_at']).where('title', '=', 'Funding headcount').where('status', '=', 'scheduled').executeTakeFirstOrThrow();
    expect(next.send_at).toEqual(new Date('2026-12-01T08:00:00Z'));
  });

  it('a send stopped part-way carries on where it stopped and sends nobody a second copy', async () => {
    const db = t.database.db;
    const id = (await db.insertInto('bulletins').values({ la_code: KENT, title: 'Network meeting', body: 'Come along.', audience: JSON.stringify({ providerTypes: [PRESCHOOL], registers: [], wards, pathway: '', urns: [] }), status: 'scheduled', send_at: new Date('2026-11-24T09:00:00Z'), created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow()).id;
    // the first run writes the addresses and queues one batch of two, then the process stops
    expect(await claimDue(db, new Date('2026-11-24T09:00:00Z'), id)).toBe(true);
    const b = await db.selectFrom('bulletins').select(['id', 'la_code', 'title', 'body']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(await queueBatch(db, b, 'Kent', base(), t.clock.now(), 2)).toBe(2);
    // the next run (the job, a minute later) carries on
    expect(await sendDueUpdates(db, new Date('2026-11-24T09:01:00Z'), base())).toEqual({ updates: 1, queued: expected().length - 2 });
    expect(await sendDueUpdates(db, new Date('2026-11-24T09:02:00Z'), base())).toEqual({ updates: 0, queued: 0 });
    const mails = await mailsOf('Network meeting');
    expect(mails.map((m) => m.to).sort()).toEqual(expected());
    // queuing the same addresses again finds nothing left to queue
    expect(await queueBatch(db, b, 'Kent', base(), t.clock.now())).toBe(0);
  });

  it('the unsubscribe link stops provider updates for that address only, never other e-mail', async () => {
    const mail = (await mailsOf('Funding headcount')).find((m) => m.to === 'jo@example.org')!;
    const link = new URL(/https?:\/\/\S+\/updates\/unsubscribe\/\w+/.exec(mail.text)![0]).pathname;
    const visitor = new TestClient(t.app);
    expect((await visitor.get(link)).body).toContain('jo@example.org will stop getting provider updates');
    expect((await visitor.post(link)).status).toBe(303);
    expect((await visitor.get(link)).body).toContain('jo@example.org will not get provider updates any more');
    expect((await visitor.get('/updates/unsubscribe/not-a-real-token-0123456789abcdef0123')).status).toBe(404);
    const drafted = await staff.post('/updates', { title: 'Second update', body: 'More news.', providerTypes: PRESCHOOL, wards: wards.join(', ') });
    await staff.post(`${drafted.location!}/send`, { when: 'now', repeat: 'none' });
    const mails = await mailsOf('Second update');
    expect(mails.map((m) => m.to).sort()).toEqual(expected().filter((e) => e !== 'jo@example.org'));
  });

  it('the setting reads every update in the portal’s archive', async () => {
    const portal = await setting.get(`/portal/${chosen[0]!.urn}`);
    expect(portal.body).toContain('Funding headcount');
    const archive = await setting.get(`/portal/${chosen[0]!.urn}/updates`);
    const id = /\/updates\/([0-9a-f-]{36})"/.exec(archive.body)![1]!;
    const page = await setting.get(`/portal/${chosen[0]!.urn}/updates/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect((await setting.get('/updates')).status).toBe(403);
  });
});
