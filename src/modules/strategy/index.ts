import type { ModuleDefinition } from '../../platform/module.js';
import { auditRecordKinds } from '../audit-log/index.js';
import { contributeStrategyFigures } from './report-figures.js';

/** The strategy register (Rutland): recommendations by heading and statutory duty, RAG status history, engagement records, the strategy report. */
export { ragMeanings, ragLabels, type RagCounts } from './rules.js';
export { strategyReport, type StrategyReport } from './report.js';

export const strategyModule: ModuleDefinition = {
  name: 'strategy',
  routes: async ({ db, clock }) => {
    const { strategyRoutes } = await import('./routes.js');
    return [strategyRoutes({ db, clock })];
  },
  navigation: [{ text: 'Strategy', href: '/strategy', permission: 'strategy:view', order: 96, group: 'Sufficiency and strategy', description: 'Recommendations with their RAG status, engagement and the strategy report.' }],
  contribute: () => {
    auditRecordKinds.add('strategy_recommendation', { type: 'strategy_recommendation', label: 'Strategy recommendation', href: (id) => `/strategy/recommendations/${id}` });
    auditRecordKinds.add('strategy_engagement', { type: 'strategy_engagement', label: 'Strategy engagement', href: () => '/strategy/engagements' });
    contributeStrategyFigures();
  },
};
