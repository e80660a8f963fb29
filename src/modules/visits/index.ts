import type { ModuleDefinition } from '../../platform/module.js';
import { contributePortalVisits } from './portal.js';
import { contributeMyVisits } from './work.js';

/** The visit calendar, booking visits outside a pathway, iCalendar invitations (it listens to `visit.booked` and `visit.cancelled`), feeds, and the setting's visits in the portal. */
export { sendInvitation } from './invitations.js';
/** the iCalendar writer, for other modules' events (training sessions) */
export { calendar as icsCalendar, type CalendarEvent } from './ics.js';

export const visitsModule: ModuleDefinition = {
  name: 'visits',
  routes: async ({ db, clock, config }) => {
    const { visitCalendarRoutes } = await import('./routes.js');
    const { newVisitRoutes } = await import('./new-visit-routes.js');
    const { visitCalendarPageRoutes } = await import('./calendar-routes.js');
    const { portalVisitRoutes } = await import('./portal.js');
    return [visitCalendarRoutes({ db, clock, publicBaseUrl: config.publicBaseUrl }), newVisitRoutes({ db, clock }), visitCalendarPageRoutes({ db, clock }), portalVisitRoutes({ db, clock })];
  },
  navigation: [{ text: 'Visits', href: '/visits', permission: 'work:view', order: 40 }],
  contribute: () => {
    contributeMyVisits();
    contributePortalVisits();
  },
};
