import type { ModuleDefinition } from '../../platform/module.js';
import { contributePortal } from './contributions.js';

/**
 * The provider portal: invitations and the settings a provider user may see (`ownProvider` is the
 * check every portal page makes), the setting page other modules add sections to, e-mails to the
 * setting, "changed since your last look", documents and contact-detail corrections.
 */
export { lastLook, recordLook, settingActivity } from './last-look.js';
export { notifySetting, notifyVisitBooked, remindDueActions } from './notify.js';
export { portalPage, type NextStep, type PortalSection, type PortalSetting } from './page.js';
export { ownProvider } from './repository.js';
export { documentsFor } from './documents.js';

export const portalModule: ModuleDefinition = {
  name: 'portal',
  routes: async ({ db, clock, config }) => {
    const { portalRoutes } = await import('./routes.js');
    const { portalAccessRoutes } = await import('./access-routes.js');
    const { documentRoutes } = await import('./documents.js');
    const { contactRoutes } = await import('./contact.js');
    return [portalRoutes({ db, clock }), portalAccessRoutes({ db, clock, publicBaseUrl: config.publicBaseUrl }), documentRoutes({ db, clock, uploadsDir: config.uploadsDir }), contactRoutes({ db, clock })];
  },
  navigation: [{ text: 'Your setting', href: '/portal', permission: 'portal:view', order: 20 }],
  contribute: contributePortal,
};
