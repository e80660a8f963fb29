import { auditRecordKinds } from '../audit-log/index.js';
import { providerPage } from '../providers/index.js';
import { withSla } from '../tasks/index.js';
import { pathwaysPolicy } from './policy.js';
import * as repo from './repository.js';

/** The setting's page on Ofsted's reports website, by URN (early years and childcare providers). */
export function ofstedReportUrl(urn: string): string {
  return `https://reports.ofsted.gov.uk/provider/16/${encodeURIComponent(urn)}`;
}

/** What pathways add to other modules' pages (called once, from src/app/contributions.ts). */
export function contributePathways(): void {
  providerPage.sections.add('pathways', {
    async load(ctx, provider) {
      const [pathways, ruleTasks] = await Promise.all([repo.providerPathways(ctx.tenant, provider.urn), repo.providerOpenRuleTasks(ctx.tenant, provider.urn)]);
      return {
        template: 'pathways/views/provider-pathways.njk',
        data: {
          running: pathways.filter((x) => x.status !== 'closed'),
          closed: pathways.filter((x) => x.status === 'closed'),
          ruleTasks: ruleTasks.map((t) => withSla(t, ctx.clock.now())),
        },
      };
    },
  }, 10);
  // Kent 4.1: the SIA will "Read the setting’s Ofsted report"
  providerPage.links.add('ofsted-report', { links: (urn) => [{ text: 'Read the setting’s Ofsted report (opens Ofsted’s reports website)', href: ofstedReportUrl(urn) }] }, 5);
  providerPage.actions.add('start-pathway', { text: 'Start a support pathway', href: (urn) => `/providers/${urn}/pathways/new`, permission: pathwaysPolicy.manage }, 10);
  providerPage.actions.add('safety-concern', { text: 'Record a concern about children’s safety', href: (urn) => `/providers/${urn}/concerns/new`, permission: pathwaysPolicy.work }, 20);
  providerPage.timeline.add('pathway-events', (tenant, urn) => repo.providerPathwayEvents(tenant, urn), 10);
  auditRecordKinds.add('pathway', { type: 'pathway', label: 'Pathway', href: (id) => `/pathways/${id}` });
  auditRecordKinds.add('visit', { type: 'visit', label: 'Visit' });
  auditRecordKinds.add('task', { type: 'task', label: 'Task' });
}
