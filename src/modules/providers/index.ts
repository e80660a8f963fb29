import type { ModuleDefinition } from '../../platform/module.js';
import { providersRoutes } from './routes.js';

/** The provider register: its vocabulary, how outcomes are shown, and the provider page other modules add to. */
export type { ChangeSelection } from './events.js';
export { changeTypes } from './tables.js';
export { providerPage, type ProviderAction, type ProviderLinks, type ProviderSubject, type TimelineSource } from './page.js';
export { changeSummary, changeTypeLabels, latestOutcomeText, outcomeLabel, outcomeLabels, reportCardLabels } from './presenters.js';
export { getProvider, providerNameColumn, providerRedactedColumn } from './repository.js';
export { keyJudgements, reportCardAreas, reportCardGrades, reportCardGradesWeakestFirst, vocabulary, type Outcome, type ReportCardGrade } from './vocabulary.js';

export const providersModule: ModuleDefinition = {
  name: 'providers',
  routes: ({ db, clock }) => [providersRoutes({ db, clock })],
  navigation: [{ text: 'Providers', href: '/providers', permission: 'providers:view', order: 60 }],
};
