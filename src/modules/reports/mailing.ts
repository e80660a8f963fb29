import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { enqueue, textToHtml } from '../outbox/index.js';
import { englandComparison } from './comparison.js';
import { cabinetPdf } from './files.js';
import { lastWholeQuarter } from './periods.js';
import { narrativeFor } from './repository.js';
import { buildReport } from './service.js';

/**
 * The quarterly e-mail: once the quarter has ended, each authority with senior staff listed in its
 * report settings is sent the cabinet report for it, through the outbox, once (report_mailings).
 * Run hourly by the service; a quarter missed while the service was stopped is sent when it starts.
 */
export async function sendQuarterlyReports(db: Kysely<DB>, now: Date, baseUrl: string): Promise<number> {
  const quarter = lastWholeQuarter(londonDate(now));
  const due = await db.selectFrom('report_settings')
    .innerJoin('local_authorities', 'local_authorities.la_code', 'report_settings.la_code')
    .select(['report_settings.la_code', 'report_settings.recipients', 'report_settings.updated_by', 'local_authorities.name'])
    .where((eb) => eb.fn('cardinality', ['report_settings.recipients']), '>', 0)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('report_mailings').select('report_mailings.la_code').whereRef('report_mailings.la_code', '=', 'report_settings.la_code').where('report_mailings.period_key', '=', quarter.key))))
    .execute();
  for (const la of due) {
    const tenant = new TenantDb(db, { laCode: la.la_code, userId: la.updated_by ?? '00000000-0000-0000-0000-000000000000', role: 'viewer' });
    const report = await buildReport(tenant, quarter, now);
    const pdf = await cabinetPdf({ laName: la.name, report, comparison: await englandComparison(tenant), narrative: await narrativeFor(tenant, quarter.key), generatedAt: now });
    const text = `The early years and childcare report for ${quarter.label} is attached (PDF).\n\nThe figures, with their definitions, the providers behind them and the tables as spreadsheets, are at ${baseUrl}/reports?period=${quarter.key}\n\nSent by EY Hub on ${formatDate(londonDate(now))} to the senior staff list in the report settings.`;
    await tenant.transaction(async (tx) => {
      const id = await enqueue(tx, { to: la.recipients, subject: `Early years and childcare report: ${quarter.label}`, text, html: textToHtml(text), attachments: [{ filename: `cabinet-report-${quarter.key}.pdf`, contentType: 'application/pdf', content: pdf }], record: { type: 'report', id: quarter.key } }, now);
      await tx.insertInto('report_mailings', { period_key: quarter.key, outbox_id: id, sent_at: now }).execute();
    });
  }
  return due.length;
}
