// Alerting's vocabulary and answers (README#alerting): severities, instance states, channels,
// rules, alerts, silences, mute timings, notifications and backtests as the API sends them.
// Shared by the alerting feature (its rule files use the same enums) and the client.
import { z } from 'zod';

const zInstant = z.iso.datetime();

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export const zSeverity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof zSeverity>;

export const OPS = ['>', '>=', '<', '<=', '==', '!='] as const;
export const zOp = z.enum(OPS);
export type Op = z.infer<typeof zOp>;

export const ALERT_STATES = ['normal', 'pending', 'firing', 'recovering'] as const;
export const zAlertState = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof zAlertState>;

/** Where a notification goes. */
export const CHANNELS = ['email', 'pagerduty', 'webhook', 'slack'] as const;
export const zChannel = z.enum(CHANNELS);
export type Channel = z.infer<typeof zChannel>;

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'dead'] as const;
export const zNotificationStatus = z.enum(NOTIFICATION_STATUSES);

export const RULE_STORES = ['postgres', 'clickhouse'] as const;
export const RULE_SOURCES = ['file', 'ui', 'system'] as const;
/** What a rule does when its query returns no rows, and when the query fails (README#alerting). */
export const NO_DATA_POLICIES = ['ok', 'no_data', 'keep_state'] as const;
export const ERROR_POLICIES = ['error', 'keep_state'] as const;

export const zLabels = z.record(z.string(), z.string());
export type Labels = z.infer<typeof zLabels>;

export const zAlert = z.object({
  id: z.number(),
  ruleId: z.string(),
  labels: zLabels,
  annotations: z.record(z.string(), z.string()),
  severity: zSeverity,
  state: zAlertState,
  value: z.number().nullable(),
  activeSince: zInstant.nullable(),
  firingSince: zInstant.nullable(),
  lastEvalAt: zInstant.nullable(),
  acknowledgedAt: zInstant.nullable(),
  acknowledgedBy: z.number().nullable(),
  /** Who acknowledged when it was not a console account ("Jane Doe (PagerDuty)"). */
  acknowledgedByName: z.string().nullable(),
  silencedBy: z.array(z.number()),
});
export type Alert = z.infer<typeof zAlert>;
export const zAlerts = z.object({ alerts: z.array(zAlert) });

export const zHistoryEntry = z.object({
  id: z.number(),
  at: zInstant,
  fromState: z.string(),
  toState: z.string(),
  value: z.number().nullable(),
  detail: z.object({
    event: z.string().optional(),
    action: z.string().optional(),
    receiver: z.string().optional(),
    reason: z.string().optional(),
    by: z.number().nullable().optional(),
    byName: z.string().optional(),
    timing: z.string().optional(),
    assignees: z.array(z.string()).optional(),
    error: z.string().optional(),
  }),
});
export type HistoryEntry = z.infer<typeof zHistoryEntry>;

export const zNotification = z.object({
  id: z.number(),
  channel: zChannel,
  receiver: z.string(),
  kind: z.string(),
  subject: z.string(),
  dedupKey: z.string().nullable(),
  instanceIds: z.array(z.number()),
  status: zNotificationStatus,
  attempts: z.number(),
  nextAttemptAt: zInstant.nullable(),
  lastError: z.string().nullable(),
  createdAt: zInstant,
  deliveredAt: zInstant.nullable(),
  attemptLog: z.array(z.object({ at: z.string(), outcome: z.string(), httpStatus: z.number().nullable(), error: z.string().nullable() })),
});
export type Notification = z.infer<typeof zNotification>;
/** GET /api/notifications: newest first; `nextCursor` is the last id, null on the last page. */
export const zNotificationPage = z.object({ items: z.array(zNotification), nextCursor: z.number().nullable() });

const zCondition = z.object({ op: zOp, threshold: z.number() });

export const zAlertDetail = z.object({
  alert: zAlert,
  rule: z
    .object({
      id: z.string(),
      title: z.string(),
      condition: zCondition,
      interval: z.string(),
      for: z.string(),
      keepFiringFor: z.string(),
      source: z.enum(RULE_SOURCES),
    })
    .nullable(),
  history: z.array(zHistoryEntry),
  notifications: z.array(zNotification),
  group: z.object({
    receiver: z.string(),
    labels: zLabels,
    dedupKey: z.string().nullable(),
    /** The mute timing muting the alert's route now, if any; the route's timings. */
    mutedBy: z.string().nullable(),
    muteTimings: z.array(z.string()),
    pagerduty: z.object({ status: z.string(), by: z.string().nullable(), at: zInstant.nullable(), assignees: z.array(z.string()) }).nullable(),
  }),
});
export type AlertDetail = z.infer<typeof zAlertDetail>;

export const zSeriesPoint = z.object({ at: zInstant, value: z.number().nullable(), state: z.string() });
export type SeriesPoint = z.infer<typeof zSeriesPoint>;
/** GET /api/alerts/:id/series: no threshold (and no op) when the alert's rule is gone. */
export const zAlertSeries = z.object({ threshold: z.number().nullable(), op: zOp.optional(), points: z.array(zSeriesPoint) });
export type AlertSeries = z.infer<typeof zAlertSeries>;
export const zAckAnswer = z.object({ alert: zAlert, pagerdutyAcknowledge: z.boolean() });
export type AckAnswer = z.infer<typeof zAckAnswer>;

