import type { ModuleDefinition } from '../../platform/module.js';
import { contributeProspective } from './contributions.js';

/** Prospective providers: enquiries through the Ofsted registration process, contacts and visits, linked to the URN once registered (the history shows on the provider page). */
export { prospectiveForUrn } from './repository.js';

export const prospectiveModule: ModuleDefinition = {
  name: 'prospective',
  routes: async ({ db, clock }) => {
    const { prospectiveRoutes } = await import('./routes.js');
    return [prospectiveRoutes({ db, clock })];
  },
  navigation: [{ text: 'Prospective providers', href: '/prospective', permission: 'prospective:view', order: 95 }],
  contribute: contributeProspective,
};
