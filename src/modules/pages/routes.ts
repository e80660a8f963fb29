import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import type { DB } from '../../db/types.js';
import { render } from '../../platform/views.js';

/** Can the service write its data directory (uploads, the PGlite database)? A file written and removed says so. */
function dataDirWritable(dir: string): boolean {
  const probe = path.join(dir, `.healthz-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** Pages anyone may read, and the health check. */
export function pagesRoutes(deps: { db: Kysely<DB>; config: Pick<Config, 'eyTeamEmail' | 'session' | 'dataDir'> }) {
  const config = { permission: 'public' as const };
  return async (app: FastifyInstance) => {
    app.get('/accessibility', { config }, async (request, reply) =>
      render(request, reply, 'pages/views/accessibility.njk', { contactEmail: deps.config.eyTeamEmail, idleMinutes: deps.config.session.idleMinutes }),
    );
    app.get('/cookies', { config }, async (request, reply) => render(request, reply, 'pages/views/cookies.njk'));
    app.get('/healthz', { config }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const dataDir = dataDirWritable(deps.config.dataDir) ? 'ok' : 'not writable';
      try {
        await sql`select 1`.execute(deps.db);
      } catch (error) {
        request.log.error({ err: error }, 'health check failed');
        return reply.code(503).send({ status: 'error', database: 'unavailable', dataDir });
      }
      if (dataDir !== 'ok') {
        request.log.error({ dataDir: deps.config.dataDir }, 'health check failed: the data directory cannot be written');
        return reply.code(503).send({ status: 'error', database: 'ok', dataDir });
      }
      return reply.send({ status: 'ok', database: 'ok', dataDir });
    });
  };
}
