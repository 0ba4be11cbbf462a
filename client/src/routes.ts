/**
 * Every page of the console, declared once: its path, its title, who may open it, where it sits
 * in the navigation and how its code is loaded. The router (App.tsx), the left navigation, the
 * breadcrumbs and the role checks (navigation.ts) all read this table, so a page cannot be in
 * the navigation without a route, or open to a role its entry hides it from.
 * `roles` lists who may open the page (docs/architecture.md#roles). Hiding is for clarity only:
 * the server enforces every permission on its own, and a page opened by a role not listed shows
 * "no access". Each page is its own chunk, loaded when first opened (docs/client.md#lazy-pages).
 */
import type { ComponentType } from 'react';
import type { Role } from './features/auth/api/authApi';

/** The groups of the left navigation, in order. */
export const NAV_SECTIONS = ['Dashboards', 'Moderation', 'Advertising', 'Alerting', 'Admin', 'System'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export interface PageRoute {
  /** A router path; `:id` marks a detail page opened from another page. */
  path: string;
  /** The page's name: navigation entry, breadcrumb, document title, "no access" text. */
  title: string;
  /** One sentence: what the page shows. */
  summary: string;
  roles: readonly Role[];
  section: NavSection;
  /** An entry of the left navigation (a detail page is not). */
  nav: boolean;
  /** A detail page that belongs to this navigation entry: highlighted and named in the breadcrumbs as it. */
  under?: string;
  load: () => Promise<{ default: ComponentType }>;
}

/** A named export as React.lazy wants it (`default`); the name is checked against the module. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): PageRoute['load'] {
  return () => load().then((module) => ({ default: module[name] }));
}

const PLATFORM: readonly Role[] = ['admin', 'oncall', 'analyst'];
const MODERATION: readonly Role[] = ['admin', 'moderator'];
const ON_CALL: readonly Role[] = ['admin', 'oncall'];
const ADMIN: readonly Role[] = ['admin'];

export const PAGE_ROUTES: readonly PageRoute[] = [
  {
    path: '/overview',
    title: 'Overview',
    summary: 'Headline platform numbers — views, engagement, revenue, latency and moderation backlog — for the chosen time range.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/OverviewPage'), 'OverviewPage'),
  },
  {
    path: '/trending',
    title: 'Trending videos',
    summary: 'Videos ranked by views and growth velocity, with engagement rate and average watch time per video.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/TrendingPage'), 'TrendingPage'),
  },
  {
    path: '/engagement',
    title: 'Engagement & watch time',
    summary: 'Views, likes, comments, shares, engagement rate and watch time over time, by hour or day in your timezone.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/EngagementPage'), 'EngagementPage'),
  },
  {
    path: '/creators',
    title: 'Top creators',
    summary: 'Creators ranked by follower count, with their follower growth over the chosen window.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/CreatorsPage'), 'CreatorsPage'),
  },
  {
    path: '/revenue',
    title: 'Revenue',
    summary: 'Revenue per day by source (subscriptions, ad payments, gifts), with payouts shown separately.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/RevenuePage'), 'RevenuePage'),
  },
  {
    path: '/latency',
    title: 'Latency',
    summary: 'API latency percentiles (p50, p95, p99) and error rate per route, including the console’s own requests.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/LatencyPage'), 'LatencyPage'),
  },
  {
    path: '/moderation-kpis',
    title: 'Moderation KPIs',
    summary: 'Open cases, the oldest open case, median time to decision, decisions per moderator and SLA breaches.',
    roles: ['admin', 'moderator', 'oncall', 'analyst'],
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/ModerationKpisPage'), 'ModerationKpisPage'),
  },
  {
    path: '/data-quality',
    title: 'Data quality',
    summary: 'Rejected ingest rows by reason, null rates, orphan references, ingest freshness and rollup consistency.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/DataQualityPage'), 'DataQualityPage'),
  },
  {
    path: '/definitions',
    title: 'Definitions',
    summary: 'How every metric on these dashboards is defined and computed, from the shared metric registry.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: true,
    load: page(() => import('./features/dashboards/components/DefinitionsPage'), 'DefinitionsPage'),
  },
  {
    path: '/videos/:id',
    title: 'Video',
    summary: 'One video: views and engagement over time, watch-time distribution, reports and moderation history.',
    roles: PLATFORM,
    section: 'Dashboards',
    nav: false,
    load: page(() => import('./features/dashboards/components/VideoPage'), 'VideoPage'),
  },
  {
    path: '/moderation',
    title: 'Review queue',
    summary: 'Reported videos by priority and age, where moderators claim a case and record a decision.',
    roles: MODERATION,
    section: 'Moderation',
    nav: true,
    load: page(() => import('./features/moderation/components/QueuePage'), 'QueuePage'),
  },
  {
    path: '/moderation/cases/:id',
    title: 'Moderation case',
    summary: 'One case: the video, its reports, the creator’s standing and history, the decision form.',
    roles: MODERATION,
    section: 'Moderation',
    nav: false,
    under: '/moderation',
    load: page(() => import('./features/moderation/components/CasePage'), 'CasePage'),
  },
  {
    path: '/users/:id',
    title: 'User',
    summary: 'A platform user: profile, standing and account actions, videos, reports made and received, decisions over time.',
    roles: MODERATION,
    section: 'Moderation',
    nav: false,
    load: page(() => import('./features/moderation/components/UserPage'), 'UserPage'),
  },
  {
    path: '/campaigns',
    title: 'Campaigns',
    summary: 'Campaign performance in the advertiser’s timezone and currency, with CSV and XLSX exports and scheduled reports.',
    roles: ['admin', 'analyst', 'advertiser'],
    section: 'Advertising',
    nav: true,
    load: page(() => import('./features/campaigns/components/CampaignsPage'), 'CampaignsPage'),
  },
  {
    path: '/campaigns/:id',
    title: 'Campaign report',
    summary: 'One campaign’s report by day and breakdown, its exports and its scheduled reports.',
    roles: ['admin', 'analyst', 'advertiser'],
    section: 'Advertising',
    nav: false,
    under: '/campaigns',
    load: page(() => import('./features/campaigns/components/CampaignReportPage'), 'CampaignReportPage'),
  },
  {
    path: '/alerts',
    title: 'Alerts',
    summary: 'Firing, pending and recently resolved alerts with their labels and history, to acknowledge and investigate.',
    roles: PLATFORM,
    section: 'Alerting',
    nav: true,
    load: page(() => import('./features/alerting/components/AlertsPage'), 'AlertsPage'),
  },
  {
    path: '/alerts/:id',
    title: 'Alert',
    summary: 'One alert: its state history, the rule’s series around it, acknowledge and silence.',
    roles: PLATFORM,
    section: 'Alerting',
    nav: false,
    under: '/alerts',
    load: page(() => import('./features/alerting/components/AlertDetailPage'), 'AlertDetailPage'),
  },
  {
    path: '/alert-rules',
    title: 'Rules',
    summary: 'Alert rules from YAML and from the database, with their queries, conditions and a backtest over past data.',
    roles: ON_CALL,
    section: 'Alerting',
    nav: true,
    load: page(() => import('./features/alerting/components/RulesPage'), 'RulesPage'),
  },
  {
    path: '/silences',
    title: 'Silences',
    summary: 'Active and expired silences: which labels they match, for how long, who created them and why.',
    roles: ON_CALL,
    section: 'Alerting',
    nav: true,
    load: page(() => import('./features/alerting/components/SilencesPage'), 'SilencesPage'),
  },
  {
    path: '/notifications',
    title: 'Notifications',
    summary: 'Every email and PagerDuty notification sent or queued, with delivery attempts, retries and dead letters.',
    roles: ON_CALL,
    section: 'Alerting',
    nav: true,
    load: page(() => import('./features/alerting/components/NotificationsPage'), 'NotificationsPage'),
  },
  {
    path: '/admin/accounts',
    title: 'Accounts',
    summary: 'Console accounts with their roles, where an admin creates, disables and edits logins.',
    roles: ADMIN,
    section: 'Admin',
    nav: true,
    load: page(() => import('./features/accounts/components/AccountsPage'), 'AccountsPage'),
  },
  {
    path: '/admin/api-keys',
    title: 'API keys',
    summary: 'Ingest API keys with their scopes and last use, to create and revoke them.',
    roles: ADMIN,
    section: 'Admin',
    nav: true,
    load: page(() => import('./features/api-keys/components/ApiKeysPage'), 'ApiKeysPage'),
  },
  {
    path: '/admin/audit-log',
    title: 'Audit log',
    summary: 'Every change made in the console — who, what, when and from where — newest first, filterable by actor and action.',
    roles: ADMIN,
    section: 'Admin',
    nav: true,
    load: page(() => import('./features/audit-log/components/AuditLogPage'), 'AuditLogPage'),
  },
  {
    path: '/status',
    title: 'Status',
    summary: 'Health of the stores, the alert evaluator and ingest freshness, with table sizes and applied migrations.',
    roles: ['admin', 'moderator', 'oncall', 'analyst'],
    section: 'System',
    nav: true,
    load: page(() => import('./features/status/components/StatusPage'), 'StatusPage'),
  },
  {
    path: '/account',
    title: 'Your account',
    summary: 'The signed-in account: change its password (the other sessions are signed out).',
    roles: ['admin', 'moderator', 'oncall', 'analyst', 'advertiser'],
    section: 'System',
    nav: false,
    load: page(() => import('./features/auth/components/AccountPage'), 'AccountPage'),
  },
];
