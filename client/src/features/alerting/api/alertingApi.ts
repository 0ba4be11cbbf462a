import { apiGet, apiRequest } from '../../../lib/api';

export type Labels = Record<string, string>;
export type AlertState = 'normal' | 'pending' | 'firing' | 'recovering';

export interface Alert {
  id: number;
  ruleId: string;
  labels: Labels;
  annotations: Record<string, string>;
  severity: 'critical' | 'warning' | 'info';
  state: AlertState;
  value: number | null;
  activeSince: string | null;
  firingSince: string | null;
  lastEvalAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: number | null;
  /** Who acknowledged when it was not a console account ("Jane Doe (PagerDuty)"). */
  acknowledgedByName: string | null;
  silencedBy: number[];
}

export interface HistoryEntry {
  id: number;
  at: string;
  fromState: string;
  toState: string;
  value: number | null;
  detail: {
    event?: string;
    action?: string;
    receiver?: string;
    reason?: string;
    by?: number | null;
    byName?: string;
    timing?: string;
    assignees?: string[];
    error?: string;
  };
}

export interface Notification {
  id: number;
  channel: 'email' | 'pagerduty' | 'webhook' | 'slack';
  receiver: string;
  kind: string;
  subject: string;
  dedupKey: string | null;
  instanceIds: number[];
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  attemptLog: { at: string; outcome: string; httpStatus: number | null; error: string | null }[];
}

export interface AlertDetail {
  alert: Alert;
  rule: {
    id: string;
    title: string;
    condition: { op: string; threshold: number };
    interval: string;
    for: string;
    keepFiringFor: string;
    source: string;
  } | null;
  history: HistoryEntry[];
  notifications: Notification[];
  group: {
    receiver: string;
    labels: Labels;
    dedupKey: string | null;
    /** The mute timing muting the alert's route now, if any; the route's timings. */
    mutedBy: string | null;
    muteTimings: string[];
    pagerduty: { status: string; by: string | null; at: string | null; assignees: string[] } | null;
  };
}

export interface SeriesPoint {
  at: string;
  value: number | null;
  state: string;
}

export interface Rule {
  id: string;
  title: string;
  store: 'postgres' | 'clickhouse';
  query: string;
  params: Record<string, number | string>;
  interval: string;
  condition: { op: string; threshold: number };
  for: string;
  keep_firing_for: string;
  no_data: string;
  on_error: string;
  labels: Labels & { severity: string };
  annotations: { summary: string; runbook_url?: string; dashboard?: string };
  enabled: boolean;
  source: 'file' | 'ui' | 'system';
}

export interface BacktestResult {
  evaluations: number;
  transitions: { at: string; labels: Labels; from: string; to: string; value: number | null; reason: string }[];
  notifications: { at: string; action: string; receiver: string; channels: string[]; groupLabels: Labels; alerts: number; dedupKey: string }[];
  series: { labels: Labels; points: SeriesPoint[] }[];
}

export interface Silence {
  id: number;
  matchers: Labels;
  startsAt: string;
  endsAt: string;
  comment: string;
  createdAt: string;
  createdBy: string | null;
  active: boolean;
  expired: boolean;
}

/** GET /api/alerts. */
export async function fetchAlerts(signal: AbortSignal): Promise<Alert[]> {
  return (await apiGet<{ alerts: Alert[] }>('/api/alerts', signal)).alerts;
}

/** GET /api/alerts/:id. */
export function fetchAlert(id: number, signal: AbortSignal): Promise<AlertDetail> {
  return apiGet<AlertDetail>(`/api/alerts/${id}`, signal);
}

/** GET /api/alerts/:id/series. */
export function fetchAlertSeries(id: number, signal: AbortSignal): Promise<{ threshold: number | null; op?: string; points: SeriesPoint[] }> {
  return apiGet(`/api/alerts/${id}/series`, signal);
}

