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
  group?: NavGroup;
  /** on the Admin page: what the page is for */
  description?: string;
}

/** Service navigation: each module adds its items (src/app/modules.ts); each is shown to the roles that hold its permission. */
export const navigation = new Registry<NavItem>('navigation');

export const ADMIN_HREF = '/admin';

/** Headings of the other landing pages (hubs): a team's areas behind one link in the top bar. */
export const hubGroups = ['Sufficiency and strategy', 'Offer to providers'] as const;
export type NavGroup = AdminGroup | (typeof hubGroups)[number];

export interface Hub {
  text: string;
  href: string;
  /** the first paragraph of its landing page */
  intro: string;
  groups: readonly NavGroup[];
}

/**
 * The landing pages that group pages under one link in the top bar (issue 17.17: the top bar keeps
 * to the pages of everyday work; each team's areas sit behind one link each, and "Admin" comes last).
 */
export const hubs: readonly Hub[] = [
  { text: 'Sufficiency and strategy', href: '/sufficiency-and-strategy', intro: 'Childcare places and gaps by ward, termly vacancy returns, prospective providers, sustainability support and the strategy register.', groups: ['Sufficiency and strategy'] },
  { text: 'Offer to providers', href: '/offer', intro: 'Training and events, updates e-mailed to settings, and compliments and complaints.', groups: ['Offer to providers'] },
  { text: 'Admin', href: ADMIN_HREF, intro: 'Pages for setting EY Hub up and checking it, used now and then rather than every day.', groups: adminGroups },
];

const isActive = (href: string, currentPath: string) => (href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(`${href}/`));
const hubOf = (item: NavItem) => hubs.find((h) => item.group && h.groups.includes(item.group));

/**
 * The top bar: the pages of everyday work, each hub where its first page would be, and "Admin" last,
 * each hub shown when the user may open any of the pages it groups.
 */
export function navigationFor(user: CurrentUser | null, currentPath: string) {
  if (!user) return [];
  const mine = navigation.list().filter((item) => roleCan(user.role, item.permission));
  // on /funding/rules "Admin" is the current section, not "Funding"
  const activeHub = hubs.find((h) => currentPath === h.href || mine.some((item) => hubOf(item) === h && isActive(item.href, currentPath)));
  const top: { text: string; href: string; active: boolean }[] = [];
  const shown = new Set<Hub>();
  const admin = hubs.at(-1)!;
  for (const item of mine) {
    const hub = hubOf(item);
    if (!hub) top.push({ text: item.text, href: item.href, active: isActive(item.href, currentPath) && !(activeHub && item.href !== '/') });
    else if (hub !== admin && !shown.has(hub)) {
      shown.add(hub);
      top.push({ text: hub.text, href: hub.href, active: activeHub === hub });
    }
  }
  if (mine.some((item) => hubOf(item) === admin)) top.push({ text: admin.text, href: admin.href, active: activeHub === admin });
  return top;
}

/** A hub's page: the grouped pages the user may open, under their headings. */
export function hubSections(user: CurrentUser, hub: Hub) {
  const mine = navigation.list().filter((item) => item.group && hub.groups.includes(item.group) && roleCan(user.role, item.permission));
  return hub.groups
    .map((heading) => ({ heading, items: mine.filter((item) => item.group === heading).map(({ text, href, description }) => ({ text, href, description: description ?? '' })) }))
    .filter((section) => section.items.length > 0);
}

/** The Admin page: the grouped pages the user may open, under their headings. */
export function adminSections(user: CurrentUser) {
  return hubSections(user, hubs.at(-1)!);
}
