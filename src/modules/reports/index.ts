import type { ModuleDefinition } from '../../platform/module.js';

/**
 * Reports to senior staff and cabinet: the dashboard per period built from every module's report
 * figures (`platform/report-figures.ts`), the comparison with England from a national file kept as
 * reference data, exports (CSV, XLSX, the cabinet report PDF) and the quarterly e-mail (ADR 0022).
 */
export { importReferenceFile, ReferenceFileError } from './reference.js';
export { sendQuarterlyReports } from './mailing.js';

export const reportsModule: ModuleDefinition = {
  name: 'reports',
  routes: async ({ db, clock }) => {
    const { reportRoutes } = await import('./routes.js');
    return [reportRoutes({ db, clock })];
  },
  navigation: [{ text: 'Reports', href: '/reports', permission: 'reports:view', order: 97 }],
};
