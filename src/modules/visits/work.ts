import type { TenantDb } from '../../db/tenant.js';
import { providerNameColumn as providerName, providerRedactedColumn as providerRedacted, providerWardColumn as providerWard } from '../providers/index.js';
import { englandCalendar } from '../../platform/calendar.js';
import { londonDate } from '../../platform/dates.js';
import { workPage } from '../tasks/index.js';

/** My planned and booked visits up to `until` (and any left unbooked past their date); SIAs also see the visits they accompany. */
export async function myVisits(tenant: TenantDb, until: string) {
  const isSia = tenant.scope.role === 'manager';
  return tenant
    .selectFrom('visits')
    .select(['visits.id', 'visits.pathway_id', 'visits.urn', 'visits.visit_type', 'visits.number', 'visits.with_sia', 'visits.planned_date', 'visits.status', 'visits.booked_for', providerName('visits.urn'), providerRedacted('visits.urn'), providerWard('visits.urn')])
    .where('visits.status', 'in', ['planned', 'booked'])
    .where('visits.planned_date', '<=', until)
    .where((eb) => (isSia ? eb.or([eb('visits.adviser_id', '=', tenant.scope.userId), eb('visits.with_sia', '=', true)]) : eb('visits.adviser_id', '=', tenant.scope.userId)))
    .orderBy('visits.planned_date')
    .limit(100)
    .execute();
}

/** My work: the visits planned for me in the next 40 working days. */
export function contributeMyVisits(): void {
  workPage.myWork.add('my-visits', {
    async load(ctx) {
      const until = englandCalendar().addWorkingDays(londonDate(ctx.clock.now()), 40);
      return { template: 'visits/views/work-visits.njk', data: { visits: await myVisits(ctx.tenant, until), until } };
    },
  }, 30);
}