/** A rule as listed: the rule file's fields (snake_case, as in alerts/*.yaml), where it comes from. */
export const zAlertRule = z.object({
  id: z.string(),
  title: z.string(),
  store: z.enum(RULE_STORES),
  query: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  interval: z.string(),
  condition: zCondition,
  for: z.string(),
  keep_firing_for: z.string(),
  no_data: z.enum(NO_DATA_POLICIES),
  on_error: z.enum(ERROR_POLICIES),
  labels: z.record(z.string(), z.string()).and(z.object({ severity: zSeverity })),
  annotations: z.object({ summary: z.string(), runbook_url: z.string().optional(), dashboard: z.string().optional() }),
  enabled: z.boolean(),
  source: z.enum(RULE_SOURCES),
});
export type AlertRule = z.infer<typeof zAlertRule>;
export const zFieldProblem = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof zFieldProblem>;
/** A stored UI rule the evaluator skips, with why. */
export const zInvalidRule = z.object({ id: z.string(), definition: z.record(z.string(), z.unknown()), errors: z.array(zFieldProblem) });
export type InvalidRule = z.infer<typeof zInvalidRule>;
export const zAlertRules = z.object({ rules: z.array(zAlertRule), invalid: z.array(zInvalidRule) });
export const zAlertRuleAnswer = z.object({ rule: zAlertRule });

export const zRuleQuery = z.object({
  store: z.enum(RULE_STORES),
  query: z.string(),
  description: z.string(),
  params: z.array(z.object({ name: z.string(), type: z.enum(['number', 'text']) })),
});
export type RuleQuery = z.infer<typeof zRuleQuery>;
export const zRuleQueries = z.object({ queries: z.array(zRuleQuery) });

export const zBacktest = z.object({
  evaluations: z.number(),
  transitions: z.array(z.object({ at: zInstant, labels: zLabels, from: z.string(), to: z.string(), value: z.number().nullable(), reason: z.string() })),
  notifications: z.array(
    z.object({
      at: zInstant,
      action: z.string(),
      receiver: z.string(),
      channels: z.array(z.string()),
      groupLabels: zLabels,
      alerts: z.number(),
      dedupKey: z.string(),
    }),
  ),
  series: z.array(z.object({ labels: zLabels, points: z.array(zSeriesPoint) })),
});
export type BacktestResult = z.infer<typeof zBacktest>;
export const zRulePreview = z.object({ at: zInstant, rows: z.array(z.record(z.string(), z.unknown())), total: z.number() });
export type RulePreview = z.infer<typeof zRulePreview>;

export const zSilence = z.object({
  id: z.number(),
  matchers: zLabels,
  startsAt: zInstant,
  endsAt: zInstant,
  comment: z.string(),
  createdAt: zInstant,
  createdBy: z.string().nullable(),
  active: z.boolean(),
  expired: z.boolean(),
});
export type Silence = z.infer<typeof zSilence>;
export const zSilences = z.object({ silences: z.array(zSilence) });
/** POST /api/silences: the silence as stored. */
export const zCreatedSilence = z.object({ silence: zSilence.pick({ id: true, matchers: true, startsAt: true, endsAt: true, comment: true }) });

export const zTimeIntervalAnswer = z.object({
  times: z.array(z.object({ start_time: z.string(), end_time: z.string() })).optional(),
  weekdays: z.array(z.string()).optional(),
  days_of_month: z.array(z.string()).optional(),
  months: z.array(z.string()).optional(),
  years: z.array(z.string()).optional(),
  location: z.string().optional(),
});
export type TimeIntervalAnswer = z.infer<typeof zTimeIntervalAnswer>;
export const zMuteTimingItem = z.object({
  name: z.string(),
  timeIntervals: z.array(zTimeIntervalAnswer),
  source: z.enum(['file', 'ui']),
  routes: z.array(z.string()),
  active: z.boolean(),
});
export type MuteTimingItem = z.infer<typeof zMuteTimingItem>;
export const zMuteTimings = z.object({ muteTimings: z.array(zMuteTimingItem) });
/** POST/PUT /api/mute-timings: the timing as saved (Alertmanager's shape). */
export const zMuteTimingAnswer = z.object({ muteTiming: z.object({ name: z.string(), time_intervals: z.array(zTimeIntervalAnswer) }) });

export const zRetryAnswer = z.object({ retried: z.number() });
/** POST /api/v1/webhooks/pagerduty: applied (200), or replayed / nothing to change (202). */
export const zPagerDutyWebhookAnswer = z.object({ outcome: z.string(), eventId: z.string(), alerts: z.array(z.number()).optional() });

/** A route of routing.yaml with the mute timings muting it (GET /api/routing/routes). */
export const zRouteMutes = z.object({
  path: z.string(),
  depth: z.number(),
  receiver: z.string(),
  matchers: zLabels,
  /** Named in routing.yaml (read-only here). */
  yamlMuteTimings: z.array(z.string()),
  /** Attached in the console. */
  consoleMuteTimings: z.array(z.object({ name: z.string(), createdBy: z.number().nullable(), createdAt: zInstant })),
  mutedBy: z.string().nullable(),
});
export type RouteMutes = z.infer<typeof zRouteMutes>;
export const zRoutingRoutes = z.object({
  routes: z.array(zRouteMutes),
  /** Console attachments whose route changed in routing.yaml: they mute nothing. */
  stale: z.array(z.object({ route: z.string(), timing: z.string(), receiver: z.string(), matchers: zLabels })),
  /** Every timing name that can be attached. */
  timings: z.array(z.string()),
});
export type RoutingRoutes = z.infer<typeof zRoutingRoutes>;
/** PUT /api/routing/mute-timings: the console's timings of one route. */
export const zRouteMuteTimings = z.object({ route: z.string(), muteTimings: z.array(z.string()) });
export type RouteMuteTimings = z.infer<typeof zRouteMuteTimings>;
