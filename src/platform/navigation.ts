import type { CurrentUser } from './http-types.js';
import { roleCan, type Permission } from './permissions.js';

interface NavItem {
  text: string;
  href: string;
  permission: Permission;
}

/** Service navigation: each item is shown to the roles that hold its permission. */
const items: NavItem[] = [
  { text: 'Home', href: '/', permission: 'home:view' },
  { text: 'Your setting', href: '/portal', permission: 'portal:view' },
  { text: 'My work', href: '/my-work', permission: 'work:view' },
  { text: 'Visits', href: '/visits', permission: 'work:view' },
  { text: 'Team', href: '/team', permission: 'team:view' },
  { text: 'Providers', href: '/providers', permission: 'providers:view' },
  { text: 'Changes from Ofsted', href: '/changes', permission: 'changes:view' },
  { text: 'Imports', href: '/imports', permission: 'imports:manage' },
  { text: 'Funding', href: '/funding', permission: 'funding:view' },
  { text: 'Audit reports', href: '/audit-reports', permission: 'audits:report' },
  { text: 'Pathway templates', href: '/pathway-templates', permission: 'templates:manage' },
  { text: 'Audit templates', href: '/audit-templates', permission: 'templates:manage' },
  { text: 'E-mails', href: '/outbox', permission: 'outbox:view' },
  { text: 'Users', href: '/users', permission: 'users:manage' },
  { text: 'Audit log', href: '/audit-log', permission: 'audit-log:view' },
];

export function navigationFor(user: CurrentUser | null, currentPath: string) {
  if (!user) return [];
  return items
    .filter((item) => roleCan(user.role, item.permission))
    .map((item) => ({
      text: item.text,
      href: item.href,
      active: item.href === '/' ? currentPath === '/' : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
    }));
}
