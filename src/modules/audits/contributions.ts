import { portalPage } from '../portal/index.js';
import { providerPage } from '../providers/index.js';
import { auditsFor, auditTimeline } from './repository.js';

/** What audits add to the provider page, its timeline and the portal (called from src/app/contributions.ts). */
export function contributeAudits(): void {
  providerPage.links.add('audits', { links: (urn) => [{ text: 'Audits and self-assessments', href: `/providers/${urn}/audits` }] }, 20);
  providerPage.timeline.add('audits', auditTimeline, 30);
  portalPage.sections.add('audits', {
    async load(ctx, provider) {
      return { template: 'audits/views/portal-audits.njk', data: { sharedAudits: (await auditsFor(ctx.tenant, provider.urn, true)).slice(0, 5) } };
    },
  }, 50);
}
