import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { contributeProviderSection } from './provider-section.js';

/** Reading Ofsted's files into the register; import history; Changes from Ofsted. Announces `register.changes-recorded`. */
export { readFileStreamed } from './decode.js';
export { markInterruptedImports } from './interrupted.js';
export { handToService, inboxDir, inboxResult, processInbox } from './inbox.js';
export { describeOfstedFile } from './read.js';
export { readingNotices, warningLines } from './reading-notices.js';
export { summaryLines } from './summary.js';
export { MAX_UPLOAD_BYTES, runImport, type ImportRequest, type ImportSummary } from './service.js';
export type { ImportProgress, ReadingReport, RowWarning } from './types.js';

export const ofstedImportModule: ModuleDefinition = {
  name: 'ofsted-import',
  routes: async ({ db, clock }) => {
    const { importRoutes } = await import('./routes.js');
    return [importRoutes({ db, clock })];
  },
  navigation: [
    { text: 'Changes from Ofsted', href: '/changes', permission: 'changes:view', order: 70 },
    { text: 'Imports', href: '/imports', permission: 'imports:manage', order: 80, group: 'Data from Ofsted', description: 'Upload Ofsted’s files and see what each import changed.' },
  ],
  contribute: () => {
    auditRecordKinds.add('import', { type: 'import', label: 'Import', href: (id) => `/imports/${id}` });
    contributeProviderSection();
  },
};
