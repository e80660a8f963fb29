import { sql, type Kysely } from 'kysely';
import { formatDate, londonDate } from '../../platform/dates.js';
import type { TenantDb } from '../../db/tenant.js';
import { escapeLike } from '../audit-log/index.js';
import type { DB, StreamStatuses } from '../../db/types.js';
import { saveNextVersion } from '../../platform/edit-conflict.js';
import { defaultPolicy } from './policy.js';
import { defaultRules, eligibility, fundingRulesSchema, type Eligibility, type FundingFacts, type FundingRules } from './rules.js';

/** A saved version; one saved before LAs had their own policy words quotes the LA's default ones. */
function stored(json: unknown, laCode: string): FundingRules {
  const rules = fundingRulesSchema.parse(json);
  return rules.policy ? rules : { ...rules, policy: defaultPolicy(laCode) };
}

/**
 * The LA's funding rules (the LA's defaults until an admin saves a version: ./policy.ts): the
 * current version, or with `asAt` the version in force that day (so a past date's eligibility does
 * not change when the rules change later).
 */
export async function rulesFor(db: Kysely<DB>, laCode: string, asAt?: string): Promise<{ rules: FundingRules; version: number }> {
  let q = db.selectFrom('funding_rules').select(['rules', 'version']).where('la_code', '=', laCode);
  if (asAt) q = q.where(sql<boolean>`(created_at at time zone 'Europe/London')::date <= ${asAt}::date`);
  const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? { rules: stored(row.rules, laCode), version: row.version } : { rules: defaultRules(laCode), version: 0 };
}

/** Current rules for several LAs at once (the engine's job across LAs). */
export async function rulesForMany(db: Kysely<DB>, laCodes: string[]): Promise<Map<string, FundingRules>> {
  const result = new Map<string, FundingRules>(laCodes.map((la) => [la, defaultRules(la)]));
  if (!laCodes.length) return result;
  const rows = await db.selectFrom('funding_rules').select(['la_code', 'rules', 'version']).where('la_code', 'in', laCodes).orderBy('la_code').orderBy('version').execute();
  for (const r of rows) result.set(r.la_code, stored(r.rules, r.la_code)); // the highest version wins
  return result;
}

export async function saveRules(tenant: TenantDb, rules: FundingRules, now: Date): Promise<number> {
  return saveNextVersion('these funding rules', () => tenant.transaction(async (tx) => {
    const last = await tx.selectFrom('funding_rules').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await tx.insertInto('funding_rules', { version, rules: JSON.stringify(rules), created_by: tx.scope.userId, created_at: now }).execute();
    return version;
  }), { again: 'save yours again if it is still needed' });
}

const chunks = <T>(items: T[], size = 1000) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** The dated facts the rules need, for one LA's providers (all of them when `urns` is null). */
export type ProviderFacts = FundingFacts & { laCode: string; name: string | null; redacted: boolean };

/**
 * The dated facts the rules need, for one LA's providers (all of them when `urns` is null). The
 * funding engine, a job across LAs, passes `laCode` null with the URNs its changes name.
 */
