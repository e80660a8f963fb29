import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { kentFile } from '../../../test/support/ofsted-files.js';
import type { Database } from '../../db/client.js';
import { TenantDb } from '../../db/tenant.js';
import { FixedClock } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import { runImport } from '../ofsted-import/index.js';
import { currentTemplates } from '../pathways/templates.js';
import { eligibilityTimeline, ensureEligibility, rulesAt, type RulesVersion } from './eligibility.js';
import { decisionsFor, effectiveAt, eligibilityRows, factsFor, rulesFor, saveRules, type DecisionRow } from './repository.js';
import { kentDefaults, streams, type Eligibility, type FundingFacts } from './rules.js';

/*
 * The list of who is eligible reads a materialised timeline (ADR 0020). These tests hold it to what
 * the rules and decisions say when computed directly (`effectiveAt`), day by day for one provider's
 * eventful history, and for every Kent provider on several dates after writes of each kind.
 */

const decision = (id: string, effectiveFrom: string, status: DecisionRow['status'], decided: Eligibility | null): DecisionRow => ({
  id, urn: 'EY1', kind: 'change', status, proposed: decided ?? {}, decided, trigger: 'test', proposed_at: new Date(0), effective_from: effectiveFrom, decided_at: new Date(0), decision_reason: null,
});
const allStatus = (status: 'eligible' | 'not_eligible'): Eligibility => Object.fromEntries(streams.map((s) => [s, { status, reason: `Decided: ${status}` }])) as Eligibility;

describe('eligibility timeline', () => {
  it('gives, on every day, what the rules and decisions in force give for that day', () => {
    const facts: FundingFacts = {
      registrationDate: '2020-01-10', registers: ['EYR', 'CCR'], status: 'Resigned', statusDate: '2025-03-01',
      inspections: [
        { date: '2021-03-01', kind: 'full', overall: 'requires_improvement', reportCard: null, safeguardingMet: null },
        { date: '2023-05-05', kind: 'full', overall: 'good', reportCard: null, safeguardingMet: null },
        { date: '2019-05-05', kind: 'full', overall: 'outstanding', reportCard: null, safeguardingMet: null },
      ],
      enforcement: [{ date: '2024-01-01', type: 'notice_of_intention_to_cancel' }],
      pathway: [{ date: '2021-06-01', type: 'support_declined' }],
    };
    const decisions = [decision('d1', '2022-01-01', 'confirmed', allStatus('eligible')), decision('d2', '2022-09-01', 'proposed', allStatus('not_eligible'))];
    const versions: RulesVersion[] = [{ from: '2020-06-01', rules: { ...kentDefaults, newlyRegisteredFf2: false } }];
    const periods = eligibilityTimeline(facts, decisions, versions);
    expect(periods.length).toBeGreaterThan(4);
    for (let day = '2019-01-01'; day <= '2026-01-01'; day = addDays(day, 1)) {
      const period = periods.find((p) => p.from <= day && (p.to === null || p.to > day))!;
      const direct = effectiveAt(decisions, facts, rulesAt(versions, day), day);
      expect({ day, eligibility: period.eligibility, decisionId: period.decisionId }).toEqual({ day, ...direct });
    }
  });
});

describe('eligibility timeline with an FF2 exception', () => {
  it('follows the LA’s record of insufficient accessible good provision, from the day recorded to its review date (ADR 0019)', () => {
    const facts: FundingFacts = {
      registrationDate: '2020-01-10', registers: ['EYR'], status: 'Active', statusDate: null,
      inspections: [{ date: '2026-03-02', kind: 'full', overall: 'requires_improvement', reportCard: null, safeguardingMet: null }],
      enforcement: [], pathway: [],
    };
    const record = { urn: 'EY1', reason: 'No Good setting with FF2 places within 5 miles', recordedOn: '2026-03-10', reviewBy: '2026-09-10' };
    const versions: RulesVersion[] = [{ from: '2020-01-01', rules: { ...kentDefaults, ff2ContinuesWhereProvisionInsufficient: true, insufficientProvision: [record] } }];
    const periods = eligibilityTimeline(facts, [], versions, 'EY1');
    const on = (day: string) => periods.find((p) => p.from <= day && (p.to === null || p.to > day))!.eligibility.ff2.status;
    expect([on('2026-03-05'), on('2026-03-10'), on('2026-09-10'), on('2026-09-11')]).toEqual(['not_eligible', 'conditional', 'conditional', 'not_eligible']);
  });
});

