import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import type { Config } from './config/index.js';
import type { Database } from './db/client.js';
import { systemClock, type Clock } from './platform/clock.js';
import { registerErrorPages } from './platform/error-pages.js';
import { builtAssetsDir, govukFrontendDir } from './platform/paths.js';
import { loggerOptions, registerSecurity } from './platform/security.js';
import { registerViews } from './platform/views.js';
import { modules } from './app/modules.js';
import { wireModules } from './app/wiring.js';
import { loadSession } from './modules/auth/index.js';
import { pathwayFilters } from './modules/pathways/index.js';

export interface AppDeps {
  database: Database;
  clock?: Clock;
  /** where log lines go (tests read them); standard output by default */
  logStream?: { write(line: string): void };
}

export class UndeclaredPermissionError extends Error {}

export interface RouteInfo {
  method: string;
  url: string;
  permission: string;
}

const routeLists = new WeakMap<FastifyInstance, RouteInfo[]>();

/** Every route the app serves, with its declared permission (for the access tests). */
export function routesOf(app: FastifyInstance): readonly RouteInfo[] {
  return routeLists.get(app) ?? [];
}

/** Wiring only: plugins, hooks and each module's routes (src/app/modules.ts). */
export async function createApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const db = deps.database.db;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
  });

  // Every route must say who may use it; static files are public.
  const routes: RouteInfo[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/') || route.url.startsWith('/public/')) {
      route.config = { ...route.config, permission: 'public' };
    }
    if (route.config?.permission === undefined) {
      throw new UndeclaredPermissionError(`Route ${route.method.toString()} ${route.url} has no config.permission`);
    }
    for (const method of ([] as string[]).concat(route.method)) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, permission: route.config.permission });
    }
  });

  wireModules();
  const auth = { db, clock, config };
  await registerSecurity(app, config, (token) => loadSession(auth, token));
  // the time-out warning shows two minutes before the idle time-out (WCAG 2.2.1)
  const idleMinutes = config.session.idleMinutes;
  await registerViews(app, pathwayFilters, { idleMinutes, warnMinutes: Math.min(2, idleMinutes / 2) });
  registerErrorPages(app);

  await app.register(fastifyStatic, {
    root: path.join(govukFrontendDir, 'govuk', 'assets'),
    prefix: '/assets/',
    maxAge: config.isProduction ? '7d' : 0,
  });
  await app.register(fastifyStatic, {
    root: builtAssetsDir,
    prefix: '/public/',
    decorateReply: false,
    maxAge: config.isProduction ? '1d' : 0,
  });

  for (const m of modules) {
    for (const routes of (await m.routes?.({ db, clock, config })) ?? []) await app.register(routes);
  }
  return app;
}