export async function factsFor(db: Kysely<DB>, laCode: string | null, urns: string[] | null): Promise<Map<string, ProviderFacts>> {
  if (laCode === null && urns === null) throw new Error('factsFor needs an LA or a list of providers');
  const facts = new Map<string, ProviderFacts>();
  for (const part of urns ? chunks(urns) : [null]) {
    if (part && part.length === 0) continue;
    let providers = db.selectFrom('providers').select(['urn', 'la_code', 'name', 'redacted', 'registration_date', 'registers', 'status', 'status_date']);
    let inspections = db.selectFrom('inspections').select(['urn', 'inspection_date', 'kind', 'overall', 'report_card', 'safeguarding_effective', 'ccr_requirements', 'vcr_requirements']);
    let enforcement = db.selectFrom('enforcement_events').select(['urn', 'event_date', 'event_type']);
    let pathway = db.selectFrom('pathway_events').innerJoin('pathways', 'pathways.id', 'pathway_events.pathway_id').select(['pathways.urn', 'pathway_events.at', 'pathway_events.event_type']).where('pathway_events.event_type', 'in', ['insufficient_improvement', 'support_declined', 'not_engaging']);
    if (laCode !== null) {
      providers = providers.where('la_code', '=', laCode);
      inspections = inspections.where('la_code', '=', laCode);
      enforcement = enforcement.where('la_code', '=', laCode);
      pathway = pathway.where('pathway_events.la_code', '=', laCode);
    }
    if (part) {
      providers = providers.where('urn', 'in', part);
      inspections = inspections.where('urn', 'in', part);
      enforcement = enforcement.where('urn', 'in', part);
      pathway = pathway.where('pathways.urn', 'in', part);
    }
    for (const p of await providers.execute()) facts.set(p.urn, { laCode: p.la_code, name: p.name, redacted: p.redacted, registrationDate: p.registration_date, registers: p.registers, status: p.status, statusDate: p.status_date, inspections: [], enforcement: [], pathway: [] });
    for (const i of await inspections.execute()) facts.get(i.urn)?.inspections.push({ date: i.inspection_date, kind: i.kind, overall: i.overall, reportCard: (i.report_card as Record<string, string> | null) ?? null, safeguardingMet: i.safeguarding_effective, requirements: [i.ccr_requirements, i.vcr_requirements] });
    for (const e of await enforcement.execute()) facts.get(e.urn)?.enforcement.push({ date: e.event_date, type: e.event_type });
    for (const e of await pathway.execute()) facts.get(e.urn)?.pathway.push({ date: londonDay(e.at), type: e.event_type as FundingFacts['pathway'][number]['type'] });
  }
  return facts;
}

const londonDay = (d: Date) => londonDate(d);

