import type { Role } from '../db/types.js';

/**
 * Roles map to permissions here and only here. Each module's policy.ts names
 * the permission its routes need; the route declares it in `config.permission`.
 */
export const permissions = [
  'home:view',
  'account:manage',
  'users:manage',
  'audit-log:view',
  'providers:view',
  'providers:record',
  'changes:view',
  'imports:manage',
  'work:view',
  'team:view',
  'pathways:view',
  'pathways:work',
  'pathways:manage',
  'templates:manage',
  'outbox:view',
  'action-plans:view',
  'notes:write',
  'notes:assure',
  'portal:view',
  'portal-access:manage',
  'audits:work',
  'audits:report',
  'funding:view',
  'funding:decide',
  'training:view',
  'training:manage',
  'updates:send',
  'complaints:view',
  'complaints:report',
  'complaints:manage',
] as const;
export type Permission = (typeof permissions)[number];

/** 'public' pages need no sign-in; 'signed-in' pages need any active user. */
export type RouteAccess = Permission | 'public' | 'signed-in';

const staff: Permission[] = ['home:view', 'account:manage'];
const caseworkers: Permission[] = [...staff, 'providers:view', 'providers:record', 'changes:view', 'work:view', 'pathways:view', 'pathways:work', 'action-plans:view', 'notes:write', 'portal-access:manage', 'audits:work', 'audits:report', 'funding:view', 'training:view', 'training:manage', 'updates:send', 'complaints:view'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [...caseworkers, 'complaints:report', 'complaints:manage', 'funding:decide', 'users:manage', 'audit-log:view', 'imports:manage', 'team:view', 'pathways:manage', 'templates:manage', 'outbox:view', 'notes:assure'],
  manager: [...caseworkers, 'complaints:report', 'complaints:manage', 'funding:decide', 'imports:manage', 'team:view', 'pathways:manage', 'notes:assure'],
  adviser: [...caseworkers],
  officer: [...caseworkers],
  viewer: [...staff, 'audits:report', 'complaints:report'],
  provider: ['home:view', 'account:manage', 'portal:view'],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  manager: 'Senior Improvement Adviser (manager)',
  adviser: 'Improvement Adviser',
  officer: 'Officer (sufficiency, funding or inclusion)',
  viewer: 'Senior leader (reports only)',
  provider: 'Provider (portal)',
};