describe.each(testDatabases())('materialised eligibility on $name', (testDb) => {
  const LA = '886';
  let database: Database;
  let tenant: TenantDb;
  const clock = new FixedClock('2026-11-23T10:00:00Z');

  /** Every provider's row in the list against the rules and decisions computed directly, for each stream. */
  async function expectListMatchesRules(dates: string[]) {
    const db = database.db;
    await ensureEligibility(db, LA, clock.now());
    const [facts, decisions] = await Promise.all([factsFor(db, LA, null), decisionsFor(db, LA, null)]);
    for (const date of dates) {
      const { rules } = await rulesFor(db, LA, date);
      for (const stream of streams) {
        const rows = await eligibilityRows(tenant, { date, stream, status: '', search: '' });
        expect(rows.length).toBe(facts.size);
        for (const row of rows) {
          const direct = effectiveAt(decisions.get(row.urn), facts.get(row.urn)!, rules, date);
          expect({ urn: row.urn, date, status: row.status, reason: row.reason, decided: row.decided }).toEqual({ urn: row.urn, date, status: direct.eligibility[stream].status, reason: direct.eligibility[stream].reason, decided: direct.decisionId !== null });
        }
      }
    }
  }

  beforeAll(async () => {
    database = await testDb.open();
    const user = await createTestUser(database, LA, 'manager');
    tenant = new TenantDb(database.db, { laCode: LA, userId: user.id, role: 'manager' });
    await runImport(database.db, clock, { bytes: Buffer.from(kentFile()), fileName: 'kent.csv', laCode: LA, startedBy: null, asAt: '2021-08-31' });
  });
  afterAll(() => database.close());

  it('after an import, every Kent provider on several dates is what the rules say', async () => {
    await expectListMatchesRules(['2015-06-01', '2026-11-23']);
  });

  it('follows later writes of each kind: an inspection, an enforcement notice, a confirmed decision, a pathway decision, a registration change and new rules', async () => {
    const db = database.db;
    const urns = (await db.selectFrom('providers').select('urn').where('la_code', '=', LA).where(sql<boolean>`'EYR' = any(registers)`).where('status', '=', 'Active').orderBy('urn').limit(5).execute()).map((r) => r.urn);
    const [a, b, c, d, e] = urns as [string, string, string, string, string];
    await tenant.insertInto('inspections', { urn: a, kind: 'full', inspection_date: '2026-10-01', framework: 'EIF', overall: 'inadequate' }).execute();
    await tenant.insertInto('enforcement_events', { urn: b, event_type: 'suspension', event_date: '2026-09-01' }).execute();
    await tenant.insertInto('funding_decisions', { urn: c, kind: 'change', status: 'overridden', proposed: JSON.stringify(allStatus('eligible')), decided: JSON.stringify(allStatus('not_eligible')), trigger: 'test', proposed_at: clock.now(), effective_from: '2026-06-01', decided_at: clock.now() }).execute();
    await tenant.insertInto('inspections', { urn: d, kind: 'full', inspection_date: '2026-07-01', framework: 'EIF', overall: 'requires_improvement' }).execute();
    const template = (await currentTemplates(db, [LA])).get(LA)!.get('requires_improvement')!;
    const pathway = await tenant.insertInto('pathways', { urn: d, kind: 'requires_improvement', status: 'closed', template_id: template.id, started_at: clock.now(), start_reason: 'test' }).returning('id').executeTakeFirstOrThrow();
    await tenant.insertInto('pathway_events', { pathway_id: pathway.id, at: clock.now(), event_type: 'support_declined', summary: 'Declined' }).execute();
    await db.updateTable('providers').set({ registers: ['CCR'] }).where('urn', '=', e).execute();
    await expectListMatchesRules(['2026-08-15', '2027-04-01']);
    const row = async (urn: string) => (await eligibilityRows(tenant, { date: '2026-11-23', stream: 'ff2', status: '', search: urn })).find((r) => r.urn === urn)!;
    for (const urn of [a, b, c, d, e]) expect((await row(urn)).status).toBe('not_eligible');
    await saveRules(tenant, { ...kentDefaults, newlyRegisteredFf2: false }, clock.now());
    await expectListMatchesRules(['2027-04-01']);
  });
});
