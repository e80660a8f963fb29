import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import type { DB } from '../../db/types.js';
import { render } from '../../platform/views.js';

/** Pages anyone may read, and the health check. */
export function pagesRoutes(deps: { db: Kysely<DB>; config: Pick<Config, 'eyTeamEmail' | 'session'> }) {
  const config = { permission: 'public' as const };
  return async (app: FastifyInstance) => {
    app.get('/accessibility', { config }, async (request, reply) =>
      render(request, reply, 'pages/views/accessibility.njk', { contactEmail: deps.config.eyTeamEmail, idleMinutes: deps.config.session.idleMinutes }),
    );
    app.get('/cookies', { config }, async (request, reply) => render(request, reply, 'pages/views/cookies.njk'));
    app.get('/healthz', { config }, async (request, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
        return reply.header('cache-control', 'no-store').send({ status: 'ok', database: 'ok' });
      } catch (error) {
        request.log.error({ err: error }, 'health check failed');
        return reply.code(503).send({ status: 'error', database: 'unavailable' });
      }
    });
  };
}
