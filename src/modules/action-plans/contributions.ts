import type { TenantDb } from '../../db/tenant.js';
import { londonDate } from '../../platform/dates.js';
import { providerNameColumn as providerName, providerPage, providerRedactedColumn as providerRedacted } from '../providers/index.js';
import { workPage } from '../tasks/index.js';
import { contributePortalActionPlan } from './portal.js';
import { itemsFor } from './repository.js';

/** Action plan items past their due date for the settings on my caseload (for the SIA: every setting). */
export async function overdueActions(tenant: TenantDb, today: string) {
  let q = tenant
    .selectFrom('action_plan_items')
    .select(['action_plan_items.id', 'action_plan_items.urn', 'action_plan_items.action', 'action_plan_items.due_date', providerName('action_plan_items.urn'), providerRedacted('action_plan_items.urn')])
    .where('action_plan_items.status', 'in', ['not_started', 'in_progress'])
    .where('action_plan_items.due_date', '<', today);
  if (tenant.scope.role !== 'manager' && tenant.scope.role !== 'admin') {
    const me = tenant.scope.userId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('pathways as p').select('p.id').whereRef('p.urn', '=', 'action_plan_items.urn').where('p.status', '<>', 'closed').where((w) => w.or([w('p.adviser_id', '=', me), w('p.officer_id', '=', me)])),
      ),
    );
  }
  return q.orderBy('action_plan_items.due_date').limit(50).execute();
}

/** What action plans add to the provider page, My work and the portal (called from src/app/contributions.ts). */
export function contributeActionPlans(): void {
  providerPage.links.add('action-plan', {
    links: (urn) => [{ text: 'Action plan', href: `/providers/${urn}/action-plan` }],
    async tag(ctx, urn) {
      const today = londonDate(ctx.clock.now());
      const overdue = (await itemsFor(ctx.tenant, urn)).filter((i) => (i.status === 'not_started' || i.status === 'in_progress') && i.due_date !== null && i.due_date < today).length;
      return overdue ? { text: `${overdue} overdue`, classes: 'govuk-tag--red' } : null;
    },
  }, 50);
  workPage.myWork.add('overdue-actions', {
    async load(ctx) {
      return { template: 'action-plans/views/work-overdue-actions.njk', data: { overdueActions: await overdueActions(ctx.tenant, londonDate(ctx.clock.now())) } };
    },
  }, 40);
  contributePortalActionPlan();
}
