import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { workPage } from '../tasks/index.js';
import { contributePortalReferrals } from './portal.js';

/**
 * SEND and inclusion (ADR 0027): children known to the inclusion team (visible only to the team, their
 * allocated practitioner and the setting they attend), Early Years panel referrals and panels,
 * casework, the Disability Access Fund register, and the retention job.
 */
export { deleteExpiredChildren } from './retention.js';
export { remindDropins } from './dropins.js';

export const inclusionModule: ModuleDefinition = {
  name: 'inclusion',
  routes: async ({ db, clock, config }) => {
    const { inclusionRoutes } = await import('./routes.js');
    const { caseRoutes } = await import('./case-routes.js');
    const { portalInclusionRoutes } = await import('./portal.js');
    const { areaSencoRoutes } = await import('./area-senco.js');
    const { fundRoutes } = await import('./fund.js');
    const { reportRoutes } = await import('./report.js');
    const { dropinRoutes } = await import('./dropin-routes.js');
    const { portalFundRoutes } = await import('./fund-portal.js');
    return [inclusionRoutes({ db, clock, uploadsDir: config.uploadsDir }), caseRoutes({ db, clock }), portalInclusionRoutes({ db, clock, uploadsDir: config.uploadsDir }), areaSencoRoutes({ db, clock }), fundRoutes({ db, clock }), reportRoutes({ db, clock }), dropinRoutes({ db, clock }), portalFundRoutes({ db, clock })];
  },
  navigation: [{ text: 'Inclusion', href: '/inclusion', permission: 'inclusion:case', order: 93 }],
  contribute: () => {
    auditRecordKinds.add('inclusion_child', { type: 'inclusion_child', label: 'Child (inclusion)', href: (id) => `/inclusion/children/${id}` });
    auditRecordKinds.add('inclusion_fund', { type: 'inclusion_fund', label: 'Inclusion fund application', href: (id) => `/inclusion/fund/${id}` });
    auditRecordKinds.add('inclusion_referral', { type: 'inclusion_referral', label: 'Early Years panel referral', href: (id) => `/inclusion/referrals/${id}` });
    workPage.taskKinds.add('inclusion-contact', { prefix: 'inclusion:contact:', href: (ruleKey) => `/inclusion/children/${ruleKey.slice('inclusion:contact:'.length)}` });
    contributePortalReferrals();
  },
};
