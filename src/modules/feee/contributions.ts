import { providerPage } from '../providers/index.js';

/** FEEE audits are reached from the provider page (called from src/app/contributions.ts). */
export function contributeFeee(): void {
  providerPage.links.add('feee-audits', { links: (urn) => [{ text: 'Funding (FEEE) audits', href: `/providers/${urn}/feee-audits` }] }, 35);
}
