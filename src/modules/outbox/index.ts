import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';

/** The e-mail outbox: modules enqueue in their transaction; the worker sends; admins read it at E-mails. */
export { enqueue, purgeSentBodies, textToHtml } from './repository.js';
export { deliverDue, smtpTransportOptions, startMailWorker, type MailTransport } from './worker.js';

export const outboxModule: ModuleDefinition = {
  name: 'outbox',
  routes: async ({ db, clock, config }) => {
    const { outboxRoutes } = await import('./routes.js');
    return [outboxRoutes({ db, clock, smtpConfigured: config.mail.smtpUrl !== null })];
  },
  navigation: [{ text: 'E-mails', href: '/outbox', permission: 'outbox:view', order: 130, group: 'People, e-mails and the audit log', description: 'E-mails waiting, sent and failed; send again.' }],
  contribute: () => auditRecordKinds.add('outbox_message', { type: 'outbox_message', label: 'E-mail', href: (id) => `/outbox/${id}` }),
};
