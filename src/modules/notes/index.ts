import type { ModuleDefinition } from '../../platform/module.js';
import { contributePortalNotes, portalNoteRoutes } from './portal.js';
import { notesRoutes } from './routes.js';

/** Notes of visit (Positive Practice Tool), quality assurance by the SIA, the PDF. */
export { composeNote, loadNote } from './service.js';

export const notesModule: ModuleDefinition = {
  name: 'notes',
  routes: ({ db, clock }) => [notesRoutes({ db, clock }), portalNoteRoutes({ db, clock })],
  contribute: contributePortalNotes,
};
