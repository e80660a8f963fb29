import type { TenantDb } from '../../db/tenant.js';
import { NotFoundError } from '../../platform/errors.js';
import { templateSchema, type AuditTemplate } from './definition.js';
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

/** The latest completed staff audit of a template for each provider of the LA (no names: the distribution is anonymous). */
export async function latestCompletedPerProvider(tenant: TenantDb, key: string): Promise<{ answers: Answers; definition: AuditTemplate }[]> {
  const rows = await tenant
    .selectFrom('audits')
    .innerJoin('audit_templates', 'audit_templates.id', 'audits.template_id')
    .select(['audits.urn', 'audits.answers', 'audits.completed_at', 'audit_templates.definition'])
    .where('audits.template_key', '=', key)
    .where('audits.kind', '=', 'staff')
    .where('audits.status', '=', 'completed')
    .orderBy('audits.urn')
    .orderBy('audits.completed_at', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.urn) ? false : (seen.add(r.urn), true))).map((r) => ({ answers: r.answers, definition: templateSchema.parse(r.definition) }));
}

/** Completed audits, for the provider's timeline. */
export async function auditTimeline(tenant: TenantDb, urn: string): Promise<{ at: Date; summary: string }[]> {
  const rows = await tenant.selectFrom('audits').innerJoin('audit_templates', 'audit_templates.id', 'audits.template_id').select(['audits.completed_at', 'audits.kind', 'audit_templates.name']).where('audits.urn', '=', urn).where('audits.status', '=', 'completed').execute();
  return rows.map((r) => ({ at: r.completed_at ?? new Date(0), summary: `${r.kind === 'self' ? 'Self-assessment' : 'Audit'} completed: ${r.name}` }));
}
