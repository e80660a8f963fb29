import type { ActionContext } from '../../platform/context.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { providerVisits, teamPage } from '../pathways/index.js';
import { waitingForQa } from './qa-queue.js';
import { providerPage } from '../providers/index.js';
import { workPage } from '../tasks/index.js';
import { contributePortalNotes } from './portal.js';
import { statusLabels } from './presenters.js';
import { RETURNED_TASK } from './service.js';

/** What notes of visit add to the provider page, My work, the portal and the audit log (called from src/app/modules.ts). */
export function contributeNotes(): void {
  // the provider's visits, each with its note of visit in its true state
  providerPage.sections.add('visits', {
    async load(ctx, provider) {
      return { template: 'notes/views/provider-visits.njk', data: { visits: await providerVisits(ctx.tenant, provider.urn), noteStatusLabels: statusLabels } };
    },
  }, 20);
  // a returned note's task opens the note
  workPage.taskKinds.add('note-returned', { prefix: RETURNED_TASK, href: (ruleKey) => `/notes/${ruleKey.slice(RETURNED_TASK.length).split(':')[0]}` });
  // the SIA's quality-assurance queue, oldest first with its age, on My work and Team
  const qaQueue = { permission: 'notes:assure' as const, async load(ctx: ActionContext) {
    return { template: 'notes/views/qa-queue.njk', data: { notes: await waitingForQa(ctx.tenant, ctx.clock.now()) } };
  } };
  workPage.myWork.add('notes-qa', qaQueue, 5);
  teamPage.sections.add('notes-qa', qaQueue, 10);
  contributePortalNotes();
  auditRecordKinds.add('note_of_visit', { type: 'note_of_visit', label: 'Note of visit', href: (id) => `/notes/${id}` });
}
