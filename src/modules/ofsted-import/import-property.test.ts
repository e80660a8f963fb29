import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { FixedClock } from '../../platform/clock.js';
import { openPGliteTestDatabase } from '../../../test/support/databases.js';
import { loadLocalAuthorityData } from '../local-authorities/index.js';
import { prepareOfstedFile } from './read.js';
import { FileRejectedError } from './records.js';
import { runImport } from './service.js';

const las = loadLocalAuthorityData().map((l) => ({ la_code: l.laCode, name: l.name, ofsted_names: l.ofstedNames }));
const HEADER = 'Provider URN,Provider type,Provider status,Provider name,Local authority,Registration date,Most recent full: Inspection date,Most recent full: Overall effectiveness';

const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '-', 'REDACTED', 'Kent', 'Rutland', 'Not Recorded', '2', '7', '31/02/2026', '01/01/2020', 'EY123456', '"', '""', '\u00a0', ',', '\r', 'Good'),
);
const row = fc.array(cell, { minLength: 0, maxLength: 10 }).map((cells) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));

const xmlText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Ofsted's LA extract, with registrations from a small pool of URNs (so some repeat) and odd values. */
const registration = fc
  .record({
    // {n} is made new for each run: repeats within a file, not providers held from earlier runs
    urn: fc.constantFrom('EY{n}1', 'EY{n}2', '{n}3', '', 'not a urn'),
    type: fc.constantFrom('CMR', 'CCN', 'RPP', 'XYZ', ''),
    status: fc.constantFrom('ACTV', 'RESG', 'CANC', 'SUSP', 'PROP', '??'),
    registered: fc.constantFrom('2012-03-16', '2026-02-31', '', 'yesterday'),
    inspected: fc.constantFrom('2020-01-01', '2019-13-01', ''),
    judgement: fc.constantFrom('Good', 'Inadequate 1', 'Met', 'Not Met (with actions)', '', '-', 'Nonsense'),
    name: fc.string({ maxLength: 10 }),
  })
  .map(
    (r) =>
      `<Registration><ReferenceNumber>${r.urn}</ReferenceNumber><ProvisionType>${r.type}</ProvisionType>` +
      `<Setting><SettingName>${xmlText(r.name)}</SettingName></Setting><RegistrationStatus>${r.status}</RegistrationStatus>` +
      `<RegistrationDate>${r.registered}</RegistrationDate>` +
      `<InspectionList><Inspection><InspectionType>Inspection (Early Years Register)</InspectionType><InspectionDate>${r.inspected}</InspectionDate>` +
      `<InspectionOverallJudgement>${r.judgement}</InspectionOverallJudgement></Inspection></InspectionList></Registration>`,
  );
const extract = fc
  .array(registration, { minLength: 1, maxLength: 8 })
  .map(
    (regs) =>
      `<?xml version="1.0" encoding="UTF-8"?><OfstedChildcareRegisterLocalAuthorityExtract xmlns="http://www.ofsted.gov.uk/Childcare/Registration/LocalAuthority">` +
      `<Extract><ExtractDateTime>2026-11-01T05:30:00</ExtractDateTime><LocalAuthority><LocalAuthorityCode>825</LocalAuthorityCode></LocalAuthority></Extract>${regs.join('')}</OfstedChildcareRegisterLocalAuthorityExtract>`,
  );

describe('the importer never crashes or half-applies on malformed input', () => {
  it('preparing: every input either yields a file to stage or are rejected whole with a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.array(row, { maxLength: 20 }).map((rows) => new TextEncoder().encode([HEADER, ...rows].join('\n')))), (bytes) => {
        try {
          const prepared = prepareOfstedFile(bytes, 'fuzz.csv', las);
          if (prepared.kind === 'csv') expect(prepared.plan.map.index.urn).toBeGreaterThanOrEqual(0);
          else for (const p of prepared.read.providers) expect(p.la_code).toMatch(/^\d{3}$/);
        } catch (error) {
          if (!(error instanceof FileRejectedError)) throw error;
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  describe('saving', () => {
    let database: Database;
    beforeAll(async () => {
      database = await openPGliteTestDatabase();
    });
    afterAll(() => database.close());

    it('every import either succeeds with a consistent register or is rejected/failed and changes nothing', async () => {
      const clock = new FixedClock('2026-11-23T10:00:00Z');
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 15 }), async (rows) => {
          const before = await database.db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          const bytes = new TextEncoder().encode([HEADER, ...rows].join('\n'));
          const summary = await runImport(database.db, clock, { bytes, fileName: 'fuzz.csv', laCode: null, startedBy: null });
          const after = await database.db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(summary.status).not.toBe('failed'); // a bad file is rejected with a reason, never a crash
          if (summary.status !== 'succeeded') expect(Number(after.n)).toBe(Number(before.n));
          else expect(Number(after.n)).toBe(Number(before.n) + summary.newCount);
          const orphans = await database.db
            .selectFrom('inspections')
            .leftJoin('providers', 'providers.urn', 'inspections.urn')
            .select('inspections.id')
            .where('providers.urn', 'is', null)
            .execute();
          expect(orphans).toHaveLength(0);
        }),
        { numRuns: 25 },
      );
    });

    it('an LA extract with repeated, unknown or impossible registrations is imported or rejected, never failed', async () => {
      let runs = 0;
      const clock = new FixedClock('2026-11-23T10:00:00Z');
      await fc.assert(
        fc.asyncProperty(extract, async (template) => {
          const xml = template.replaceAll('{n}', String(++runs).padStart(5, '0'));
          const before = await database.db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          const summary = await runImport(database.db, clock, { bytes: new TextEncoder().encode(xml), fileName: 'fuzz.xml', laCode: null, startedBy: null });
          const after = await database.db.selectFrom('providers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(summary.error ?? '').not.toMatch(/failed/);
          expect(summary.status).not.toBe('failed');
          if (summary.status !== 'succeeded') expect(Number(after.n)).toBe(Number(before.n));
          else expect(Number(after.n)).toBe(Number(before.n) + summary.newCount);
        }),
        { numRuns: 25 },
      );
    });
  });
});
