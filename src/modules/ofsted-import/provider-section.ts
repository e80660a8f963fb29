import type { TenantDb } from '../../db/tenant.js';
import { formatDate } from '../../platform/dates.js';
import { outcomeLabel, providerPage } from '../providers/index.js';

/*
 * What Ofsted's files say about a setting beyond its register entry (issue 16.6): the Childcare
 * Register requirements judged at its latest full inspection, and the region and deprivation band
 * the national file gives for reports. Shown on the provider page as a section of its own.
 */

export interface OfstedDataRow {
  key: string;
  value: string;
  /** a judgement that leads to enforcement is marked */
  enforcement?: boolean;
}

const registers = [
  { column: 'ccr_requirements', label: 'Compulsory Childcare Register requirements' },
  { column: 'vcr_requirements', label: 'Voluntary Childcare Register requirements' },
] as const;

/**
 * Ofsted's childcare period codes (LA extract) that read plainly; any other is shown as Ofsted writes it,
 * rather than guessed at (ADR 0018).
 */
const periodLabels: Record<string, string> = { ALYR: 'All year round', '5DWK': '5 days a week', OVNT: 'Overnight', WEND: 'Weekends', SCHO: 'School holidays' };
const registerWords: Record<string, string> = { EYR: 'Early Years Register', CCR: 'compulsory Childcare Register', VCR: 'voluntary Childcare Register' };

/** "0 to 5 years, up to 6 children (Early Years Register)". */
export function agesText(ages: unknown): string {
  if (!Array.isArray(ages)) return '';
  return (ages as { from: number | null; to: number | null; max: number | null; register: string | null }[])
    .map((a) => {
      const span = a.from !== null && a.to !== null ? `${a.from} to ${a.to} years` : a.from !== null ? `${a.from} years and over` : 'Ages not given';
      const most = a.max !== null ? `, up to ${a.max} ${a.max === 1 ? 'child' : 'children'}` : '';
      return `${span}${most}${a.register ? ` (${registerWords[a.register] ?? a.register})` : ''}`;
    })
    .join('; ');
}

export function periodsText(periods: readonly string[] | null): string {
  return (periods ?? []).map((c) => (periodLabels[c] ? `${periodLabels[c]} (${c})` : c)).join(', ');
}

export async function ofstedDataRows(tenant: TenantDb, urn: string): Promise<OfstedDataRow[]> {
  const [provider, latest] = await Promise.all([
    tenant
      .selectFrom('providers')
      .select(['region', 'ofsted_region', 'deprivation_band', 'secondary_provision_type', 'childcare_periods', 'childcare_ages'])
      .where('urn', '=', urn)
      .executeTakeFirst(),
    tenant
      .selectFrom('inspections')
      .select(['inspection_date', 'ccr_requirements', 'vcr_requirements'])
      .where('urn', '=', urn)
      .where('kind', '=', 'full')
      .orderBy('inspection_date', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const rows: OfstedDataRow[] = [];
  for (const r of registers) {
    const judged = latest?.[r.column];
    if (latest && judged) rows.push({ key: r.label, value: `${outcomeLabel(judged)} (inspection of ${formatDate(latest.inspection_date)})`, enforcement: judged === 'not_met_enforcement' });
  }
  if (provider?.secondary_provision_type) rows.push({ key: 'Also registered as', value: provider.secondary_provision_type });
  const ages = agesText(provider?.childcare_ages);
  if (ages) rows.push({ key: 'Childcare ages', value: ages });
  const periods = periodsText(provider?.childcare_periods ?? null);
  if (periods) rows.push({ key: 'Childcare periods', value: periods });
  if (provider?.region) rows.push({ key: 'Region', value: provider.region });
  if (provider?.ofsted_region) rows.push({ key: 'Ofsted region', value: provider.ofsted_region });
  if (provider?.deprivation_band) rows.push({ key: 'Deprivation band', value: provider.deprivation_band });
  return rows;
}

/** The registration status history of the latest LA extract, for the provider's timeline (suspensions included). */
export async function statusHistoryTimeline(tenant: TenantDb, urn: string): Promise<{ at: Date; summary: string; title: string; source: string }[]> {
  const row = await tenant.selectFrom('providers').select('status_history').where('urn', '=', urn).executeTakeFirst();
  const history = Array.isArray(row?.status_history) ? (row.status_history as { status: string; date: string }[]) : [];
  return history.map((h, i) => ({
    at: new Date(`${h.date}T12:00:00Z`),
    title: `Registration status: ${h.status}`,
    summary: i === 0 ? 'First status in Ofsted’s history of the registration' : `Was ${history[i - 1]!.status}`,
    source: 'Ofsted (status history)',
  }));
}

/** Adds the section to the provider page and the status history to its timeline (called from the module's contribute). */
export function contributeProviderSection(): void {
  providerPage.timeline.add('status-history', statusHistoryTimeline, 40);
  providerPage.sections.add('ofsted-data', {
    async load(ctx, provider) {
      const rows = await ofstedDataRows(ctx.tenant, provider.urn);
      return rows.length ? { template: 'ofsted-import/views/provider-ofsted.njk', data: { rows } } : null;
    },
  }, 5);
}
