import type { ModuleDefinition } from '../../platform/module.js';
import { contributeTraining } from './contributions.js';

/**
 * Training and events (issue 22): the catalogue of courses and events with their sessions, places
 * booked by settings in the portal (or by staff for them) with a waiting list, the LA's cancellation
 * rule, reminders and calendar files, the register, certificates, evaluations and income.
 */
export { remindSessions } from './service.js';

export const eventsModule: ModuleDefinition = {
  name: 'events',
  routes: async ({ db, clock, config }) => {
    const { trainingRoutes } = await import('./routes.js');
    const { portalTrainingRoutes } = await import('./portal.js');
    const { evaluationRoutes } = await import('./evaluation.js');
    return [trainingRoutes({ db, clock, publicBaseUrl: config.publicBaseUrl }), portalTrainingRoutes({ db, clock }), evaluationRoutes({ db, clock })];
  },
  navigation: [{ text: 'Training', href: '/training', permission: 'training:view', order: 95, group: 'Offer to providers', description: 'Courses, workshops and events: sessions, bookings, registers and income.' }],
  contribute: contributeTraining,
};
