import type { CurrentUser } from './http-types.js';
import { roleCan, type Permission } from './permissions.js';
import { Registry } from './registry.js';

export interface NavItem {
  text: string;
  href: string;
  permission: Permission;
  /** place in the navigation, smallest first */
  order: number;
}

/** Service navigation: each module adds its items (src/app/modules.ts); each is shown to the roles that hold its permission. */
export const navigation = new Registry<NavItem>('navigation');

export function navigationFor(user: CurrentUser | null, currentPath: string) {
  if (!user) return [];
  return navigation.list()
    .filter((item) => roleCan(user.role, item.permission))
    .map((item) => ({
      text: item.text,
      href: item.href,
      active: item.href === '/' ? currentPath === '/' : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
    }));
}
