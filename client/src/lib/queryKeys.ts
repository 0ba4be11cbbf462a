/**
 * Every query key of the console, in one place, so that a mutation names exactly what it changes
 * (docs/client.md#invalidation-what-each-change-asks-again). A key starts with its area; a shorter key is a prefix that
 * covers all the keys under it (`moderation` covers the queue, the cases, the stats and the users).
 * The parts after the area are the URL state the answer depends on: the dashboards' window and
 * timezone, the queue's filters, an id.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  search: (text: string) => ['search', text] as const,

  accounts: ['admin', 'accounts'] as const,
  apiKeys: ['admin', 'api-keys'] as const,
  auditLog: (query: object) => ['admin', 'audit-log', query] as const,

  alerting: ['alerting'] as const,
  alerts: ['alerting', 'alerts'] as const,
  alert: (id: number) => ['alerting', 'alerts', id] as const,
  alertSeries: (id: number) => ['alerting', 'alert-series', id] as const,
  rules: ['alerting', 'rules'] as const,
  ruleQueries: ['alerting', 'rule-queries'] as const,
  muteTimings: ['alerting', 'mute-timings'] as const,
  routingRoutes: ['alerting', 'routing-routes'] as const,
  silences: ['alerting', 'silences'] as const,
  notifications: (status: string | undefined) => ['alerting', 'notifications', status ?? 'all'] as const,
  allNotifications: ['alerting', 'notifications'] as const,

  campaigns: (advertiserId: number | undefined) => ['campaigns', 'list', advertiserId ?? 'all'] as const,
  campaignReport: (id: string, from: string | undefined, to: string | undefined, breakdown: string) =>
    ['campaigns', 'report', id, { from, to, breakdown }] as const,
  schedules: (campaignId: string) => ['campaigns', 'schedules', campaignId] as const,
  allSchedules: ['campaigns', 'schedules'] as const,

  /** `window` is the dashboard controls' key (range, from, to, tz); `extra` the panel's own parameters. */
  dashboard: (panel: string, window: string, extra: Record<string, unknown>) => ['dashboards', panel, window, extra] as const,
  definitions: ['dashboards', 'definitions'] as const,

  moderation: ['moderation'] as const,
  queue: (filter: object) => ['moderation', 'queue', filter] as const,
  queueNeighbours: ['moderation', 'queue', 'neighbours'] as const,
  allQueues: ['moderation', 'queue'] as const,
  moderationCase: (id: number) => ['moderation', 'case', id] as const,
  moderationStats: ['moderation', 'stats'] as const,
  user: (id: number) => ['moderation', 'user', id] as const,

  health: ['status', 'health'] as const,
  status: ['status', 'report'] as const,
};
