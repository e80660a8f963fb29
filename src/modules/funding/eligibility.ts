import { addDays } from '../../platform/dates.js';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, FundingEligibilityTable } from '../../db/types.js';
import { decisionsFor, effectiveAt, factsFor, type DecisionRow } from './repository.js';
import { fundingRulesSchema, kentDefaults, type Eligibility, type FundingFacts, type FundingRules } from './rules.js';

/*
 * The eligibility in force, materialised as a timeline per provider (ADR 0020). What is in force on
 * a date (the latest confirmed decision effective by then, else the rules of that day applied to the
 * facts known by then) can only change on a date something happened: a registration, a status
 * change, an inspection, an enforcement event, a pathway decision, a decision taking effect or a new
 * version of the rules. So evaluating `effectiveAt` on each of those dates gives the whole timeline,
 * and merging equal neighbours leaves a few periods per provider.
 */

const BEGINNING = '0001-01-01';

export interface RulesVersion {
  /** the London date it was saved: it applies from then */
  from: string;
  rules: FundingRules;
}

export interface Period {
  from: string;
  to: string | null;
  eligibility: Eligibility;
  decisionId: string | null;
}

/** The rules in force on a date: the latest version saved by then, else Kent's defaults (as `rulesFor` with a date). */
export function rulesAt(versions: readonly RulesVersion[], date: string): FundingRules {
  let rules = kentDefaults;
  for (const v of versions) if (v.from <= date) rules = v.rules;
  return rules;
}

/** A provider's eligibility in force over time, as periods [from, to). */
export function eligibilityTimeline(facts: FundingFacts, decisions: DecisionRow[] | undefined, versions: readonly RulesVersion[], urn?: string): Period[] {
  const dates = new Set<string>([BEGINNING]);
  const add = (d: string | null | undefined) => {
    if (d) dates.add(d);
  };
  add(facts.statusDate);
  add(facts.registrationDate);
  for (const i of facts.inspections) add(i.date);
  for (const e of facts.enforcement) add(e.date);
  for (const p of facts.pathway) add(p.date);
  for (const d of decisions ?? []) add(d.effective_from);
  for (const v of versions) add(v.from);
  // the LA's record of insufficient accessible good provision starts and ends an FF2 exception (ADR 0019)
  for (const v of versions) for (const r of v.rules.insufficientProvision ?? []) if (r.urn === urn) { add(r.recordedOn); add(addDays(r.reviewBy, 1)); }
  const periods: Period[] = [];
  for (const date of [...dates].sort()) {
    const { eligibility, decisionId } = effectiveAt(decisions, facts, rulesAt(versions, date), date, urn);
    const last = periods.at(-1);
    if (last && last.decisionId === decisionId && JSON.stringify(last.eligibility) === JSON.stringify(eligibility)) continue;
    if (last) last.to = date;
    periods.push({ from: date, to: null, eligibility, decisionId });
  }
  return periods;
}

async function rulesVersions(db: Kysely<DB>, laCodes: string[]): Promise<Map<string, RulesVersion[]>> {
  const byLa = new Map<string, RulesVersion[]>();
  if (!laCodes.length) return byLa;
  const rows = await db
    .selectFrom('funding_rules')
    .select(['la_code', 'rules', sql<string>`((created_at at time zone 'Europe/London')::date)::text`.as('from')])
    .where('la_code', 'in', laCodes)
    .orderBy('la_code')
    .orderBy('version')
    .execute();
  for (const r of rows) byLa.set(r.la_code, [...(byLa.get(r.la_code) ?? []), { from: r.from, rules: fundingRulesSchema.parse(r.rules) }]);
  return byLa;
}

const chunks = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** Recomputes the timelines of one LA's providers (`urns` null: all of them), replacing what was stored. */
async function writeTimelines(db: Kysely<DB>, laCode: string | null, urns: string[] | null): Promise<void> {
  if (urns && !urns.length) return;
  const [facts, decisions] = await Promise.all([factsFor(db, laCode, urns), decisionsFor(db, laCode, urns)]);
  const versions = await rulesVersions(db, [...new Set([...facts.values()].map((f) => f.laCode))]);
  const rows: Insertable<FundingEligibilityTable>[] = [];
  for (const [urn, f] of facts) {
    for (const p of eligibilityTimeline(f, decisions.get(urn), versions.get(f.laCode) ?? [], urn)) {
      const e = p.eligibility;
      rows.push({ urn, la_code: f.laCode, name: f.name, redacted: f.redacted, valid_from: p.from, valid_to: p.to, ff2: e.ff2.status, universal: e.universal.status, extended: e.extended.status, under_threes: e.under_threes.status, eligibility: JSON.stringify(e), decision_id: p.decisionId });
    }
  }
  if (urns) for (const part of chunks(urns, 1000)) await db.deleteFrom('funding_eligibility').where('urn', 'in', part).execute();
  else await db.deleteFrom('funding_eligibility').where('la_code', '=', laCode!).execute();
  for (const part of chunks(rows, 1000)) await db.insertInto('funding_eligibility').values(part).execute();
}

async function inTransaction(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/**
 * Brings an LA's timelines up to date: the whole LA when it has never been computed (or its rules
 * changed), else the providers marked stale since. Without anything to do it costs one indexed
 * query, so every reader calls it first.
 */
export async function ensureEligibility(db: Kysely<DB>, laCode: string, now: Date, options: { onlyIfComputed?: boolean } = {}): Promise<void> {
  const check = await sql<{ ready: boolean; stale: boolean }>`
    select exists (select 1 from funding_eligibility_state where la_code = ${laCode}) as ready,
           exists (select 1 from funding_eligibility_stale where la_code = ${laCode}) as stale`.execute(db);
  const { ready, stale } = check.rows[0]!;
  if (ready ? !stale : options.onlyIfComputed) return;
  await inTransaction(db, async (tx) => {
    // one writer per LA at a time; a second waits, then finds nothing left to do
    await sql`select pg_advisory_xact_lock(hashtext(${`funding_eligibility:${laCode}`}))`.execute(tx);
    // taken before the facts are read: a change committed meanwhile marks its provider again
    const marked = (await tx.deleteFrom('funding_eligibility_stale').where('la_code', '=', laCode).returning('urn').execute()).map((r) => r.urn);
    const state = await tx.selectFrom('funding_eligibility_state').select('la_code').where('la_code', '=', laCode).executeTakeFirst();
    if (state) {
      await writeTimelines(tx, null, marked);
      return;
    }
    if (options.onlyIfComputed) return;
    await writeTimelines(tx, laCode, null);
    // providers that moved away were marked for both LAs: recompute them under the LA they are in now
    const away = marked.length ? (await tx.selectFrom('providers').select('urn').where('urn', 'in', marked).where('la_code', '<>', laCode).execute()).map((r) => r.urn) : [];
    await writeTimelines(tx, null, away);
    await tx.insertInto('funding_eligibility_state').values({ la_code: laCode, refreshed_at: now }).onConflict((oc) => oc.column('la_code').doUpdateSet({ refreshed_at: now })).execute();
  });
}
