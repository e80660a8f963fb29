import type { ModuleDefinition } from '../../platform/module.js';

/** The LA's working-day calendar: England and Wales bank holidays by rule and list, and the LA's own added or removed days. */
export { loadCalendarChanges } from './repository.js';

export const calendarModule: ModuleDefinition = {
  name: 'calendar',
  routes: async ({ db, clock }) => {
    const { calendarRoutes } = await import('./routes.js');
    return [calendarRoutes({ db, clock })];
  },
  navigation: [{ text: 'Bank holidays', href: '/bank-holidays', permission: 'templates:manage', order: 127, group: 'Templates and rules', description: 'England and Wales bank holidays, and days your deadlines treat differently.' }],
};
