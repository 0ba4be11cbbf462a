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
  silencedBy: number[];
}

export interface HistoryEntry {
  id: number;
  at: string;
  fromState: string;
  toState: string;
  value: number | null;
  detail: { event?: string; action?: string; receiver?: string; reason?: string; by?: number; error?: string };
}

export interface Notification {
  id: number;
  channel: 'email' | 'pagerduty';
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
  rule: { id: string; title: string; condition: { op: string; threshold: number }; interval: string; for: string; keepFiringFor: string; source: string } | null;
  history: HistoryEntry[];
  notifications: Notification[];
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

/** GET /api/alert-rules. */
export async function fetchRules(signal: AbortSignal): Promise<Rule[]> {
  return (await apiGet<{ rules: Rule[] }>('/api/alert-rules', signal)).rules;
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
