import { providerPage } from '../providers/index.js';
import { workPage } from '../tasks/index.js';
import { fundingTimeline } from './repository.js';

/** What funding adds to the provider page, its timeline and My work (called from src/app/contributions.ts). */
export function contributeFunding(): void {
  providerPage.links.add('funding', { links: (urn) => [{ text: 'Funding eligibility', href: `/providers/${urn}/funding` }] }, 30);
  providerPage.timeline.add('funding', fundingTimeline, 20);
  // "Confirm funding decision" tasks open the decision
  workPage.taskKinds.add('funding-decision', { prefix: 'rule:funding:', href: (ruleKey) => `/funding/decisions/${ruleKey.slice('rule:funding:'.length)}` });
}
