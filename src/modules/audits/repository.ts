import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { NotFoundError } from '../../platform/errors.js';
import { NOT_APPLICABLE, templateSchema, yesNoPoints, type AuditTemplate } from './definition.js';
import type { Answers } from './scoring.js';

export interface LoadedAudit {
  id: string;
  urn: string;
  provider_name: string | null;
  redacted: boolean;
  template_id: string;
  template_key: string;
  template_version: number;
  template: AuditTemplate;
  visit_id: string | null;
  kind: 'staff' | 'self';
  status: 'draft' | 'completed';
  answers: Answers;
  started_by_name: string | null;
  started_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  shared_at: Date | null;
  reviewed_at: Date | null;
  review_comment: string | null;
}

const columns = [
  'audits.id', 'audits.urn', 'audits.template_id', 'audits.template_key', 'audits.visit_id', 'audits.kind', 'audits.status', 'audits.answers', 'audits.started_at', 'audits.updated_at',
  'audits.completed_at', 'audits.shared_at', 'audits.reviewed_at', 'audits.review_comment', 'providers.name as provider_name', 'providers.redacted', 'audit_templates.version as template_version',
  'audit_templates.definition', 'users.name as started_by_name',
] as const;

function base(tenant: TenantDb) {
  return tenant
    .selectFrom('audits')
    .innerJoin('providers', 'providers.urn', 'audits.urn')
    .innerJoin('audit_templates', 'audit_templates.id', 'audits.template_id')
    .leftJoin('users', 'users.id', 'audits.started_by');
}

function load(row: { definition: unknown } & Omit<LoadedAudit, 'template'>): LoadedAudit {
  const { definition, ...rest } = row;
  return { ...rest, template: templateSchema.parse(definition) };
}

/** An audit of the LA; with `urn`, only if it belongs to that provider (the portal's check). */
export async function getAudit(tenant: TenantDb, id: string, urn?: string): Promise<LoadedAudit> {
  let q = base(tenant).select([...columns]).where('audits.id', '=', id);
  if (urn) q = q.where('audits.urn', '=', urn);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError();
  return load(row as Parameters<typeof load>[0]);
}

/** A provider's audits, newest first. The portal passes `forSetting`: its own self-assessments and the audits staff shared. */
export async function auditsFor(tenant: TenantDb, urn: string, forSetting = false): Promise<LoadedAudit[]> {
  let q = base(tenant).select([...columns]).where('audits.urn', '=', urn);
  if (forSetting) q = q.where((eb) => eb.or([eb('audits.kind', '=', 'self'), eb('audits.shared_at', 'is not', null)]));
  const rows = await q.orderBy('audits.started_at', 'desc').execute();
  return rows.map((r) => load(r as Parameters<typeof load>[0]));
}

/** Completed audits of one template for a provider, oldest first (the trend). */
export async function completedOf(tenant: TenantDb, urn: string, key: string, kind: 'staff' | 'self' = 'staff'): Promise<LoadedAudit[]> {
  const rows = await base(tenant).select([...columns]).where('audits.urn', '=', urn).where('audits.template_key', '=', key).where('audits.kind', '=', kind).where('audits.status', '=', 'completed').orderBy('audits.completed_at').execute();
  return rows.map((r) => load(r as Parameters<typeof load>[0]));
}

/** One section's spread across providers: how many providers' scores fall in each band, and their mean. */
export interface SectionSpread {
  key: string;
  /** providers per band: below 25 %, 25-49 %, 50-74 %, 75 % or more */
  counts: [number, number, number, number];
  total: number;
  mean: number | null;
}

/*
 * The LA's spread of section scores over the latest completed staff audit of each provider,
 * computed by the database (ADR 0020): the items of each audit's own template version are expanded
 * from its JSON once per version, an answer's position on its scale gives the item's 0-100 score (as `itemPercent`),
 * a section's score is the mean of its answered items (as `sectionScores`), and the bands and means
 * are aggregates. Only counts leave the database; `distribution` in presenters.ts is the same
 * arithmetic in TypeScript, and a test holds the two equal.
 */
