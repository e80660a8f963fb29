import type { ModuleDefinition } from '../../platform/module.js';
import { contributeProviderFigures } from './report-figures.js';
import { auditRecordKinds } from '../audit-log/index.js';

/** The provider register: its vocabulary, how outcomes are shown, and the provider page other modules add to. */
export type { ChangeSelection } from './events.js';
export { changeTypes } from './tables.js';
export { providerPage, type ProviderAction, type ProviderLinks, type ProviderSubject, type TimelineSource } from './page.js';
export { changeSummary, changeTypeLabels, latestOutcomeText, outcomeLabel, outcomeLabels, reportCardLabels } from './presenters.js';
export { getProvider, providerNameColumn, providerRedactedColumn, providerWardColumn } from './repository.js';

export const providersModule: ModuleDefinition = {
  name: 'providers',
  routes: async ({ db, clock }) => {
    const { providersRoutes } = await import('./routes.js');
    return [providersRoutes({ db, clock })];
  },
  navigation: [{ text: 'Providers', href: '/providers', permission: 'providers:view', order: 60 }],
  contribute: () => {
    auditRecordKinds.add('provider', { type: 'provider', label: 'Provider', href: (urn) => `/providers/${urn}` });
    contributeProviderFigures();
  },
};
