import type { ModuleDefinition } from '../../platform/module.js';
import { contributeAuditFigures } from './report-figures.js';
import { contributeAudits } from './contributions.js';

/** Audit templates as data, scoring, charts, staff and portal audit pages, template admin. */
export { auditsFor, auditTimeline } from './repository.js';
export { startAudit } from './service.js';
export { currentAuditTemplates } from './templates.js';

export const auditsModule: ModuleDefinition = {
  name: 'audits',
  routes: async ({ db, clock, config }) => {
    const { auditRoutes } = await import('./routes.js');
    const { portalAuditRoutes } = await import('./portal-routes.js');
    const { auditTemplateRoutes } = await import('./template-routes.js');
    return [auditRoutes({ db, clock, uploadsDir: config.uploadsDir }), portalAuditRoutes({ db, clock, uploadsDir: config.uploadsDir }), auditTemplateRoutes({ db, clock })];
  },
  navigation: [
    { text: 'Audit reports', href: '/audit-reports', permission: 'audits:report', order: 100 },
    { text: 'Audit templates', href: '/audit-templates', permission: 'templates:manage', order: 120, group: 'Templates and rules', description: 'The sections and questions of each audit and self-assessment.' },
  ],
  contribute: () => {
    contributeAudits();
    contributeAuditFigures();
  },
};
