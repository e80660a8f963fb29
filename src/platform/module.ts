import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import type { DB } from '../db/types.js';
import type { Clock } from './clock.js';
import type { NavItem } from './navigation.js';

/** What every module's routes are given. */
export interface ModuleDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
}

/**
 * A module as the service is wired from it (`src/app/modules.ts` lists them): its pages, its items
 * in the service navigation, and what it adds to other modules' registries. What it does when other
 * modules' events happen is wired in `src/app/reactions.ts`.
 */
export interface ModuleDefinition {
  name: string;
  /**
   * Its route plugins, imported when the app registers them (`await import('./routes.js')`), so code
   * that needs only the module's functions (an import's worker thread, a command) loads no pages.
   */
  routes?: (deps: ModuleDeps) => Promise<((app: FastifyInstance) => Promise<void>)[]>;
  navigation?: NavItem[];
  /** adds this module's entries to other modules' registries (provider page, portal, My work, task kinds) */
  contribute?: () => void;
}
