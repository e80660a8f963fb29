import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { TenantDb, type Scope } from '../db/tenant.js';
import type { DB } from '../db/types.js';
import type { Clock } from './clock.js';
import type { CurrentUser } from './http-types.js';

/** What a service needs to act for the signed-in user. */
export interface ActionContext {
  user: CurrentUser;
  tenant: TenantDb;
  clock: Clock;
  ip: string | null;
}

export function scopeOf(user: CurrentUser): Scope {
  return { laCode: user.laCode, userId: user.id, role: user.role, userEmail: user.email };
}

export function actionContext(request: FastifyRequest, db: Kysely<DB>, clock: Clock): ActionContext {
  const user = request.user;
  if (!user) throw new Error('actionContext needs a signed-in user');
  return { user, tenant: new TenantDb(db, scopeOf(user)), clock, ip: request.ip ?? null };
}
