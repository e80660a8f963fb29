import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import type { Config } from './config/index.js';
import type { Database } from './db/client.js';
import { systemClock, type Clock } from './platform/clock.js';
import { registerErrorPages } from './platform/error-pages.js';
import { builtAssetsDir, govukFrontendDir } from './platform/paths.js';
import { registerSecurity } from './platform/security.js';
import { registerViews } from './platform/views.js';
import { auditLogRoutes } from './modules/audit-log/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { homeRoutes } from './modules/home/routes.js';
import { pagesRoutes } from './modules/pages/routes.js';
import { usersRoutes } from './modules/users/routes.js';
import { providersRoutes } from './modules/providers/routes.js';
import { importRoutes } from './modules/ofsted-import/routes.js';
import { pathwayFilters } from './modules/pathways/presenters.js';
import { pathwayRoutes } from './modules/pathways/routes.js';
import { tasksRoutes } from './modules/tasks/routes.js';
import { templateRoutes } from './modules/pathways/template-routes.js';
import { termRoutes } from './modules/pathways/term-routes.js';
import { outboxRoutes } from './modules/outbox/routes.js';
import { visitCalendarRoutes } from './modules/visits/routes.js';
import { newVisitRoutes } from './modules/visits/new-visit-routes.js';
import { visitCalendarPageRoutes } from './modules/visits/calendar-routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import { portalAccessRoutes } from './modules/portal/access-routes.js';
import { evidenceRoutes } from './modules/evidence/routes.js';
import { documentRoutes } from './modules/portal/documents.js';
import { contactRoutes } from './modules/portal/contact.js';
import { auditRoutes } from './modules/audits/routes.js';
import { fundingRoutes } from './modules/funding/routes.js';
import { feeeRoutes } from './modules/feee/routes.js';
import { portalAuditRoutes } from './modules/audits/portal-routes.js';
import { auditTemplateRoutes } from './modules/audits/template-routes.js';
import { notesRoutes } from './modules/notes/routes.js';
import { actionPlanRoutes } from './modules/action-plans/routes.js';

export interface AppDeps {
  database: Database;
  clock?: Clock;
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

/** Wiring only: plugins, hooks and each module's routes. */
export async function createApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const db = deps.database.db;
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
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

  const auth = { db, clock, config };
  await registerSecurity(app, config, auth);
  await registerViews(app, pathwayFilters);
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

  await app.register(pagesRoutes({ db }));
  await app.register(authRoutes({ db, clock, config, auth }));
  await app.register(homeRoutes());
  await app.register(usersRoutes({ db, clock }));
  await app.register(auditLogRoutes({ db, clock }));
  await app.register(providersRoutes({ db, clock }));
  await app.register(importRoutes({ db, clock }));
  await app.register(tasksRoutes({ db, clock }));
  await app.register(pathwayRoutes({ db, clock }));
  await app.register(templateRoutes({ db, clock }));
  await app.register(termRoutes({ db, clock }));
  await app.register(notesRoutes({ db, clock }));
  await app.register(visitCalendarRoutes({ db, clock }));
  await app.register(newVisitRoutes({ db, clock }));
  await app.register(visitCalendarPageRoutes({ db, clock }));
  await app.register(portalRoutes({ db, clock }));
  await app.register(portalAccessRoutes({ db, clock }));
  await app.register(evidenceRoutes({ db, clock, uploadsDir: config.uploadsDir }));
  await app.register(documentRoutes({ db, clock, uploadsDir: config.uploadsDir }));
  await app.register(contactRoutes({ db, clock }));
  await app.register(auditRoutes({ db, clock, uploadsDir: config.uploadsDir }));
  await app.register(portalAuditRoutes({ db, clock, uploadsDir: config.uploadsDir }));
  await app.register(auditTemplateRoutes({ db, clock }));
  await app.register(fundingRoutes({ db, clock }));
  await app.register(feeeRoutes({ db, clock }));
  await app.register(actionPlanRoutes({ db, clock }));
  await app.register(outboxRoutes({ db, clock, smtpConfigured: config.mail.smtpUrl !== null }));
  return app;
}
