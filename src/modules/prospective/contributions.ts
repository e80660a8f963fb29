import { auditRecordKinds } from '../audit-log/index.js';
import { providerPage } from '../providers/index.js';
import { events, prospectiveForUrn } from './repository.js';
import { stageClasses, stageLabels } from './rules.js';
import { cases } from './sustainability.js';

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
  providerPage.actions.add('sustainability', { text: 'Raise a sustainability concern', href: (urn) => `/sustainability/new?urn=${urn}`, permission: 'prospective:manage' }, 90);
  providerPage.timeline.add('sustainability', async (tenant, urn) => (await cases(tenant, { urn })).flatMap((c) => [
    { at: new Date(`${c.raised_on}T12:00:00Z`), summary: `Sustainability concern raised: ${c.concern}` },
    ...(c.business_review_on ? [{ at: new Date(`${c.business_review_on}T12:00:00Z`), summary: 'Business review by the Business Development Advisor' }] : []),
    ...(c.closed_on ? [{ at: new Date(`${c.closed_on}T12:00:00Z`), summary: `Sustainability support closed: ${c.closure}` }] : []),
  ]), 45);
  auditRecordKinds.add('sustainability_case', { type: 'sustainability_case', label: 'Sustainability case', href: (id) => `/sustainability/${id}` });
  auditRecordKinds.add('prospective_provider', { type: 'prospective_provider', label: 'Prospective provider', href: (id) => `/prospective/${id}` });
}
