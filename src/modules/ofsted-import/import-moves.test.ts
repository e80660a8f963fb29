import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { TenantDb } from '../../db/tenant.js';
import { FixedClock } from '../../platform/clock.js';
import { editedCsv, sharedFile } from '../../../test/support/ofsted-files.js';
import { testDatabases } from '../../../test/support/databases.js';
import { listChanges, movesOf } from './repository.js';
import { summaryLines } from './summary.js';
import { runImport, type ImportRequest } from './service.js';

/*
 * Providers and local authorities (issue 17.1, ADR 0013): an LA's upload touches only its own
 * providers and new ones; a provider moves only through the national data, as a change both
 * authorities see, and its casework is handed over, never carried across or lost.
 */

const FILE = 'ofsted_providers_2021-08-31_sample.csv';
const KENT = '886';
const RUTLAND = '857';
const LEICS = '855';

describe.each(testDatabases())('providers and local authorities on $name', (testDb) => {
  let database: Database;
  const clock = new FixedClock('2026-11-23T10:00:00Z');
  const original = sharedFile(FILE).toString('utf8');
  let rutland: string[] = [];
  const request = (bytes: Buffer, fileName: string, extra: Partial<ImportRequest> = {}): ImportRequest => ({ bytes, fileName, laCode: null, startedBy: null, ...extra });
  const tenant = (laCode: string) => new TenantDb(database.db, { laCode, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });

  beforeAll(async () => {
    database = await testDb.open();
    expect((await runImport(database.db, clock, request(sharedFile(FILE), FILE))).status).toBe('succeeded');
    rutland = (await database.db.selectFrom('providers').select('urn').where('la_code', '=', RUTLAND).orderBy('urn').execute()).map((p) => p.urn);
    expect(rutland.length).toBe(40);
  });
  afterAll(() => database.close());

  const rutlandState = async () => ({
    providers: await database.db.selectFrom('providers').selectAll().where('urn', 'in', rutland).orderBy('urn').execute(),
    inspections: await database.db.selectFrom('inspections').select(['urn', 'la_code', 'kind', 'inspection_date', 'overall']).where('urn', 'in', rutland).orderBy('urn').orderBy('inspection_date').execute(),
    changes: await database.db.selectFrom('ofsted_changes').select(['id']).where((eb) => eb.or([eb('la_code', '=', RUTLAND), eb('urn', 'in', rutland)])).execute(),
  });

  it('a Kent upload holding two of Rutland’s URNs with "Local authority" set to Kent changes nothing of Rutland’s; the rows are rejected with the reason', async () => {
    const before = await rutlandState();
    const [a, b] = rutland as [string, string];
    const csv = editedCsv(original, (row) => {
      if (row['Provider URN'] === a || row['Provider URN'] === b) Object.assign(row, { 'Local authority': 'Kent', 'Provider name': 'Taken Over Nursery', 'Most recent full: Inspection date': '01/09/2021', 'Most recent full: Overall effectiveness': '4' });
      if (row['Provider URN'] === 'EY485159') row['Provider name'] = 'Greenview Nursery (Kent upload)';
    }, [{ 'Provider URN': 'EY990001', 'Provider type': 'Childminder', 'Provider status': 'Active', 'Provider name': 'REDACTED', 'Local authority': 'Kent', 'Registration date': '01/09/2026' }]);
    const summary = await runImport(database.db, clock, request(csv, 'kent_2021-09-30.csv', { laCode: KENT }));
    expect(summary.status).toBe('succeeded');
    expect(summary.rejected).toBe(2);
    expect(await rutlandState()).toEqual(before);
    const rejections = await database.db.selectFrom('import_rejections').select(['row_number', 'urn', 'la_code', 'reason']).where('import_id', '=', summary.importId).orderBy('urn').execute();
    const lines = csv.toString('utf8').split('\r\n');
    expect(rejections.map((r) => r.urn)).toEqual([a, b].sort());
    for (const r of rejections) {
      expect(r.la_code).toBe(KENT);
      expect(lines[r.row_number - 1]).toContain(`"${r.urn}"`);
      expect(r.reason).toBe(`URN ${r.urn} is a provider of Rutland in EY Hub, not of Kent: this row was not imported and nothing of Rutland's was changed. A provider moves to another local authority only through Ofsted's national data.`);
    }
    // Kent's own row and its new provider went in
    const kent = await database.db.selectFrom('providers').select(['urn', 'la_code', 'name']).where('urn', 'in', ['EY485159', 'EY990001']).orderBy('urn').execute();
    expect(kent).toEqual([
      { urn: 'EY485159', la_code: KENT, name: 'Greenview Nursery (Kent upload)' },
      { urn: 'EY990001', la_code: KENT, name: null },
    ]);
  });

  it('an LA extract (XML) uploaded by Kent holding a Rutland URN changes nothing of Rutland’s either', async () => {
    const before = await rutlandState();
    const xml = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><OfstedChildcareRegisterLocalAuthorityExtract xmlns="http://www.ofsted.gov.uk/Childcare/Registration/LocalAuthority">` +
        `<Extract><ExtractDateTime>2026-10-01T05:30:00</ExtractDateTime><LocalAuthority><LocalAuthorityCode>${KENT}</LocalAuthorityCode></LocalAuthority></Extract>` +
        `<Registration><ReferenceNumber>${rutland[2]!}</ReferenceNumber><ProvisionType>CCN</ProvisionType><Setting><SettingName>Taken Over</SettingName></Setting>` +
        `<RegistrationStatus>ACTV</RegistrationStatus><RegistrationDate>2019-01-07</RegistrationDate></Registration></OfstedChildcareRegisterLocalAuthorityExtract>`,
    );
    const summary = await runImport(database.db, clock, request(xml, 'kent.xml', { laCode: KENT }));
    expect(summary).toMatchObject({ status: 'succeeded', rejected: 1 });
    expect(await rutlandState()).toEqual(before);
  });

  it('the national data moves providers (one with a running pathway) to another LA: one reviewable move, seen by both LAs; the pathway is closed and both LAs have a task', async () => {
    const [withPathway, second, third] = rutland.filter((u) => u.startsWith('EY')) as [string, string, string];
    // a Requires improvement outcome starts a pathway in Rutland
    const ri = editedCsv(original, (row) => {
      if (row['Provider URN'] === withPathway) Object.assign(row, { 'Most recent full: Inspection date': '10/10/2021', 'Most recent full: Overall effectiveness': '3', 'Most recent full: Inspection number': '10300001' });
    });
    expect((await runImport(database.db, clock, request(ri, 'national_2021-10-31.csv'))).status).toBe('succeeded');
    const pathway = await database.db.selectFrom('pathways').select(['id', 'la_code', 'status']).where('urn', '=', withPathway).executeTakeFirstOrThrow();
    expect(pathway).toMatchObject({ la_code: RUTLAND, status: 'active' });

    // a reorganisation: three of Rutland's settings are now Leicestershire's
    const moved = editedCsv(original, (row) => {
      if (row['Provider URN'] === withPathway) Object.assign(row, { 'Most recent full: Inspection date': '10/10/2021', 'Most recent full: Overall effectiveness': '3', 'Most recent full: Inspection number': '10300001' });
      if ([withPathway, second, third].includes(row['Provider URN']!)) row['Local authority'] = 'Leicestershire';
    });
    const summary = await runImport(database.db, clock, request(moved, 'national_2021-11-30.csv'));
    expect(summary.status).toBe('succeeded');
    expect(summary.movedCount).toBe(3);
    const held = await database.db.selectFrom('providers').select(['urn', 'la_code']).where('urn', 'in', [withPathway, second, third]).execute();
    expect(held.every((p) => p.la_code === LEICS)).toBe(true);
    const inspections = await database.db.selectFrom('inspections').select('la_code').where('urn', '=', withPathway).execute();
    expect(inspections.every((i) => i.la_code === LEICS)).toBe(true);

    // one reviewable event, for each side
    expect(await movesOf(tenant(RUTLAND), summary.importId)).toEqual([{ from: 'Rutland', to: 'Leicestershire', direction: 'left', count: 3 }]);
    expect(await movesOf(tenant(LEICS), summary.importId)).toEqual([{ from: 'Rutland', to: 'Leicestershire', direction: 'joined', count: 3 }]);
    expect(summaryLines(0, await movesOf(tenant(RUTLAND), summary.importId))).toEqual(['3 settings moved from Rutland to Leicestershire']);
    const counts = await database.db.selectFrom('import_la_counts').select(['la_code', 'moved_in_count', 'moved_out_count']).where('import_id', '=', summary.importId).where('la_code', 'in', [RUTLAND, LEICS]).orderBy('la_code').execute();
    expect(counts).toEqual([
      { la_code: LEICS, moved_in_count: 3, moved_out_count: 0 },
      { la_code: RUTLAND, moved_in_count: 0, moved_out_count: 3 },
    ]);

    // Rutland still sees that they left, though it no longer holds them; Leicestershire sees them arrive
    for (const la of [RUTLAND, LEICS]) {
      const { rows } = await listChanges(tenant(la), { type: 'moved_la' }, 50, 0);
      expect(rows.map((c) => c.urn).sort(), la).toEqual([withPathway, second, third].sort());
      expect(rows.every((c) => c.from_value === RUTLAND && c.to_value === LEICS)).toBe(true);
    }

    // the casework: closed with the reason by Rutland, a task for each LA; nothing of Rutland's carried across
    const after = await database.db.selectFrom('pathways').select(['la_code', 'status', 'close_outcome']).where('id', '=', pathway.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ la_code: RUTLAND, status: 'closed', close_outcome: 'Moved to another local authority (Leicestershire)' });
    const tasks = await database.db.selectFrom('tasks').select(['la_code', 'rule_key', 'title']).where('urn', '=', withPathway).where('rule_key', 'like', 'move:%').orderBy('la_code').execute();
    expect(tasks).toEqual([
      { la_code: LEICS, rule_key: 'move:arrived', title: 'Arrived from Rutland, where it had a support pathway: decide what support it needs.' },
      { la_code: RUTLAND, rule_key: 'move:left', title: 'The setting moved to Leicestershire: its support pathway was closed. Tell the setting.' },
    ]);
    const open = await database.db.selectFrom('tasks').select('id').where('pathway_id', '=', pathway.id).where('done_at', 'is', null).where('cancelled_at', 'is', null).execute();
    expect(open).toEqual([]);
    const noCasework = await database.db.selectFrom('tasks').select('id').where('urn', 'in', [second, third]).where('rule_key', 'like', 'move:%').execute();
    expect(noCasework).toEqual([]); // a move without running casework is the change record alone

    // the same file again: nothing moves twice
    const again = await runImport(database.db, clock, request(moved, 'national_2021-11-30.csv'));
    expect(again.movedCount).toBe(0);
  });
});
