/**
 * Every page of the console, grouped as the left navigation shows them. App.tsx builds the
 * routes from this list, so a page cannot be in the navigation without a route, or the reverse.
 * `built: false` pages render an honest placeholder with `summary` until their feature lands.
 * `roles` lists who sees the entry (docs/architecture.md#roles). Hiding is for clarity only: the server
 * enforces every permission on its own, and a page opened by a role not listed shows "no access".
 */

import type { Role } from './features/auth/api/authApi';

export interface NavItem {
  path: string;
  label: string;
  /** One sentence: what the page shows (the placeholder text until the page is built). */
  summary: string;
  built: boolean;
  roles: readonly Role[];
  /** Detail pages under this entry (e.g. a case of the review queue) that show it as their place. */
  detailPrefix?: string;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAV_GROUPS: NavGroup[] = [
  {
    label: 'Dashboards',
    items: [
      {
        path: '/overview',
        label: 'Overview',
        summary: 'Headline platform numbers — views, engagement, revenue, latency and moderation backlog — for the chosen time range.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/trending',
        label: 'Trending videos',
        summary: 'Videos ranked by views and growth velocity, with engagement rate and average watch time per video.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/engagement',
        label: 'Engagement & watch time',
        summary: 'Views, likes, comments, shares, engagement rate and watch time over time, by hour or day in your timezone.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/creators',
        label: 'Top creators',
        summary: 'Creators ranked by follower count, with their follower growth over the chosen window.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/revenue',
        label: 'Revenue',
        summary: 'Revenue per day by source (subscriptions, ad payments, gifts), with payouts shown separately.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/latency',
        label: 'Latency',
        summary: 'API latency percentiles (p50, p95, p99) and error rate per route, including the console’s own requests.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/moderation-kpis',
        label: 'Moderation KPIs',
        summary: 'Open cases, the oldest open case, median time to decision, decisions per moderator and SLA breaches.',
        built: true,
        roles: ['admin', 'moderator', 'oncall', 'analyst'],
      },
      {
        path: '/data-quality',
        label: 'Data quality',
        summary: 'Rejected ingest rows by reason, null rates, orphan references, ingest freshness and rollup consistency.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/definitions',
        label: 'Definitions',
        summary: 'How every metric on these dashboards is defined and computed, from the shared metric registry.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
    ],
  },
  {
    label: 'Moderation',
    items: [
      {
        path: '/moderation',
        label: 'Review queue',
        summary: 'Reported videos by priority and age, where moderators claim a case and record a decision.',
        built: true,
        roles: ['admin', 'moderator'],
        detailPrefix: '/moderation/cases/',
      },
    ],
  },
  {
    label: 'Advertising',
    items: [
      {
        path: '/campaigns',
        label: 'Campaigns',
        summary: 'Campaign performance in the advertiser’s timezone and currency, with CSV and XLSX exports and scheduled reports.',
        built: true,
        roles: ['admin', 'analyst', 'advertiser'],
      },
    ],
  },
  {
    label: 'Alerting',
    items: [
      {
        path: '/alerts',
        label: 'Alerts',
        summary: 'Firing, pending and recently resolved alerts with their labels and history, to acknowledge and investigate.',
        built: true,
        roles: ['admin', 'oncall', 'analyst'],
      },
      {
        path: '/alert-rules',
        label: 'Rules',
        summary: 'Alert rules from YAML and from the database, with their queries, conditions and a backtest over past data.',
        built: true,
        roles: ['admin', 'oncall'],
      },
      {
        path: '/silences',
        label: 'Silences',
        summary: 'Active and expired silences: which labels they match, for how long, who created them and why.',
        built: true,
        roles: ['admin', 'oncall'],
      },
      {
        path: '/notifications',
        label: 'Notifications',
        summary: 'Every email and PagerDuty notification sent or queued, with delivery attempts, retries and dead letters.',
        built: true,
        roles: ['admin', 'oncall'],
      },
    ],
  },
  {
    label: 'Admin',
    items: [
      {
        path: '/admin/accounts',
        label: 'Accounts',
        summary: 'Console accounts with their roles, where an admin creates, disables and edits logins.',
        built: true,
        roles: ['admin'],
      },
      {
        path: '/admin/api-keys',
        label: 'API keys',
        summary: 'Ingest API keys with their scopes and last use, to create and revoke them.',
        built: true,
        roles: ['admin'],
      },
      {
        path: '/admin/audit-log',
        label: 'Audit log',
        summary: 'Every change made in the console — who, what, when and from where — newest first, filterable by actor and action.',
        built: true,
        roles: ['admin'],
      },
    ],
  },
  {
    label: 'System',
    items: [
      {
        path: '/status',
        label: 'Status',
        summary: 'Health of the stores, the alert evaluator and ingest freshness, with table sizes and applied migrations.',
        built: true,
        roles: ['admin', 'moderator', 'oncall', 'analyst'],
      },
    ],
  },
];

export interface NavLocation {
  group: NavGroup;
  item: NavItem;
}

/** Pages outside the navigation, opened from another page (a video from the trending table). */
const DETAIL_PAGES: { pattern: RegExp; group: string; item: NavItem }[] = [
  {
    pattern: /^\/videos\/[^/]+$/,
    group: 'Dashboards',
    item: {
      path: '/videos/:id',
      label: 'Video',
      summary: 'One video: views and engagement over time, watch-time distribution, reports and moderation history.',
      built: true,
      roles: ['admin', 'oncall', 'analyst'],
    },
  },
  {
    pattern: /^\/users\/[^/]+$/,
    group: 'Moderation',
    item: {
      path: '/users/:id',
      label: 'User',
      summary: 'A platform user: profile, standing and account actions, videos, reports made and received, decisions over time.',
      built: true,
      roles: ['admin', 'moderator'],
    },
  },
];
/** Pages below an entry (e.g. /campaigns/:id) belong to that entry: breadcrumbs and role checks. */
const DETAIL_PARENTS = ['/campaigns'];

export function findNavLocation(pathname: string): NavLocation | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const parent = DETAIL_PARENTS.find((p) => path.startsWith(`${p}/`));
  for (const group of NAV_GROUPS) {
    for (const item of group.items) {
      if (item.path === path || item.path === parent) return { group, item };
    }
  }
  for (const detail of DETAIL_PAGES) {
    const group = NAV_GROUPS.find((g) => g.label === detail.group);
    if (group && detail.pattern.test(path)) return { group, item: detail.item };
  }
  for (const group of NAV_GROUPS) {
    for (const item of group.items) {
      if (item.detailPrefix && path.startsWith(item.detailPrefix)) return { group, item };
    }
  }
  // A detail page (/alerts/42) sits under its list's entry.
  for (const group of NAV_GROUPS) {
    for (const item of group.items) {
      if (path.startsWith(`${item.path}/`)) return { group, item };
    }
  }
  return undefined;
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

/** Whether `role` may open `pathname`; paths outside the navigation (404s) are not restricted here. */
export function canOpen(role: Role, pathname: string): boolean {
  const location = findNavLocation(pathname);
  return !location || location.item.roles.includes(role);
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
