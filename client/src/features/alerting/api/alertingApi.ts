import { apiGet, apiRequest } from '../../../lib/api';
import type {
  AckAnswer,
  Alert,
  AlertDetail,
  AlertRule,
  AlertSeries,
  BacktestResult,
  InvalidRule,
  Labels,
  MuteTimingItem,
  Notification,
  RulePreview,
  RouteMuteTimings,
  RoutingRoutes,
  RuleQuery,
  Silence,
  TimeIntervalAnswer,
} from '../../../../../contract/alerting';
import type { BacktestBody, NotificationsQuery, PreviewBody, RouteMuteTimingsBody, SilenceBody } from '../../../../../contract/alerting.requests';

export { ALERT_STATES, CHANNELS, NOTIFICATION_STATUSES, OPS, SEVERITIES } from '../../../../../contract/alerting';
/** A notification's delivery state (the notifications page's filter). */
export type NotificationStatus = NonNullable<NotificationsQuery['status']>;
export type {
  Alert,
  AlertDetail,
  AlertState,
  BacktestResult,
  FieldProblem,
  HistoryEntry,
  InvalidRule,
  Labels,
  Notification,
  RouteMutes,
  RoutingRoutes,
  RuleQuery,
  SeriesPoint,
  Severity,
  Silence,
} from '../../../../../contract/alerting';
export type Rule = AlertRule;
export type TimeInterval = TimeIntervalAnswer;
export type MuteTiming = MuteTimingItem;

/** GET /api/alerts. */
export async function fetchAlerts(signal: AbortSignal): Promise<Alert[]> {
  return (await apiGet<{ alerts: Alert[] }>('/api/alerts', signal)).alerts;
}

/** GET /api/alerts/:id. */
export function fetchAlert(id: number, signal: AbortSignal): Promise<AlertDetail> {
  return apiGet<AlertDetail>(`/api/alerts/${id}`, signal);
}

/** GET /api/alerts/:id/series. */
export function fetchAlertSeries(id: number, signal: AbortSignal): Promise<AlertSeries> {
  return apiGet(`/api/alerts/${id}/series`, signal);
}

/** POST /api/alerts/:id/ack. */
export function acknowledgeAlert(id: number): Promise<AckAnswer> {
  return apiRequest(`/api/alerts/${id}/ack`, { method: 'POST', body: {} });
}

/** GET /api/alert-rules: the rules, and stored UI rules the evaluator skips (with their errors). */
export function fetchRules(signal: AbortSignal): Promise<{ rules: AlertRule[]; invalid: InvalidRule[] }> {
  return apiGet<{ rules: AlertRule[]; invalid: InvalidRule[] }>('/api/alert-rules', signal);
}

/** GET /api/alert-rules/queries. */
export async function fetchRuleQueries(signal: AbortSignal): Promise<RuleQuery[]> {
  return (await apiGet<{ queries: RuleQuery[] }>('/api/alert-rules/queries', signal)).queries;
}

/** GET /api/mute-timings. */
export async function fetchMuteTimings(signal: AbortSignal): Promise<MuteTimingItem[]> {
  return (await apiGet<{ muteTimings: MuteTimingItem[] }>('/api/mute-timings', signal)).muteTimings;
}

/** POST /api/mute-timings. */
export function createMuteTiming(input: { name: string; time_intervals: TimeIntervalAnswer[] }): Promise<unknown> {
  return apiRequest('/api/mute-timings', { method: 'POST', body: input });
}

/** DELETE /api/mute-timings/:name. */
export async function deleteMuteTiming(name: string): Promise<string> {
  await apiRequest(`/api/mute-timings/${encodeURIComponent(name)}`, { method: 'DELETE' });
  return name;
}

/** GET /api/routing/routes. */
export function fetchRoutingRoutes(signal: AbortSignal): Promise<RoutingRoutes> {
  return apiGet<RoutingRoutes>('/api/routing/routes', signal);
}

/** PUT /api/routing/mute-timings: the console's timings of one route. */
export function setRouteMuteTimings(input: RouteMuteTimingsBody): Promise<RouteMuteTimings> {
  return apiRequest('/api/routing/mute-timings', { method: 'PUT', body: input });
}

/** A rule being written: the enums are what the form holds until the server checks them (422 naming the field). */
export type RuleDraft = Omit<AlertRule, 'source' | 'condition' | 'labels' | 'no_data' | 'on_error'> & {
  condition: { op: string; threshold: number };
  labels: Labels & { severity: string };
  no_data: string;
  on_error: string;
};

/** POST /api/alert-rules (create) or PUT /api/alert-rules/:id (edit). */
export function saveRule(input: { rule: RuleDraft; isNew: boolean }): Promise<{ rule: AlertRule }> {
  const { rule, isNew } = input;
  return isNew ? apiRequest('/api/alert-rules', { method: 'POST', body: rule }) : apiRequest(`/api/alert-rules/${rule.id}`, { method: 'PUT', body: rule });
}

/** DELETE /api/alert-rules/:id. */
export async function deleteRule(id: string): Promise<string> {
  await apiRequest(`/api/alert-rules/${id}`, { method: 'DELETE' });
  return id;
}

/** POST /api/alert-rules/backtest. */
export function backtestRule(input: Omit<BacktestBody, 'rule'> & { rule: RuleDraft | string }): Promise<BacktestResult> {
  return apiRequest('/api/alert-rules/backtest', { method: 'POST', body: input });
}

/** POST /api/alert-rules/preview. */
export function previewRule(rule: RuleDraft): Promise<RulePreview> {
  const body: Omit<PreviewBody, 'rule'> & { rule: RuleDraft } = { rule };
  return apiRequest('/api/alert-rules/preview', { method: 'POST', body });
}

/** GET /api/silences. */
export async function fetchSilences(signal: AbortSignal): Promise<Silence[]> {
  return (await apiGet<{ silences: Silence[] }>('/api/silences', signal)).silences;
}

/** POST /api/silences. */
export function createSilence(input: SilenceBody): Promise<{ silence: Pick<Silence, 'id' | 'matchers' | 'startsAt' | 'endsAt' | 'comment'> }> {
  return apiRequest('/api/silences', { method: 'POST', body: input });
}

/** DELETE /api/silences/:id. */
export async function expireSilence(id: number): Promise<number> {
  await apiRequest(`/api/silences/${id}`, { method: 'DELETE' });
  return id;
}

/** GET /api/notifications. */
export async function fetchNotifications(status: NotificationsQuery['status'], signal: AbortSignal): Promise<Notification[]> {
  return (await apiGet<{ items: Notification[] }>(`/api/notifications?limit=200${status ? `&status=${status}` : ''}`, signal)).items;
}

/** POST /api/notifications/:id/retry. */
export function retryNotification(id: number): Promise<{ retried: number }> {
  return apiRequest(`/api/notifications/${id}/retry`, { method: 'POST', body: {} });
}