export interface DecisionRow {
  id: string;
  urn: string;
  kind: 'baseline' | 'change';
  status: 'proposed' | 'confirmed' | 'overridden' | 'superseded';
  proposed: StreamStatuses;
  decided: StreamStatuses | null;
  trigger: string;
  proposed_at: Date;
  effective_from: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** Decisions for these providers, oldest first. */
export async function decisionsFor(db: Kysely<DB>, laCode: string | null, urns: string[] | null): Promise<Map<string, DecisionRow[]>> {
  const byUrn = new Map<string, DecisionRow[]>();
  for (const part of urns ? chunks(urns) : [null]) {
    if (part && part.length === 0) continue;
    let q = db.selectFrom('funding_decisions').select(['id', 'urn', 'kind', 'status', 'proposed', 'decided', 'trigger', 'proposed_at', 'effective_from', 'decided_at', 'decision_reason']);
    if (laCode !== null) q = q.where('la_code', '=', laCode);
    if (part) q = q.where('urn', 'in', part);
    for (const d of await q.orderBy('effective_from').orderBy('decided_at').orderBy('proposed_at').execute()) byUrn.set(d.urn, [...(byUrn.get(d.urn) ?? []), d]);
  }
  return byUrn;
}

/**
 * Eligibility in force on `date`: the latest confirmed (or overridden) decision effective by then;
 * with none, what the rules say about the facts as they were on that date.
 */
export function effectiveAt(decisions: DecisionRow[] | undefined, facts: FundingFacts, rules: FundingRules, date: string, urn?: string): { eligibility: Eligibility; decisionId: string | null } {
  const decided = (decisions ?? []).filter((d) => (d.status === 'confirmed' || d.status === 'overridden') && d.effective_from !== null && d.effective_from <= date && d.decided).at(-1);
  if (decided) return { eligibility: decided.decided as Eligibility, decisionId: decided.id };
  return { eligibility: eligibility(facts, rules, date, urn), decisionId: null };
}

/** Decisions made, for the provider's timeline. */
export async function fundingTimeline(tenant: TenantDb, urn: string): Promise<{ at: Date; summary: string }[]> {
  const rows = await tenant.selectFrom('funding_decisions').select(['decided_at', 'effective_from', 'decided', 'status']).where('urn', '=', urn).where('kind', '=', 'change').where('status', 'in', ['confirmed', 'overridden']).execute();
  return rows.map((r) => ({
    at: r.decided_at ?? new Date(0),
    summary: `Funding decision${r.status === 'overridden' ? ' (decided differently from the rules)' : ''}: FF2 ${r.decided?.ff2?.status === 'not_eligible' ? 'not eligible' : 'eligible'} from ${formatDate(r.effective_from)}`,
  }));
}

export interface EligibilityQuery {
  date: string;
  stream: 'ff2' | 'universal' | 'extended' | 'under_threes';
  /** funded: eligible or conditional */
  status: '' | 'funded' | 'not_eligible';
  search: string;
}

/** The LA's providers' eligibility in force on a date, from the materialised timelines (ADR 0020). */
function inForce(tenant: TenantDb, q: EligibilityQuery) {
  return tenant
    .selectFrom('funding_eligibility')
    .where('funding_eligibility.valid_from', '<=', q.date)
    .where((eb) => eb.or([eb('funding_eligibility.valid_to', 'is', null), eb('funding_eligibility.valid_to', '>', q.date)]));
}

/** The list's filter (status and search) as one condition, for the rows and for the filtered count. */
function listFilter(q: EligibilityQuery) {
  const status = sql.ref(`funding_eligibility.${q.stream}`);
  const parts = [sql`true`];
  if (q.status === 'funded') parts.push(sql`${status} <> 'not_eligible'`);
  if (q.status === 'not_eligible') parts.push(sql`${status} = 'not_eligible'`);
  const needle = q.search.toLowerCase();
  if (needle) parts.push(sql`(lower(funding_eligibility.urn) = ${needle} or (not funding_eligibility.redacted and funding_eligibility.name ilike ${`%${escapeLike(needle)}%`}))`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

function listRows(tenant: TenantDb, q: EligibilityQuery) {
  return inForce(tenant, q)
    .select([
      'funding_eligibility.urn',
      'funding_eligibility.name',
      'funding_eligibility.redacted',
      sql<'eligible' | 'conditional' | 'not_eligible'>`${sql.ref(`funding_eligibility.${q.stream}`)}`.as('status'),
      sql<string>`funding_eligibility.eligibility -> ${q.stream} ->> 'reason'`.as('reason'),
      sql<boolean>`funding_eligibility.decision_id is not null`.as('decided'),
      sql<boolean>`exists (select 1 from funding_decisions d where d.urn = funding_eligibility.urn and d.status = 'proposed')`.as('pending'),
    ])
    .where(listFilter(q))
    .orderBy(sql`coalesce(funding_eligibility.name, '')`)
    .orderBy('funding_eligibility.urn');
}

/** One page of the list with its counts: every provider, those funded, those the filter keeps. */
export async function eligibilityPage(tenant: TenantDb, q: EligibilityQuery, limit: number, offset: number) {
  const status = sql.ref(`funding_eligibility.${q.stream}`);
  const [rows, counts] = await Promise.all([
    listRows(tenant, q).limit(limit).offset(offset).execute(),
    inForce(tenant, q)
      .select([
        sql<number>`count(*)::int`.as('providers'),
        sql<number>`(count(*) filter (where ${status} <> 'not_eligible'))::int`.as('funded'),
        sql<number>`(count(*) filter (where ${listFilter(q)}))::int`.as('filtered'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, ...counts };
}

/** Every row the filter keeps (the CSV). */
export function eligibilityRows(tenant: TenantDb, q: EligibilityQuery) {
  return listRows(tenant, q).execute();
}
