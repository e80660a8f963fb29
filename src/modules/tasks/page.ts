import { SectionRegistry } from '../../platform/page-sections.js';
import { Registry } from '../../platform/registry.js';

/**
 * Where a kind of task is done, by the start of its rule key (a funding decision's task opens the
 * decision). Tasks of a pathway open the pathway; the module that makes a kind of task says where
 * its other tasks go.
 */
export interface TaskKind {
  prefix: string;
  href: (ruleKey: string) => string;
}

/** What other modules add to My work (visits, caseload, actions, settings' updates) and the kinds of task they make. */
export const workPage = {
  myWork: new SectionRegistry<null>('My work sections'),
  taskKinds: new Registry<TaskKind>('task kinds'),
};
