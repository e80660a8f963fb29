import { formatDate } from '../../platform/dates.js';
import { latestOutcomeText, providerPage } from '../providers/index.js';
import { workPage } from '../tasks/index.js';
import { pendingRequestCount } from './contact.js';
import { updatesForAdviser } from './last-look.js';
import { documentsFor } from './documents.js';
import { portalPage } from './page.js';
import * as repo from './repository.js';

/** The portal's own parts of the setting page and its links on the provider page (called from src/app/contributions.ts). */
export function contributePortal(): void {
  portalPage.sections.add('documents', {
    async load(ctx, provider) {
      const documents = await documentsFor(ctx.tenant, provider.urn);
      return {
        template: null,
        data: {},
        nextSteps: documents.map((d) => {
          const latest = d.versions[0];
          return latest
            ? { title: { text: `Update your ${d.title.toLowerCase()} when it changes` }, hint: { text: `Version ${latest.version} sent ${formatDate(latest.created_at)}` }, href: `/portal/${provider.urn}/documents`, status: { text: 'Sent' } }
            : { title: { text: `Send your ${d.title.toLowerCase()}` }, hint: { text: d.hint }, href: `/portal/${provider.urn}/documents`, status: { tag: { text: 'Not sent', classes: 'govuk-tag--blue' } } };
        }),
      };
    },
  }, 35);
  portalPage.sections.add('setting', {
    async load(ctx, provider) {
      const [outcome, pendingContact] = await Promise.all([repo.latestOutcome(ctx.tenant, provider.urn), repo.pendingContactRequest(ctx.tenant, provider.urn)]);
      return { template: 'portal/views/section-setting.njk', data: { outcomeText: latestOutcomeText(outcome ?? null), pendingContact } };
    },
  }, 40);
  providerPage.links.add('portal-access', { links: (urn) => [{ text: 'Portal access for the setting', href: `/providers/${urn}/portal-access` }] }, 10);
  providerPage.links.add('documents', { links: (urn) => [{ text: 'Self-evaluation and setting improvement plan', href: `/providers/${urn}/documents` }] }, 40);
  workPage.myWork.add('contact-requests', {
    async load(ctx) {
      return { template: 'portal/views/work-contact-requests.njk', data: { contactRequests: await pendingRequestCount(ctx.tenant) } };
    },
  }, 10);
  workPage.myWork.add('setting-updates', {
    async load(ctx) {
      return { template: 'portal/views/work-setting-updates.njk', data: { settingUpdates: await updatesForAdviser(ctx.tenant) } };
    },
  }, 20);
}
