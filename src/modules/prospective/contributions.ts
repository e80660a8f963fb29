import { auditRecordKinds } from '../audit-log/index.js';
import { providerPage } from '../providers/index.js';
import { events, prospectiveForUrn } from './repository.js';
import { stageClasses, stageLabels } from './rules.js';

/** What prospective providers add to the provider page (their support before registration) and the audit log. */
export function contributeProspective(): void {
  providerPage.sections.add('prospective', {
    permission: 'prospective:view',
    async load(ctx, subject) {
      const p = await prospectiveForUrn(ctx.tenant, subject.urn);
      if (!p) return null;
      return { template: 'prospective/views/provider-section.njk', data: { p, history: await events(ctx.tenant, p.id), stageLabels, stageClasses } };
    },
  }, 90);
  providerPage.timeline.add('prospective', async (tenant, urn) => {
    const p = await prospectiveForUrn(tenant, urn);
    if (!p) return [];
    return (await events(tenant, p.id)).map((e) => ({ at: new Date(`${e.on_date}T12:00:00Z`), summary: `Before registration (${p.name}): ${e.summary}` }));
  }, 40);
  auditRecordKinds.add('prospective_provider', { type: 'prospective_provider', label: 'Prospective provider', href: (id) => `/prospective/${id}` });
}
