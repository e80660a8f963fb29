import type { ModuleDefinition } from '../../platform/module.js';
import { contributeProspective } from './contributions.js';

/** The sufficiency team's casework: prospective providers (enquiry → Ofsted registration, contacts and visits, linked to the URN once registered, the history on the provider page) and sustainability concern cases (package of support, business review, closure). */
export { prospectiveForUrn } from './repository.js';
export { caseForPathway, onBusinessReviewDue } from './sustainability.js';

export const prospectiveModule: ModuleDefinition = {
  name: 'prospective',
  routes: async ({ db, clock }) => {
    const { prospectiveRoutes } = await import('./routes.js');
    const { sustainabilityRoutes } = await import('./sustainability-routes.js');
    return [prospectiveRoutes({ db, clock }), sustainabilityRoutes({ db, clock })];
  },
  navigation: [{ text: 'Prospective providers', href: '/prospective', permission: 'prospective:view', order: 94.2, group: 'Sufficiency and strategy', description: 'People planning to open a setting, from enquiry to registration.' }, { text: 'Sustainability', href: '/sustainability', permission: 'prospective:view', order: 94.4, group: 'Sufficiency and strategy', description: 'Settings at risk of closing, the package of support and the business review.' }],
  contribute: contributeProspective,
};
