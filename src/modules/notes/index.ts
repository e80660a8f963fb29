import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { contributePortalNotes } from './portal.js';

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
    contributePortalNotes();
    auditRecordKinds.add('note_of_visit', { type: 'note_of_visit', label: 'Note of visit', href: (id) => `/notes/${id}` });
  },
};
