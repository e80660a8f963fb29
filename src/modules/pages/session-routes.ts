import type { FastifyInstance } from 'fastify';

/**
 * "Stay signed in" on the time-out warning posts here (with the CSRF token in x-csrf-token). The
 * request itself is what extends the session: every request's session is loaded, and its idle time
 * restarted, by auth's loadSession (registered in app.ts) before this handler runs. An ended session
 * gets 401, and the page then signs out and keeps what was typed (src/assets/session-timeout.js).
 */
export function sessionRoutes() {
  return async (app: FastifyInstance) => {
    app.post('/session/keep-alive', { config: { permission: 'signed-in' } }, async (_request, reply) =>
      reply.header('cache-control', 'no-store').code(204).send(),
    );
  };
}
