import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { srcDir } from '../../platform/paths.js';
import { pathwayKinds, templateDefinition, type PathwayKind, type TemplateDefinition, type TemplateSet } from './definition.js';

/*
 * Pathway templates are data. Each LA starts from the shipped defaults (the Kent strategy,
 * or Leicestershire's support offer for Leicestershire) and admins change them as new versions.
 */

const variants: Record<string, string> = { '855': 'leicestershire' };
const cache = new Map<string, TemplateSet>();

export function defaultTemplates(laCode: string): TemplateSet {
  const name = variants[laCode] ?? 'kent';
  const cached = cache.get(name);
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(path.join(srcDir, 'modules', 'pathways', 'data', `${name}.json`), 'utf8')) as Record<string, unknown>;
  const set: TemplateSet = {};
  for (const kind of pathwayKinds) if (raw[kind]) set[kind] = templateDefinition.parse(raw[kind]);
  cache.set(name, set);
  return set;
}

export interface StoredTemplate {
  id: string;
  laCode: string;
  kind: PathwayKind;
  version: number;
  definition: TemplateDefinition;
}

/** Gives every LA in `laCodes` that has no templates yet the shipped defaults, as version 1. */
export async function ensureTemplates(db: Kysely<DB>, laCodes: readonly string[]): Promise<void> {
  if (laCodes.length === 0) return;
  const have = new Set((await db.selectFrom('pathway_templates').select('la_code').distinct().where('la_code', 'in', laCodes).execute()).map((r) => r.la_code));
  const rows = laCodes
    .filter((la) => !have.has(la))
    .flatMap((la) => Object.entries(defaultTemplates(la)).map(([kind, definition]) => ({ la_code: la, kind, version: 1, definition: JSON.stringify(definition) })));
  if (rows.length) await db.insertInto('pathway_templates').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

/** The latest version of each kind for each LA. */
export async function currentTemplates(db: Kysely<DB>, laCodes: readonly string[]): Promise<Map<string, Map<PathwayKind, StoredTemplate>>> {
  await ensureTemplates(db, laCodes);
  const rows = laCodes.length
    ? await db
        .selectFrom('pathway_templates as t')
        .select(['t.id', 't.la_code', 't.kind', 't.version', 't.definition'])
        .where('t.la_code', 'in', laCodes)
        .where('t.version', '=', (eb) =>
          eb.selectFrom('pathway_templates as t2').select(sql<number>`max(t2.version)`.as('v')).whereRef('t2.la_code', '=', 't.la_code').whereRef('t2.kind', '=', 't.kind'),
        )
        .execute()
    : [];
  const result = new Map<string, Map<PathwayKind, StoredTemplate>>();
  for (const r of rows) {
    const byKind = result.get(r.la_code) ?? new Map<PathwayKind, StoredTemplate>();
    byKind.set(r.kind as PathwayKind, { id: r.id, laCode: r.la_code, kind: r.kind as PathwayKind, version: r.version, definition: templateDefinition.parse(r.definition) });
    result.set(r.la_code, byKind);
  }
  return result;
}

export function asSet(templates: Map<PathwayKind, StoredTemplate> | undefined): TemplateSet {
  const set: TemplateSet = {};
  for (const [kind, t] of templates ?? []) set[kind] = t.definition;
  return set;
}

export async function templatesFor(tenant: TenantDb): Promise<Map<PathwayKind, StoredTemplate>> {
  return (await tenant.forJob((db) => currentTemplates(db, [tenant.scope.laCode]))).get(tenant.scope.laCode) ?? new Map();
}

export async function getTemplate(tenant: TenantDb, id: string): Promise<StoredTemplate | null> {
  const row = await tenant.selectFrom('pathway_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { id: row.id, laCode: row.la_code, kind: row.kind as PathwayKind, version: row.version, definition: templateDefinition.parse(row.definition) };
}

export async function templateVersions(tenant: TenantDb, kind: string) {
  return tenant
    .selectFrom('pathway_templates')
    .leftJoin('users', 'users.id', 'pathway_templates.created_by')
    .select(['pathway_templates.id', 'pathway_templates.version', 'pathway_templates.created_at', 'users.name as created_by_name'])
    .where('pathway_templates.kind', '=', kind)
    .orderBy('pathway_templates.version', 'desc')
    .execute();
}

/** Saves an edit as the next version; running pathways keep the version they started on. */
export async function saveTemplateVersion(tenant: TenantDb, kind: PathwayKind, definition: TemplateDefinition): Promise<string> {
  return tenant.transaction(async (tx) => {
    const latest = await tx.selectFrom('pathway_templates').select(sql<number>`coalesce(max(version), 0)`.as('v')).where('kind', '=', kind).executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('pathway_templates', { kind, version: Number(latest.v) + 1, definition: JSON.stringify(definition), created_by: tx.scope.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
