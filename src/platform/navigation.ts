import type { CurrentUser } from './http-types.js';
import { roleCan, type Permission } from './permissions.js';
import { Registry } from './registry.js';

/** The headings of the Admin page, in its order: pages used now and then, not every day. */
export const adminGroups = ['Data from Ofsted', 'Templates and rules', 'People, e-mails and the audit log'] as const;
export type AdminGroup = (typeof adminGroups)[number];

export interface NavItem {
  text: string;
  href: string;
  permission: Permission;
  /** place in the navigation, smallest first */
  order: number;
  /** listed on the Admin page under this heading instead of in the top bar */
  group?: AdminGroup;
  /** on the Admin page: what the page is for */
  description?: string;
}

/** Service navigation: each module adds its items (src/app/modules.ts); each is shown to the roles that hold its permission. */
export const navigation = new Registry<NavItem>('navigation');

export const ADMIN_HREF = '/admin';

const isActive = (href: string, currentPath: string) => (href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(`${href}/`));

/**
 * The top bar: the pages of everyday work, then "Admin" when the user may open any of the pages it
 * groups (issue 17.17: 17 items in three rows became a short bar and a grouped Admin page).
 */
export function navigationFor(user: CurrentUser | null, currentPath: string) {
  if (!user) return [];
  const mine = navigation.list().filter((item) => roleCan(user.role, item.permission));
  const grouped = mine.filter((item) => item.group);
  // on /funding/rules "Admin" is the current section, not "Funding"
  const inGroup = grouped.some((item) => isActive(item.href, currentPath));
  const top = mine.filter((item) => !item.group).map((item) => ({ text: item.text, href: item.href, active: isActive(item.href, currentPath) && !(inGroup && item.href !== '/') }));
  if (grouped.length) top.push({ text: 'Admin', href: ADMIN_HREF, active: currentPath === ADMIN_HREF || inGroup });
  return top;
}

/** The Admin page: the grouped pages the user may open, under their headings. */
export function adminSections(user: CurrentUser) {
  const mine = navigation.list().filter((item) => item.group && roleCan(user.role, item.permission));
  return adminGroups
    .map((heading) => ({ heading, items: mine.filter((item) => item.group === heading).map(({ text, href, description }) => ({ text, href, description: description ?? '' })) }))
    .filter((section) => section.items.length > 0);
}
