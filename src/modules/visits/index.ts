import type { ModuleDefinition } from '../../platform/module.js';
import { visitCalendarPageRoutes } from './calendar-routes.js';
import { newVisitRoutes } from './new-visit-routes.js';
import { contributePortalVisits, portalVisitRoutes } from './portal.js';
import { visitCalendarRoutes } from './routes.js';
import { contributeMyVisits } from './work.js';

/** The visit calendar, booking visits outside a pathway, iCalendar invitations (it listens to `visit.booked` and `visit.cancelled`), feeds, and the setting's visits in the portal. */
export { sendInvitation } from './invitations.js';

export const visitsModule: ModuleDefinition = {
  name: 'visits',
  routes: ({ db, clock }) => [visitCalendarRoutes({ db, clock }), newVisitRoutes({ db, clock }), visitCalendarPageRoutes({ db, clock }), portalVisitRoutes({ db, clock })],
  navigation: [{ text: 'Visits', href: '/visits', permission: 'work:view', order: 40 }],
  contribute: () => {
    contributeMyVisits();
    contributePortalVisits();
  },
};