/** POST /api/alerts/:id/ack. */
export function acknowledgeAlert(id: number): Promise<{ pagerdutyAcknowledge: boolean }> {
  return apiRequest(`/api/alerts/${id}/ack`, { method: 'POST', body: {} });
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface InvalidRule {
  id: string;
  definition: Record<string, unknown>;
  errors: FieldProblem[];
}

/** GET /api/alert-rules: the rules, and stored UI rules the evaluator skips (with their errors). */
export function fetchRules(signal: AbortSignal): Promise<{ rules: Rule[]; invalid: InvalidRule[] }> {
  return apiGet<{ rules: Rule[]; invalid: InvalidRule[] }>('/api/alert-rules', signal);
}

export interface RuleQuery {
  store: 'postgres' | 'clickhouse';
  query: string;
  description: string;
  params: { name: string; type: 'number' | 'text' }[];
}

/** GET /api/alert-rules/queries. */
export async function fetchRuleQueries(signal: AbortSignal): Promise<RuleQuery[]> {
  return (await apiGet<{ queries: RuleQuery[] }>('/api/alert-rules/queries', signal)).queries;
}

export interface TimeInterval {
  times?: { start_time: string; end_time: string }[];
  weekdays?: string[];
  days_of_month?: string[];
  months?: string[];
  years?: string[];
  location?: string;
}

export interface MuteTiming {
  name: string;
  timeIntervals: TimeInterval[];
  source: 'file' | 'ui';
  routes: string[];
  active: boolean;
}

/** GET /api/mute-timings. */
export async function fetchMuteTimings(signal: AbortSignal): Promise<MuteTiming[]> {
  return (await apiGet<{ muteTimings: MuteTiming[] }>('/api/mute-timings', signal)).muteTimings;
}

/** POST /api/mute-timings. */
export function createMuteTiming(input: { name: string; time_intervals: TimeInterval[] }): Promise<unknown> {
  return apiRequest('/api/mute-timings', { method: 'POST', body: input });
}

/** DELETE /api/mute-timings/:name. */
export async function deleteMuteTiming(name: string): Promise<string> {
  await apiRequest(`/api/mute-timings/${encodeURIComponent(name)}`, { method: 'DELETE' });
  return name;
}

/** A route of routing.yaml with the mute timings muting it (GET /api/routing/routes). */
export interface RouteMutes {
  path: string;
  depth: number;
  receiver: string;
  matchers: Labels;
  /** Named in routing.yaml (read-only here). */
  yamlMuteTimings: string[];
  /** Attached in the console. */
  consoleMuteTimings: { name: string; createdBy: number | null; createdAt: string }[];
  mutedBy: string | null;
}

export interface RoutingRoutes {
  routes: RouteMutes[];
  /** Console attachments whose route changed in routing.yaml: they mute nothing. */
  stale: { route: string; timing: string; receiver: string; matchers: Labels }[];
  /** Every timing name that can be attached. */
  timings: string[];
}

/** GET /api/routing/routes. */
export function fetchRoutingRoutes(signal: AbortSignal): Promise<RoutingRoutes> {
  return apiGet<RoutingRoutes>('/api/routing/routes', signal);
}

/** PUT /api/routing/mute-timings: the console's timings of one route. */
export function setRouteMuteTimings(input: { route: string; muteTimings: string[] }): Promise<{ route: string; muteTimings: string[] }> {
  return apiRequest('/api/routing/mute-timings', { method: 'PUT', body: input });
}

export type RuleDraft = Omit<Rule, 'source'>;

/** POST /api/alert-rules (create) or PUT /api/alert-rules/:id (edit). */
export function saveRule(input: { rule: RuleDraft; isNew: boolean }): Promise<{ rule: Rule }> {
  const { rule, isNew } = input;
  return isNew ? apiRequest('/api/alert-rules', { method: 'POST', body: rule }) : apiRequest(`/api/alert-rules/${rule.id}`, { method: 'PUT', body: rule });
}

/** DELETE /api/alert-rules/:id. */
export async function deleteRule(id: string): Promise<string> {
  await apiRequest(`/api/alert-rules/${id}`, { method: 'DELETE' });
  return id;
}

/** POST /api/alert-rules/backtest. */
export function backtestRule(input: { rule: RuleDraft | string; from: string; to: string }): Promise<BacktestResult> {
  return apiRequest('/api/alert-rules/backtest', { method: 'POST', body: input });
}

/** POST /api/alert-rules/preview. */
export function previewRule(rule: RuleDraft): Promise<{ at: string; rows: Record<string, unknown>[]; total: number }> {
  return apiRequest('/api/alert-rules/preview', { method: 'POST', body: { rule } });
}

/** GET /api/silences. */
export async function fetchSilences(signal: AbortSignal): Promise<Silence[]> {
  return (await apiGet<{ silences: Silence[] }>('/api/silences', signal)).silences;
}

/** POST /api/silences. */
export function createSilence(input: { matchers: Labels; endsAt: string; comment: string }): Promise<{ silence: Silence }> {
  return apiRequest('/api/silences', { method: 'POST', body: input });
}

/** DELETE /api/silences/:id. */
export async function expireSilence(id: number): Promise<number> {
  await apiRequest(`/api/silences/${id}`, { method: 'DELETE' });
  return id;
}

/** GET /api/notifications. */
export async function fetchNotifications(status: string | undefined, signal: AbortSignal): Promise<Notification[]> {
  return (await apiGet<{ items: Notification[] }>(`/api/notifications?limit=200${status ? `&status=${status}` : ''}`, signal)).items;
}

/** POST /api/notifications/:id/retry. */
export function retryNotification(id: number): Promise<{ retried: number }> {
  return apiRequest(`/api/notifications/${id}/retry`, { method: 'POST', body: {} });
}
