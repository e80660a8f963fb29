import './http-types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import path from 'node:path';
import { formatDate, formatDateTime } from './dates.js';
import { navigationFor } from './navigation.js';
import { govukFrontendDir, srcDir } from './paths.js';
import type { Role } from '../db/types.js';
import { roleCan, roleLabels, type Permission } from './permissions.js';
import type { FormErrors } from './forms.js';

const FLASH_COOKIE = 'eyhub_flash';

/** Templates are compiled once and cached; restart the server to see template edits. */
/** Filters a module gives its pages (wired in app.ts, so the platform does not depend on modules). */
export type ViewFilters = Record<string, (value: never) => unknown>;

/** What the layout's time-out warning needs: the idle time-out, and how long before it to warn. */
export interface SessionTimeoutView {
  idleMinutes: number;
  warnMinutes: number;
}

export async function registerViews(app: FastifyInstance, filters: ViewFilters = {}, sessionTimeout?: SessionTimeoutView): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [path.join(srcDir, 'views'), path.join(srcDir, 'modules'), govukFrontendDir],
    production: true,
    options: {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      noCache: false,
      onConfigure(env: nunjucks.Environment) {
        env.addFilter('date', formatDate);
        env.addFilter('dateTime', formatDateTime);
        // counts as people read them: 2,061
        env.addFilter('number', (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? Number(value).toLocaleString('en-GB') : value));
        env.addFilter('roleLabel', (role: keyof typeof roleLabels) => roleLabels[role] ?? role);
        // `{% if user | can('funding:decide') %}`: offer a link only to those who may open it
        env.addFilter('can', (user: { role: Role } | undefined, permission: Permission) => Boolean(user && roleCan(user.role, permission)));
        for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (value: unknown) => unknown);
        env.addGlobal('serviceName', 'EY Hub');
        env.addGlobal('sessionTimeout', sessionTimeout ?? null);
        env.addGlobal('formatLabels', {
          'ofsted-provider-csv': 'Ofsted childcare provider level data (CSV)',
          'ofsted-childminders-csv': 'Ofsted childminders and childcare providers (CSV)',
          'ofsted-agencies-csv': 'Ofsted childminder agencies (CSV)',
          'ofsted-la-xml': 'Ofsted local authority extract (XML)',
        });
      },
    },
  });
}

/** Sets the flash message shown once on the next page. */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, message, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

function takeFlash(request: FastifyRequest, reply: FastifyReply): string | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

export interface PageLocals {
  errors?: FormErrors | null;
  values?: Record<string, string>;
  [key: string]: unknown;
}

/** Renders a page with everything the layout needs (user, navigation, CSRF token, CSP nonce, flash). */
export async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  locals: PageLocals = {},
  statusCode = 200,
): Promise<FastifyReply> {
  const pathOnly = request.url.split('?')[0] ?? '/';
  const context = {
    user: request.user,
    navigation: navigationFor(request.user, pathOnly),
    currentPath: pathOnly,
    csrfToken: reply.generateCsrf(),
    cspNonce: reply.cspNonce?.script,
    flash: takeFlash(request, reply),
    errors: null,
    values: {},
    ...locals,
  };
  reply.code(statusCode).header('cache-control', 'no-store');
  return reply.view(template, context);
}
