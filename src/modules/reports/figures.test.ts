import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { seedReportFixture, type ReportFixture } from '../../../test/support/report-fixture.js';
import type { Database } from '../../db/client.js';
import { TenantDb } from '../../db/tenant.js';
import { englandCalendar } from '../../platform/calendar.js';
import { addDays, londonDate } from '../../platform/dates.js';
import { reportFigures, type FigurePeriod } from '../../platform/report-figures.js';
import { customPeriod, periodFromKey, previousPeriod, quarterOf } from './periods.js';
import { buildReport } from './service.js';

/*
 * Each figure is counted here from the fixture's own arrays (JavaScript, not the figures' SQL) and
 * compared with what the registered figure computes. Another authority's fixture sits in the same
 * database and must change nothing.
 */

const LA = '886';
const OTHER = '855';
const NOW = new Date('2026-12-07T12:00:00Z');
const PERIOD: FigurePeriod = { from: '2026-04-01', to: '2026-10-01', now: NOW };
const GOOD = ['outstanding', 'good'];
const GRADED = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'satisfactory'];
const pct = (n: number, d: number) => (d ? Math.round((n * 1000) / d) / 10 : null);
const inPeriod = (date: string | null, p = PERIOD) => date !== null && date >= p.from && date < p.to;

describe.each(testDatabases())('report figures on $name', (testDb) => {
  let database: Database;
  let fx: ReportFixture;
  let tenant: TenantDb;
  const figure = (key: string) => {
    const f = reportFigures.list().find((x) => x.key === key);
    if (!f) throw new Error(`${key} is not registered`);
    return f;
  };

  /** Each counted provider's latest full inspection before `to`. */
  const latestFull = (to: string) => fx.providers
    .filter((p) => ['Active', 'Active - Suspended'].includes(p.status) && p.registers.includes('EYR'))
    .map((p) => ({ p, i: fx.inspections.filter((i) => i.urn === p.urn && i.kind === 'full' && i.date < to).sort((a, b) => b.date.localeCompare(a.date))[0] }))
    .filter((x) => x.i);

  beforeAll(async () => {
    database = await testDb.open();
    const advisers = [await createTestUser(database, LA, 'adviser', { name: 'Ann Adviser' }), await createTestUser(database, LA, 'adviser', { name: 'Bob Adviser' })];
    fx = await seedReportFixture(database.db, LA, 7, advisers);
    await seedReportFixture(database.db, OTHER, 9, [await createTestUser(database, OTHER, 'adviser')]);
    tenant = new TenantDb(database.db, { laCode: LA, userId: advisers[0]!.id, role: 'manager' });
  });
  afterAll(async () => database.close());

  it('quality of provision: judged providers, % Good or Outstanding by type and register, report cards, the quarterly trend', async () => {
    const judged = latestFull(PERIOD.to).filter((x) => GRADED.includes(x.i!.overall ?? ''));
    const inspected = await figure('providers.inspected').compute(tenant, PERIOD);
    expect(inspected.value).toBe(judged.length);
    expect(judged.length).toBeGreaterThan(5);

    const good = judged.filter((x) => GOOD.includes(x.i!.overall!));
    const result = await figure('providers.good-or-better').compute(tenant, PERIOD);
    expect([result.numerator, result.denominator, result.value]).toEqual([good.length, judged.length, pct(good.length, judged.length)]);
    const nonDomestic = judged.filter((x) => x.p.type === 'Childcare on non-domestic premises');
    expect(result.rows!.find((r) => r.label === 'Childcare on non-domestic premises')!.values).toEqual([nonDomestic.length, nonDomestic.filter((x) => GOOD.includes(x.i!.overall!)).length, pct(nonDomestic.filter((x) => GOOD.includes(x.i!.overall!)).length, nonDomestic.length)]);
    const withCcr = judged.filter((x) => x.p.registers.includes('CCR'));
    expect(result.rows!.find((r) => r.label === 'Early Years and Childcare Registers')!.values[0]).toBe(withCcr.length);
    expect(await figure('providers.good-or-better').providers!(tenant, PERIOD)).toEqual(good.map((x) => x.p.urn).sort());

    const now = { ...PERIOD, to: '2027-01-01' };
    const cards = latestFull(now.to).filter((x) => x.i!.reportCard);
    const ok = cards.filter((x) => x.i!.safeguarding === true && !Object.values(x.i!.reportCard!).some((v) => ['needs_attention', 'urgent_improvement'].includes(v)));
    const rc = await figure('providers.report-card').compute(tenant, now);
    expect([rc.numerator, rc.denominator]).toEqual([ok.length, cards.length]);

    const trend = await figure('providers.good-trend').compute(tenant, PERIOD);
    expect(trend.rows).toHaveLength(8);
    const before = (to: string) => latestFull(to).filter((x) => GRADED.includes(x.i!.overall ?? ''));
    expect(trend.rows![0]!.values).toEqual([before('2024-10-01').length, before('2024-10-01').filter((x) => GOOD.includes(x.i!.overall!)).length, pct(before('2024-10-01').filter((x) => GOOD.includes(x.i!.overall!)).length, before('2024-10-01').length)]);
    expect(trend.value).toBe(result.value);
  });

  it('outcomes after support: RI and Inadequate settings inspected again, the share that became Good, the median days; new registrations', async () => {
    const wide: FigurePeriod = { from: '2024-01-01', to: '2027-01-01', now: NOW };
    const supported = new Map<string, { started: string; kind: string; date: string; overall: string | null }>();
    for (const p of fx.pathways.filter((x) => x.kind !== 'new_registration').sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
      const started = londonDate(p.startedAt);
      const next = fx.inspections.filter((i) => i.urn === p.urn && i.kind === 'full' && i.date > started).sort((a, b) => a.date.localeCompare(b.date))[0];
      const key = `${p.urn}/${next?.date}`;
      if (next && !supported.has(key)) supported.set(key, { started, kind: p.kind, date: next.date, overall: next.overall });
    }
    const counted = [...supported.values()].filter((s) => inPeriod(s.date, wide));
    const became = counted.filter((s) => GOOD.includes(s.overall ?? ''));
    const result = await figure('pathways.became-good').compute(tenant, wide);
    expect([result.numerator, result.denominator]).toEqual([became.length, counted.length]);
    expect(became.length).toBeGreaterThan(0);
    const days = became.map((s) => (Date.parse(s.date) - Date.parse(s.started)) / 86_400_000).sort((a, b) => a - b);
    const median = days.length ? (days.length % 2 ? days[(days.length - 1) / 2]! : (days[days.length / 2 - 1]! + days[days.length / 2]!) / 2) : null;
    expect((await figure('pathways.days-to-good').compute(tenant, wide)).value).toBe(median === null ? null : Math.round(median));

    const firsts = fx.pathways.filter((p) => p.kind === 'new_registration').map((p) => fx.inspections.filter((i) => i.urn === p.urn && i.kind === 'full').sort((a, b) => a.date.localeCompare(b.date))[0]).filter((i) => i && inPeriod(i.date, wide));
    const nr = await figure('pathways.new-registrations').compute(tenant, wide);
    expect([nr.numerator, nr.denominator]).toEqual([firsts.filter((i) => GOOD.includes(i!.overall ?? '')).length, firsts.length]);
  });

  it('SLA: pathway steps due in the period on time, late and overdue, by step and by the person they fall to', async () => {
    const cutoff = new Date(Math.min(NOW.getTime(), Date.parse('2026-10-01T00:00:00+01:00')));
    const due = fx.tasks.filter((t) => inPeriod(t.dueDate));
    const state = (t: (typeof due)[number]) => (t.doneAt ? (t.doneAt <= t.dueAt ? 'on_time' : 'late') : t.dueAt < cutoff ? 'overdue' : 'not_due');
    const result = await figure('pathways.sla').compute(tenant, PERIOD);
    const onTime = due.filter((t) => state(t) === 'on_time').length;
    const counted = due.filter((t) => state(t) !== 'not_due').length;
    expect([result.numerator, result.denominator]).toEqual([onTime, counted]);
    expect(onTime * (counted - onTime)).toBeGreaterThan(0);
    const contact = due.filter((t) => t.step === 'first_contact');
    expect(result.rows!.find((r) => r.label === 'First contact with the setting')!.values.slice(0, 3)).toEqual(['on_time', 'late', 'overdue'].map((s) => contact.filter((t) => state(t) === s).length));
    const ann = fx.advisers[0]!;
    const byOwner = await figure('pathways.sla-by-owner').compute(tenant, PERIOD);
    expect(byOwner.rows!.find((r) => r.label === ann.name)!.values[0]).toBe(due.filter((t) => t.ownerId === ann.id && state(t) === 'on_time').length);
    expect(await figure('pathways.sla').providers!(tenant, PERIOD, 'step:first_contact')).toEqual([...new Set(contact.filter((t) => ['late', 'overdue'].includes(state(t))).map((t) => t.urn))].sort());
  });

  it('activity: visits planned, held and cancelled by whom; notes sent and on time; caseload per adviser at the end of the period', async () => {
    const visits = await figure('pathways.visits').compute(tenant, PERIOD);
    const v = fx.visits;
    expect(visits.rows!.map((r) => r.values[0])).toEqual([
      v.filter((x) => x.status !== 'withdrawn' && inPeriod(x.plannedDate)).length,
      v.filter((x) => x.status === 'done' && inPeriod(x.doneOn)).length,
      v.filter((x) => x.cancelledBy === 'setting' && inPeriod(x.cancelledOn)).length,
      v.filter((x) => x.cancelledBy === 'la' && inPeriod(x.cancelledOn)).length,
    ]);
    expect(visits.value).toBe(v.filter((x) => x.status === 'done' && inPeriod(x.doneOn)).length);

    expect((await figure('notes.sent').compute(tenant, PERIOD)).value).toBe(v.filter((x) => x.noteSentAt && inPeriod(londonDate(x.noteSentAt))).length);
    const calendar = englandCalendar();
    const tenth = (d: string) => { let day = d; for (let left = 10; left > 0; ) { day = addDays(day, 1); if (calendar.isWorkingDay(day)) left--; } return day; };
    const held = v.filter((x) => x.status === 'done' && inPeriod(x.doneOn));
    const onTime = held.filter((x) => x.noteSentAt && londonDate(x.noteSentAt) <= tenth(x.doneOn!)).length;
    const late = held.filter((x) => x.noteSentAt && londonDate(x.noteSentAt) > tenth(x.doneOn!)).length;
    const overdue = held.filter((x) => !x.noteSentAt && tenth(x.doneOn!) < '2026-10-01').length;
    expect(onTime * late * overdue).toBeGreaterThan(0);
    expect((await figure('notes.sent-on-time').compute(tenant, PERIOD)).rows!.map((r) => r.values[0])).toEqual([onTime, late, overdue]);

    const end = new Date('2026-09-30T23:00:00Z'); // 1 October 2026, 00:00 in London
    const running = fx.pathways.filter((p) => p.startedAt < end && (!p.closedAt || p.closedAt >= end));
    const caseload = await figure('pathways.caseload').compute(tenant, PERIOD);
    expect(caseload.value).toBe(running.length);
    for (const a of fx.advisers) expect(caseload.rows!.find((r) => r.label === a.name)?.values[0] ?? 0).toBe(running.filter((p) => p.adviserId === a.id).length);
  });

  it('the report has every figure for the period and the one before, with the change; other figures count nothing from another authority', async () => {
    const q = quarterOf('2026-08-15');
    const report = await buildReport(tenant, q, NOW);
    expect(report.previous.label).toBe('Q1 2026-27 (April to June 2026)');
    const all = report.sections.flatMap((s) => s.figures);
    expect(all.map((c) => c.figure.key)).toEqual(reportFigures.keys());
    const good = all.find((c) => c.figure.key === 'providers.good-or-better')!;
    expect(good.change).toBe(Math.round(((good.current.value ?? 0) - (good.previous.value ?? 0)) * 10) / 10);
    const other = new TenantDb(database.db, { laCode: '999', userId: tenant.scope.userId, role: 'manager' });
    for (const c of (await buildReport(other, q, NOW)).sections.flatMap((s) => s.figures)) expect(c.current.value ?? 0, c.figure.key).toBe(0);
  });
});

describe('report periods', () => {
  it('financial quarters (April to June is Q1), years, custom dates and the period before each', () => {
    expect(quarterOf('2027-02-10')).toMatchObject({ key: 'q-2027-01', from: '2027-01-01', to: '2027-04-01', label: 'Q4 2026-27 (January to March 2027)' });
    expect(previousPeriod(quarterOf('2027-02-10')).label).toBe('Q3 2026-27 (October to December 2026)');
    expect(periodFromKey('fy-2026')).toMatchObject({ from: '2026-04-01', to: '2027-04-01' });
    expect(previousPeriod(periodFromKey('ay-2026')!)).toMatchObject({ from: '2025-09-01', to: '2026-09-01' });
    const c = customPeriod('2026-11-01', '2026-11-10');
    expect(c.to).toBe('2026-11-11');
    expect(previousPeriod(c)).toMatchObject({ from: '2026-10-22', to: '2026-11-01' });
    expect(periodFromKey(c.key)).toEqual(c);
    expect(periodFromKey('q-2026-02')).toBeNull();
    expect(periodFromKey('nonsense')).toBeNull();
  });
});
