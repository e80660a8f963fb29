import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { NotFoundError } from '../../platform/errors.js';
import { saveNextVersion } from '../../platform/edit-conflict.js';
import { srcDir } from '../../platform/paths.js';
import { templateSchema, type AuditTemplate } from './definition.js';

/** The audits shipped with EY Hub, from the seeds; each LA gets them as version 1 on first use. */
export const shippedKeys = ['sawr', 'two_year_old', 'sstew', 'grade_descriptors', 'oos_partnership', 'feee_self_evaluation'] as const;
let shipped: AuditTemplate[] | null = null;

export function shippedTemplates(): AuditTemplate[] {
  shipped ??= shippedKeys.map((key) => templateSchema.parse(JSON.parse(readFileSync(path.join(srcDir, 'modules', 'audits', 'data', `${key}.json`), 'utf8'))));
  return shipped;
}

export interface StoredAuditTemplate {
  id: string;
  key: string;
  version: number;
  name: string;
  definition: AuditTemplate;
  created_at: Date;
}

/** Gives the LA every shipped template it does not have yet (a template added in a release arrives as version 1). */
async function ensureShipped(tenant: TenantDb): Promise<void> {
  const have = new Set((await tenant.selectFrom('audit_templates').select('key').distinct().execute()).map((r) => r.key));
  const missing = shippedTemplates().filter((t) => !have.has(t.key));
  if (missing.length) await tenant.insertInto('audit_templates', missing.map((t) => ({ key: t.key, version: 1, name: t.name, definition: JSON.stringify(t) }))).onConflict((oc) => oc.doNothing()).execute();
}

const parse = (row: { id: string; key: string; version: number; name: string; definition: unknown; created_at: Date }): StoredAuditTemplate => ({ ...row, definition: templateSchema.parse(row.definition) });

/** The latest version of each of the LA's templates, by name. */
export async function currentAuditTemplates(tenant: TenantDb): Promise<StoredAuditTemplate[]> {
  await ensureShipped(tenant);
  const rows = await tenant
    .selectFrom('audit_templates')
    .select(['id', 'key', 'version', 'name', 'definition', 'created_at'])
    .where('version', '=', (eb) => eb.selectFrom('audit_templates as t2').select(sql<number>`max(t2.version)`.as('v')).whereRef('t2.la_code', '=', 'audit_templates.la_code').whereRef('t2.key', '=', 'audit_templates.key'))
    .orderBy('name')
    .execute();
  return rows.map(parse);
}

export async function auditTemplate(tenant: TenantDb, id: string): Promise<StoredAuditTemplate> {
  const row = await tenant.selectFrom('audit_templates').select(['id', 'key', 'version', 'name', 'definition', 'created_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return parse(row);
}

export async function templateVersions(tenant: TenantDb, key: string) {
  return tenant.selectFrom('audit_templates').leftJoin('users', 'users.id', 'audit_templates.created_by').select(['audit_templates.id', 'audit_templates.version', 'audit_templates.created_at', 'users.name as created_by_name']).where('audit_templates.key', '=', key).orderBy('audit_templates.version', 'desc').execute();
}

/** Saves a changed (or imported) template as the next version of its key; audits already started keep theirs. */
export async function saveTemplateVersion(tenant: TenantDb, template: AuditTemplate): Promise<{ id: string; version: number }> {
  await ensureShipped(tenant);
  return saveNextVersion('this audit template', () => tenant.transaction(async (tx) => {
    const last = await tx.selectFrom('audit_templates').select((eb) => eb.fn.max('version').as('v')).where('key', '=', template.key).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await tx.insertInto('audit_templates', { key: template.key, version, name: template.name, definition: JSON.stringify(template), created_by: tx.scope.userId }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, version };
  }));
}

/** The template a visit's planned focus names ("Conduct a SSTEW audit …"), if any. */
export function suggestedTemplate(templates: readonly StoredAuditTemplate[], focus: string | null | undefined): StoredAuditTemplate | undefined {
  const text = (focus ?? '').toLowerCase();
  if (!text) return undefined;
  return templates.find((t) => t.definition.suggestedBy.some((phrase) => text.includes(phrase)));
}
