import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { contributePortalUpdates } from './portal.js';

/**
 * Provider updates (bulletins, issue 22): staff compose an update in a safe subset of formatting,
 * choose its audience, preview it and send it now or on a schedule (once, weekly, twice a month);
 * it goes through the outbox in resumable batches, once per address, with a one-click unsubscribe
 * for updates only; settings read every update in the portal's archive.
 */
export { sendDueUpdates } from './send.js';

export const bulletinsModule: ModuleDefinition = {
  name: 'bulletins',
  routes: async ({ db, clock, config }) => {
    const { updateRoutes } = await import('./routes.js');
    const { portalUpdateRoutes } = await import('./portal.js');
    return [updateRoutes({ db, clock, publicBaseUrl: config.publicBaseUrl }), portalUpdateRoutes({ db, clock })];
  },
  navigation: [{ text: 'Provider updates', href: '/updates', permission: 'updates:send', order: 95.5, group: 'Offer to providers', description: 'Write, schedule and send updates e-mailed to settings.' }],
  contribute: () => {
    contributePortalUpdates();
    auditRecordKinds.add('bulletin', { type: 'bulletin', label: 'Provider update', href: (id) => `/updates/${id}` });
  },
};
