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

export async function ofstedDataRows(tenant: TenantDb, urn: string): Promise<OfstedDataRow[]> {
  const [provider, latest] = await Promise.all([
    tenant.selectFrom('providers').select(['region', 'ofsted_region', 'deprivation_band']).where('urn', '=', urn).executeTakeFirst(),
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
  if (provider?.region) rows.push({ key: 'Region', value: provider.region });
  if (provider?.ofsted_region) rows.push({ key: 'Ofsted region', value: provider.ofsted_region });
  if (provider?.deprivation_band) rows.push({ key: 'Deprivation band', value: provider.deprivation_band });
  return rows;
}

/** Adds the section to the provider page (called from the module's contribute). */
export function contributeProviderSection(): void {
  providerPage.sections.add('ofsted-data', {
    async load(ctx, provider) {
      const rows = await ofstedDataRows(ctx.tenant, provider.urn);
      return rows.length ? { template: 'ofsted-import/views/provider-ofsted.njk', data: { rows } } : null;
    },
  }, 5);
}
