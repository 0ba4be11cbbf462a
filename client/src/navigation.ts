/**
 * Every page of the console, grouped as the left navigation shows them. App.tsx builds the
 * routes from this list, so a page cannot be in the navigation without a route, or the reverse.
 * `built: false` pages render an honest placeholder with `summary` until their feature lands.
 */

export interface NavItem {
  path: string;
  label: string;
  /** One sentence: what the page shows (the placeholder text until the page is built). */
  summary: string;
  built: boolean;
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
        built: false,
      },
      {
        path: '/trending',
        label: 'Trending videos',
        summary: 'Videos ranked by views and growth velocity, with engagement rate and average watch time per video.',
        built: false,
      },
      {
        path: '/engagement',
        label: 'Engagement & watch time',
        summary: 'Views, likes, comments, shares, engagement rate and watch time over time, by hour or day in your timezone.',
        built: false,
      },
      {
        path: '/creators',
        label: 'Top creators',
        summary: 'Creators ranked by follower count, with their follower growth over the chosen window.',
        built: false,
      },
      {
        path: '/revenue',
        label: 'Revenue',
        summary: 'Revenue per day by source (subscriptions, ad payments, gifts), with payouts shown separately.',
        built: false,
      },
      {
        path: '/latency',
        label: 'Latency',
        summary: 'API latency percentiles (p50, p95, p99) and error rate per route, including the console’s own requests.',
        built: false,
      },
      {
        path: '/data-quality',
        label: 'Data quality',
        summary: 'Rejected ingest rows by reason, null rates, orphan references, ingest freshness and rollup consistency.',
        built: false,
      },
      {
        path: '/definitions',
        label: 'Definitions',
        summary: 'How every metric on these dashboards is defined and computed, from the shared metric registry.',
        built: false,
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
        built: false,
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
        built: false,
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
        built: false,
      },
      {
        path: '/alert-rules',
        label: 'Rules',
        summary: 'Alert rules from YAML and from the database, with their queries, conditions and a backtest over past data.',
        built: false,
      },
      {
        path: '/silences',
        label: 'Silences',
        summary: 'Active and expired silences: which labels they match, for how long, who created them and why.',
        built: false,
      },
      {
        path: '/notifications',
        label: 'Notifications',
        summary: 'Every email and PagerDuty notification sent or queued, with delivery attempts, retries and dead letters.',
        built: false,
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
        built: false,
      },
      {
        path: '/admin/api-keys',
        label: 'API keys',
        summary: 'Ingest API keys with their scopes and last use, to create and revoke them.',
        built: false,
      },
      {
        path: '/admin/audit-log',
        label: 'Audit log',
        summary: 'Every change made in the console — who, what, when and from where — newest first, filterable by actor and action.',
        built: false,
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
      },
    ],
  },
];

export interface NavLocation {
  group: NavGroup;
  item: NavItem;
}

export function findNavLocation(pathname: string): NavLocation | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const group of NAV_GROUPS) {
    for (const item of group.items) {
      if (item.path === path) return { group, item };
    }
  }
  return undefined;
}