/** The spread's SQL (bench/explain.ts prints its plan). */
export function sectionSpreadQuery(laCode: string, key: string) {
  return sql<{ providers: number; section_key: string | null; b0: number; b1: number; b2: number; b3: number; total: number; mean: string | null }>`
    with latest as (
      select distinct on (a.urn) a.id, a.answers, a.template_id
        from audits a
       where a.la_code = ${laCode} and a.template_key = ${key} and a.kind = 'staff' and a.status = 'completed'
       order by a.urn, a.completed_at desc
    ), templates as (
      select t.id, t.definition from audit_templates t where t.id in (select template_id from latest)
    ), points as materialized (
      -- each template version's scored items once: every point of the item's scale with its 0-1000 score
      select t.id as template_id, s.value->>'key' as section_key, i.value->>'key' as item_key, p.point->>'value' as value,
             round((p.ord - 1) * 1000.0 / (jsonb_array_length(pts.points) - 1)) as permille
        from templates t
        cross join lateral jsonb_array_elements(t.definition->'sections') s
        cross join lateral jsonb_array_elements(s.value->'items') i
        cross join lateral (
          select case when i.value->>'response' = 'yes_no' then ${JSON.stringify(yesNoPoints)}::jsonb
                      else (select sc->'points' from jsonb_array_elements(t.definition->'scales') sc where sc->>'key' = i.value->>'scale' limit 1) end as points
        ) pts
        cross join lateral jsonb_array_elements(pts.points) with ordinality p(point, ord)
       where i.value->>'response' in ('rating', 'yes_no') and p.point->>'value' <> ${NOT_APPLICABLE}
    ), items as (
      -- each audit's answers joined to the points of its own template version (unknown values find none)
      select l.id, pt.section_key, pt.permille
        from latest l
        cross join lateral jsonb_each(l.answers) ans
        join points pt on pt.template_id = l.template_id and pt.item_key = ans.key and pt.value = ans.value->>'value'
    ), sections as (
      select id, section_key, round(avg(permille / 10.0), 1) as percent
        from items where permille is not null
       group by id, section_key
    ), spread as (
      select section_key,
             count(*) filter (where percent < 25)::int as b0,
             count(*) filter (where percent >= 25 and percent < 50)::int as b1,
             count(*) filter (where percent >= 50 and percent < 75)::int as b2,
             count(*) filter (where percent >= 75)::int as b3,
             count(*)::int as total,
             round(avg(percent))::text as mean
        from sections group by section_key
    )
    select (select count(*)::int from latest) as providers, spread.* from (select 1) one left join spread on true`;
}

export async function sectionSpread(tenant: TenantDb, key: string): Promise<{ providers: number; sections: SectionSpread[] }> {
  const laCode = tenant.scope.laCode;
  // The jsonb functions' default row estimates (100 a call) make the plan look costly enough for
  // PostgreSQL's JIT, which then spends ~2 s compiling a query that runs in ~1 ms: not for this one.
  const result = await tenant.forJob((db) => db.transaction().execute(async (tx) => {
    await sql`set local jit = off`.execute(tx);
    return sectionSpreadQuery(laCode, key).execute(tx);
  }));
  const rows = result.rows;
  return {
    providers: Number(rows[0]?.providers ?? 0),
    sections: rows.filter((r) => r.section_key !== null).map((r) => ({ key: r.section_key!, counts: [r.b0, r.b1, r.b2, r.b3], total: r.total, mean: r.mean === null ? null : Number(r.mean) })),
  };
}

/** Completed audits, for the provider's timeline. */
export async function auditTimeline(tenant: TenantDb, urn: string): Promise<{ at: Date; summary: string }[]> {
  const rows = await tenant.selectFrom('audits').innerJoin('audit_templates', 'audit_templates.id', 'audits.template_id').select(['audits.completed_at', 'audits.kind', 'audit_templates.name']).where('audits.urn', '=', urn).where('audits.status', '=', 'completed').execute();
  return rows.map((r) => ({ at: r.completed_at ?? new Date(0), summary: `${r.kind === 'self' ? 'Self-assessment' : 'Audit'} completed: ${r.name}` }));
}
