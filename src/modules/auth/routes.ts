import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { formErrors, validateForm } from '../../platform/forms.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../platform/security.js';
import { render, setFlash } from '../../platform/views.js';
import { changeOwnPassword } from './password.js';
import { changePasswordSchema, safeReturnTo, signInSchema } from './schemas.js';
import { signIn, signOut, type AuthDeps } from './service.js';

const failureMessages = {
  invalid: 'Enter a correct email address and password',
  throttled: (minutes: number) =>
    `There have been too many attempts to sign in with this email address. Wait ${minutes === 1 ? '1 minute' : `${minutes} minutes`} and try again, or ask your administrator to reset your password.`,
  inactive: 'Your account has been deactivated. Contact your administrator if you still need access.',
};

export function authRoutes(deps: { db: Kysely<DB>; clock: Clock; config: Config; auth: AuthDeps }) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { returnTo?: string; expired?: string } }>(
      '/sign-in',
      { config: { permission: 'public' } },
      async (request, reply) => {
        if (request.user) return reply.redirect('/');
        return render(request, reply, 'auth/views/sign-in.njk', {
          values: { returnTo: safeReturnTo(request.query.returnTo) },
          expired: request.query.expired === '1',
          idleMinutes: deps.config.session.idleMinutes,
        });
      },
    );

    app.post(
      '/sign-in',
      {
        config: {
          permission: 'public',
          rateLimit: {
            max: deps.config.signIn.rateLimitPerMinute,
            timeWindow: '1 minute',
            errorResponseBuilder: () => ({
              statusCode: 429,
              message: 'There have been too many sign-in attempts from your network. Wait a minute and try again.',
            }),
          },
        },
      },
      async (request, reply) => {
        const form = validateForm(signInSchema, request.body);
        const returnTo = safeReturnTo(
          typeof (request.body as { returnTo?: unknown })?.returnTo === 'string'
            ? (request.body as { returnTo: string }).returnTo
            : undefined,
        );
        const values = { email: String((request.body as { email?: unknown })?.email ?? ''), returnTo };
        if (!form.ok) return render(request, reply, 'auth/views/sign-in.njk', { errors: form.errors, values }, 400);
        const result = await signIn(deps.auth, form.value.email, form.value.password, request.ip);
        if (!result.ok) {
          const message = result.reason === 'throttled' ? failureMessages.throttled(result.waitMinutes) : failureMessages[result.reason];
          const status = result.reason === 'throttled' ? 429 : 401;
          return render(request, reply, 'auth/views/sign-in.njk', { errors: formErrors([['email', message]]), values }, status);
        }
        reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(deps.config));
        return reply.redirect(result.mustChangePassword ? '/account/password' : returnTo, 303);
      },
    );

    app.post('/sign-out', { config: { permission: 'signed-in' } }, async (request, reply) => {
      if (request.user && request.sessionId) await signOut(deps.auth, request.sessionId, request.user, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/signed-out', 303);
    });

    app.get('/signed-out', { config: { permission: 'public' } }, async (request, reply) =>
      render(request, reply, 'auth/views/signed-out.njk'),
    );

    app.get('/account/password', { config: { permission: 'signed-in' } }, async (request, reply) =>
      render(request, reply, 'auth/views/change-password.njk'),
    );

    app.post('/account/password', { config: { permission: 'signed-in' } }, async (request, reply) => {
      const form = validateForm(changePasswordSchema, request.body);
      if (!form.ok) return render(request, reply, 'auth/views/change-password.njk', { errors: form.errors }, 400);
      const ctx = actionContext(request, deps.db, deps.clock);
      const result = await changeOwnPassword(ctx, request.sessionId ?? '', form.value.currentPassword, form.value.newPassword);
      if (!result.ok) return render(request, reply, 'auth/views/change-password.njk', { errors: result.errors }, 400);
      setFlash(reply, 'Your password has been changed');
      return reply.redirect('/', 303);
    });
  };
}
