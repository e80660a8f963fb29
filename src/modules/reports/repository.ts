import type { TenantDb } from '../../db/tenant.js';

/* The authority's report settings and the narrative written for each period. */

export interface ReportSettings {
  neighbours: string[];
  recipients: string[];
  viewerSeesNames: boolean;
}

export async function reportSettings(tenant: TenantDb): Promise<ReportSettings> {
  const row = await tenant.selectFrom('report_settings').select(['neighbours', 'recipients', 'viewer_sees_names']).executeTakeFirst();
  return { neighbours: row?.neighbours ?? [], recipients: row?.recipients ?? [], viewerSeesNames: row?.viewer_sees_names ?? false };
}

export async function saveReportSettings(tenant: TenantDb, settings: ReportSettings, at: Date): Promise<void> {
  const values = { neighbours: settings.neighbours, recipients: settings.recipients, viewer_sees_names: settings.viewerSeesNames, updated_by: tenant.scope.userId, updated_at: at };
  await tenant.insertInto('report_settings', values).onConflict((oc) => oc.column('la_code').doUpdateSet(values)).execute();
}

export interface Narrative {
  summary: string;
  next_steps: string;
  updated_at: Date;
  updated_by_name: string | null;
}

export async function narrativeFor(tenant: TenantDb, periodKey: string): Promise<Narrative | null> {
  const row = await tenant.selectFrom('report_narratives')
    .leftJoin('users', 'users.id', 'report_narratives.updated_by')
    .select(['report_narratives.summary', 'report_narratives.next_steps', 'report_narratives.updated_at', 'users.name as updated_by_name'])
    .where('report_narratives.period_key', '=', periodKey)
    .executeTakeFirst();
  return row ?? null;
}

export async function saveNarrative(tenant: TenantDb, periodKey: string, text: { summary: string; nextSteps: string }, at: Date): Promise<void> {
  const values = { summary: text.summary, next_steps: text.nextSteps, updated_by: tenant.scope.userId, updated_at: at };
  await tenant.insertInto('report_narratives', { period_key: periodKey, ...values }).onConflict((oc) => oc.columns(['la_code', 'period_key']).doUpdateSet(values)).execute();
}

/** Names of the providers behind a figure, for the drill-down list. */
export function providersNamed(tenant: TenantDb, urns: readonly string[]) {
  if (!urns.length) return Promise.resolve([]);
  return tenant.selectFrom('providers').select(['urn', 'name', 'provider_type', 'redacted']).where('urn', 'in', urns).orderBy('name').execute();
}
