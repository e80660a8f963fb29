import 'fastify';
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/helmet';
import type { Role } from '../db/types.js';
import type { RouteAccess } from './permissions.js';

/** What the session hook learns from a cookie (the auth module answers it). */
export type SessionLookup =
  | { state: 'none' }
  | { state: 'malformed' }
  | { state: 'expired' }
  | { state: 'active'; sessionId: string; user: CurrentUser };

export type SessionLoader = (token: string | undefined) => Promise<SessionLookup>;

export interface CurrentUser {
  id: string;
  laCode: string;
  laName: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Every route declares who may use it; app start-up fails for a route without one. */
    permission?: RouteAccess;
  }
}
