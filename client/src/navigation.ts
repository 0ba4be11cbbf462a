/**
 * The left navigation, the breadcrumbs and the role checks, all read from the one route table
 * (routes.ts): an entry per page with `nav: true`, grouped by its section, and every path matched
 * against the table's patterns.
 */

import type { Role } from './features/auth/api/authApi';
import { NAV_SECTIONS, PAGE_ROUTES, type NavSection, type PageRoute } from './routes';

export interface NavItem {
  path: string;
  label: string;
  summary: string;
  roles: readonly Role[];
}

export interface NavGroup {
  label: NavSection;
  items: NavItem[];
}

const itemOf = (route: PageRoute): NavItem => ({ path: route.path, label: route.title, summary: route.summary, roles: route.roles });

export const NAV_GROUPS: NavGroup[] = NAV_SECTIONS.map((section) => ({
  label: section,
  items: PAGE_ROUTES.filter((route) => route.nav && route.section === section).map(itemOf),
})).filter((group) => group.items.length > 0);

/** `/alerts/:id` as a pattern: each `:name` is one path segment. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
const MATCHERS = PAGE_ROUTES.map((route) => ({ route, pattern: patternOf(route.path) }));

/** The route of the table that serves `pathname` (trailing slashes ignored), if any. */
export function findRoute(pathname: string): PageRoute | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return MATCHERS.find(({ pattern }) => pattern.test(path))?.route;
}

export interface NavLocation {
  group: { label: NavSection };
  item: NavItem;
}

/**
 * Where `pathname` sits for the breadcrumbs and the highlighted entry: its own entry, or for a
 * detail page the entry it belongs to (`under`), or itself in its section.
 */
export function findNavLocation(pathname: string): NavLocation | undefined {
  const route = findRoute(pathname);
  if (!route) return undefined;
  const shown = (route.under && PAGE_ROUTES.find((r) => r.path === route.under)) || route;
  return { group: { label: shown.section }, item: itemOf(shown) };
}

/** The navigation as `role` sees it: groups with no entry for the role are left out. */
export function navGroupsForRole(role: Role): NavGroup[] {
  return NAV_GROUPS.map((group) => ({ ...group, items: group.items.filter((item) => item.roles.includes(role)) })).filter((group) => group.items.length > 0);
}

/** Where a role lands after login and on "/". */
export function defaultPathForRole(role: Role): string {
  switch (role) {
    case 'moderator':
      return '/moderation';
    case 'advertiser':
      return '/campaigns';
    default:
      return '/overview';
  }
}

/** Whether `role` may open `pathname` (its route's roles); paths outside the table (404s) are not restricted here. */
export function canOpen(role: Role, pathname: string): boolean {
  const route = findRoute(pathname);
  return !route || route.roles.includes(role);
}

/** The shared dashboard controls of a query string (range, from, to, tz, refresh), for links between dashboards. */
export function dashboardSearch(search: string): string {
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of ['range', 'from', 'to', 'tz', 'refresh']) {
    const value = from.get(key);
    if (value !== null) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
