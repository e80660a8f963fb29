import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { workPage } from '../tasks/index.js';
import { contributePortalComplaints } from './portal.js';
import { TASK_PREFIX } from './service.js';

/**
 * Compliments and complaints (issue 22, Kent §7): recorded by a setting in the portal or by staff,
 * a task for the handler with the LA's deadlines in working days, the clock stopped and restarted,
 * stage 2, the outcome and response letter, compliments e-mailed to the officer, a quarterly report.
 * Staff named in a complaint cannot open it unless they handle it (ADR 0028).
 */
export { complaintDeadlines, defaultComplaintRules, mayOpen, quarterOf, stoppedWorkingDays, type ClockStop, type ComplaintDeadlines, type ComplaintRules } from './rules.js';

export const complaintsModule: ModuleDefinition = {
  name: 'complaints',
  routes: async ({ db, clock }) => {
    const { complaintsRoutes } = await import('./routes.js');
    const { portalComplaintRoutes } = await import('./portal.js');
    return [complaintsRoutes({ db, clock }), portalComplaintRoutes({ db, clock })];
  },
  navigation: [{ text: 'Complaints', href: '/complaints', permission: 'complaints:view', order: 97, group: 'Offer to providers', description: 'Compliments and complaints about officers or the service, with their deadlines.' }, { text: 'Complaints report', href: '/complaints/report', permission: 'complaints:report', order: 97.5, group: 'Offer to providers', description: 'Complaints and compliments per quarter, by outcome, for senior staff.' }],
  contribute: () => {
    workPage.taskKinds.add('complaint', { prefix: TASK_PREFIX, href: (ruleKey) => `/complaints/${ruleKey.slice(TASK_PREFIX.length).split(':')[0]}` });
    auditRecordKinds.add('complaint', { type: 'complaint', label: 'Compliment or complaint', href: (id) => `/complaints/${id}` });
    contributePortalComplaints();
  },
};
