import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Config } from '../config/index.js';
import { roleCan } from './permissions.js';
import { ForbiddenError, HttpError, NotFoundError } from './errors.js';
import { isUuid } from './ids.js';
import type { SessionLoader } from './http-types.js';

export const SESSION_COOKIE = 'eyhub_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Pages a user who must change their password may still reach. */
const PASSWORD_CHANGE_PATHS = new Set(['/account/password', '/sign-out']);

export function sessionCookieOptions(config: Pick<Config, 'session'>) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.session.secureCookie };
}

function isStatic(url: string): boolean {
  return url.startsWith('/assets/') || url.startsWith('/public/');
}

export async function registerSecurity(app: FastifyInstance, config: Config, loadSession: SessionLoader): Promise<void> {
  await app.register(fastifyCookie, { secret: config.session.secret });
  await app.register(fastifyFormbody, { bodyLimit: config.bodyLimit });
  await app.register(fastifyMultipart);
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    hsts: config.isProduction,
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'eyhub_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.session.secureCookie },
    // File uploads (multipart) carry the token in the query string, as their body is read by the handler.
    getToken: (req) => {
      const body = req.body as { _csrf?: unknown } | undefined;
      if (typeof body?._csrf === 'string') return body._csrf;
      const query = req.query as { _csrf?: unknown } | undefined;
      if (req.isMultipart() && typeof query?._csrf === 'string') return query._csrf;
      const header = req.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
  });
  await app.register(fastifyRateLimit, { global: false });

  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);

  // Who is signed in. A malformed cookie is a 400; an expired one sends the user to sign in again.
  app.addHook('onRequest', async (request, reply) => {
    if (isStatic(request.url)) return;
    const result = await loadSession(request.cookies[SESSION_COOKIE]);
    if (result.state === 'active') {
      request.user = result.user;
      request.sessionId = result.sessionId;
      return;
    }
    if (result.state === 'none') return;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    if (result.state === 'malformed') {
      request.log.warn({ url: request.url }, 'malformed session cookie');
      throw new HttpError(400, 'Your session cookie could not be read. Sign in again.');
    }
    if (request.method === 'GET' && routeNeedsUser(request)) {
      return reply.redirect(`/sign-in?expired=1&returnTo=${encodeURIComponent(request.url)}`);
    }
  });

  // Every route declares its permission; this is where it is enforced.
  app.addHook('preHandler', async (request, reply) => {
    if (request.is404) return;
    const access = request.routeOptions.config.permission;
    if (access === undefined) throw new ForbiddenError('This page has no declared permission');
    if (access !== 'public') {
      const user = request.user;
      if (!user) return signInFirst(request, reply);
      if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(request.routeOptions.url ?? '')) {
        return reply.redirect('/account/password');
      }
      if (access !== 'signed-in' && !roleCan(user.role, access)) throw new ForbiddenError();
    }
    refuseMalformedAddress(request);
    if (UNSAFE_METHODS.has(request.method)) {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
  });
}

/**
 * Addresses the service never makes, after the access check (so they say nothing to someone who may
 * not see the page): a record id (a parameter named id or …Id) that is not a UUID is a page that
 * does not exist, and a query parameter given twice is a bad request. Neither reaches a handler,
 * which would pass an array, or a non-UUID, to the database.
 */
function refuseMalformedAddress(request: FastifyRequest): void {
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
    if ((name === 'id' || name.endsWith('Id')) && (typeof value !== 'string' || !isUuid(value))) throw new NotFoundError();
  }
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new HttpError(400, `The address has “${name}” more than once. Go back and try again.`);
  }
}

function routeNeedsUser(request: FastifyRequest): boolean {
  const access = request.routeOptions.config.permission;
  return access !== undefined && access !== 'public';
}

function signInFirst(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'GET') throw new HttpError(401, 'Sign in to continue');
  return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
}

/*
 * Secrets never reach the log (ADR 0012). URLs are rewritten by rule before they are written:
 * the token in a calendar-feed or invitation link, any other path segment that looks like a
 * token (20+ URL-safe characters that are not a UUID), and the value of any query parameter
 * whose name says it is a secret (_csrf on uploads, token, password …). Headers and form fields
 * that carry secrets are redacted by path; request bodies are never logged.
 */
export const REDACTED = '[redacted]';
const SECRET_PATH_PREFIXES = ['calendar', 'invitations'];
const SECRET_PARAM = /csrf|token|password|secret|key|code|signature/i;
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}(\.[a-z0-9]{1,5})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function redactSegment(segment: string, previous: string | undefined): string {
  const extension = /\.[a-z0-9]{1,5}$/i.exec(segment)?.[0] ?? '';
  if (previous !== undefined && SECRET_PATH_PREFIXES.includes(previous) && segment !== '') return REDACTED + extension;
  if (TOKEN_LIKE.test(segment) && !UUID.test(segment.slice(0, 36))) return REDACTED + extension;
  return segment;
}

export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const pathPart = queryAt < 0 ? url : url.slice(0, queryAt);
  const segments = pathPart.split('/');
  const safePath = segments.map((s, i) => redactSegment(s, i > 0 ? segments[i - 1] : undefined)).join('/');
  if (queryAt < 0) return safePath;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${safePath}?${query}`;
}

const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'confirmPassword', '_csrf', 'token', 'csrfToken'];

/** pino options for the app's logger (Fastify's `logger`); `stream` lets tests read the lines. */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'body',
        'req.body',
        ...SECRET_FIELDS,
        ...SECRET_FIELDS.map((f) => `*.${f}`),
      ],
      censor: REDACTED,
    },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip }),
    },
    formatters: {
      log: (object: Record<string, unknown>) => (typeof object.url === 'string' ? { ...object, url: redactUrl(object.url) } : object),
    },
  };
}
