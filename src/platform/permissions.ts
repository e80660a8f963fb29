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
  'inclusion:case',
  'inclusion:work',
  'inclusion:manage',
  'strategy:view',
  'strategy:manage',
  'sufficiency:view',
  'sufficiency:manage',
  'prospective:view',
  'prospective:manage',
  'training:view',
  'training:manage',
  'updates:send',
  'reports:view',
  'reports:manage',
  'organisation:manage',
  'complaints:view',
  'complaints:report',
  'complaints:manage',
] as const;
export type Permission = (typeof permissions)[number];

/** 'public' pages need no sign-in; 'signed-in' pages need any active user. */
export type RouteAccess = Permission | 'public' | 'signed-in';

const staff: Permission[] = ['home:view', 'account:manage'];
const caseworkers: Permission[] = [...staff, 'inclusion:case', 'providers:view', 'providers:record', 'changes:view', 'work:view', 'pathways:view', 'pathways:work', 'action-plans:view', 'notes:write', 'portal-access:manage', 'audits:work', 'audits:report', 'funding:view', 'strategy:view', 'sufficiency:view', 'prospective:view', 'training:view', 'training:manage', 'updates:send', 'complaints:view'];
/** the strategy register and the sufficiency data are kept by the SIA, officers (sufficiency) and admins */
const strategists: Permission[] = ['strategy:manage', 'sufficiency:manage', 'prospective:manage'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [...caseworkers, 'complaints:report', 'complaints:manage', 'reports:view', 'reports:manage', 'inclusion:work', 'inclusion:manage', 'funding:decide', 'users:manage', 'organisation:manage', 'audit-log:view', 'imports:manage', 'team:view', 'pathways:manage', 'templates:manage', 'outbox:view', 'notes:assure', ...strategists],
  manager: [...caseworkers, 'complaints:report', 'complaints:manage', 'reports:view', 'reports:manage', 'inclusion:work', 'inclusion:manage', 'funding:decide', 'imports:manage', 'team:view', 'pathways:manage', 'notes:assure', ...strategists],
  adviser: [...caseworkers, 'reports:view'],
  officer: [...caseworkers, 'reports:view', 'inclusion:work', ...strategists],
  viewer: [...staff, 'audits:report', 'complaints:report', 'reports:view', 'strategy:view', 'sufficiency:view'],
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
