import type { ModuleDefinition } from '../../platform/module.js';
import { contributeNoteFigures } from './report-figures.js';
import { contributeNotes } from './contributions.js';

/** Notes of visit (Positive Practice Tool), quality assurance by the SIA, the PDF. */
export { composeNote, loadNote } from './service.js';

export const notesModule: ModuleDefinition = {
  name: 'notes',
  routes: async ({ db, clock }) => {
    const { notesRoutes } = await import('./routes.js');
    const { portalNoteRoutes } = await import('./portal.js');
    return [notesRoutes({ db, clock }), portalNoteRoutes({ db, clock })];
  },
  contribute: () => {
    contributeNotes();
    contributeNoteFigures();
  },
};
