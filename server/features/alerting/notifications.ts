// What one group notification writes (README#alerting), without I/O: one outbox row per channel of
// the receiver (PagerDuty, email, webhook, Slack) and one `notification` history entry per alert
// it names. The routing flush gathers these rows for every group it decides on and writes them
// in one statement per table (router.ts); the console's acknowledge writes its own at once.
import type { Channel } from '../../../contract/alerting.js';
import type { Receiver } from './rules.js';
import type { AlertState } from './state-machine.js';
import type { GroupAction, Labels } from './routing.js';
import { slackMessage, webhookBody } from './contact-points.js';

export interface AlertingInstance {
  id: string;
  ruleId: string;
  fingerprint: string;
  labels: Labels;
  annotations: Record<string, string>;
  severity: string;
  state: AlertState;
  value: number | null;
  firingSince: Date | null;
  acknowledgedAt: Date | null;
}

export interface OutboxPayload {
  kind: GroupAction | 'acknowledge' | 'digest';
  instanceIds: number[];
  [k: string]: unknown;
}

/** A notification_outbox row (insert_outbox_batch's JSON shape). */
export interface OutboxRow {
  channel: Channel;
  receiver: string;
  group_key: string;
  dedup_key: string | null;
  payload: OutboxPayload;
}

/** An alert_history row (insert_history_batch's JSON shape). */
export interface HistoryRow {
  instance_id: number;
  at: string;
  from_state: string;
  to_state: string;
  value: number | null;
  detail: Record<string, unknown>;
}

export interface GroupNotice {
  action: GroupAction | 'acknowledge';
  receiverName: string;
  groupKey: string;
  dedupKey: string;
  groupLabels: Labels;
  /** The group's firing alerts (for a resolve: none left, or those still firing). */
  alerts: AlertingInstance[];
  /** A resolve: the ids that were notified, and those alerts as stored now (named by webhook and Slack). */
  resolvedIds: string[];
  resolvedAlerts: AlertingInstance[];
  at: Date;
  consoleUrl: string;
}

const labelText = (labels: Labels, sep: string) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(sep);

/** The outbox rows and history entries of one group notification to `receiver`. */
export function notificationRows(receiver: Receiver | undefined, n: GroupNotice): { outbox: OutboxRow[]; history: HistoryRow[] } {
  if (!receiver) return { outbox: [], history: [] };
  const { action, alerts, at } = n;
  const instanceIds = action === 'resolve' ? n.resolvedIds.map(Number) : alerts.map((a) => Number(a.id));
  const first = alerts[0];
  const title = first ? (first.annotations.title ?? first.ruleId) : labelText(n.groupLabels, ' ');
  const status = action === 'resolve' ? 'RESOLVED' : action === 'acknowledge' ? 'ACKNOWLEDGED' : 'FIRING';
  const subject = `[${status}${alerts.length > 1 ? `:${alerts.length}` : ''}] ${title}`;
  const base = { receiver: n.receiverName, group_key: n.groupKey };
  const outbox: OutboxRow[] = [];
  if (receiver.pagerduty?.routing_key) {
    const severity = alerts.some((a) => a.severity === 'critical') ? 'critical' : alerts.some((a) => a.severity === 'warning') ? 'warning' : 'info';
    outbox.push({
      ...base,
      channel: 'pagerduty',
      dedup_key: n.dedupKey,
      payload: {
        kind: action,
        instanceIds,
        routing_key: receiver.pagerduty.routing_key,
        event_action: action === 'resolve' ? 'resolve' : action === 'acknowledge' ? 'acknowledge' : 'trigger',
        dedup_key: n.dedupKey,
        payload: {
          summary: `${subject}: ${alerts.map((a) => a.annotations.summary ?? '').join('; ')}`.slice(0, 1024),
          source: 'pulse-console',
          severity,
          timestamp: at.toISOString(),
          custom_details: { groupLabels: n.groupLabels, alerts: alerts.map((a) => ({ labels: a.labels, value: a.value, summary: a.annotations.summary })) },
        },
      },
    });
  }
  if (receiver.email && !receiver.email.digest && action !== 'acknowledge') {
    const lines = alerts.map(
      (a) =>
        `- ${a.annotations.summary ?? a.ruleId} (${labelText(a.labels, ', ')})${a.annotations.runbook_url ? `\n  runbook: ${a.annotations.runbook_url}` : ''}`,
    );
    const text = [
      subject,
      '',
      action === 'resolve' ? 'The alert group has resolved.' : `${alerts.length} alert(s):`,
      ...lines,
      '',
      `Evaluated at ${at.toISOString()}.`,
    ].join('\n');
    outbox.push({ ...base, channel: 'email', dedup_key: null, payload: { kind: action, instanceIds, to: receiver.email.to, subject, text } });
  }
  if ((receiver.webhook || receiver.slack) && action !== 'acknowledge') {
    // A resolve names the alerts that were notified (normal now), so its message reads like the trigger's.
    const group = {
      action,
      receiver: n.receiverName,
      groupKey: n.groupKey,
      dedupKey: n.dedupKey,
      groupLabels: n.groupLabels,
      alerts: action === 'resolve' ? n.resolvedAlerts : alerts,
      at,
      consoleUrl: n.consoleUrl,
    };
    if (receiver.webhook) outbox.push({ ...base, channel: 'webhook', dedup_key: n.dedupKey, payload: { kind: action, instanceIds, body: webhookBody(group) } });
    if (receiver.slack) outbox.push({ ...base, channel: 'slack', dedup_key: n.dedupKey, payload: { kind: action, instanceIds, body: slackMessage(group) } });
  }
  const history: HistoryRow[] =
    outbox.length === 0
      ? []
      : alerts.map((a) => ({
          instance_id: Number(a.id),
          at: at.toISOString(),
          from_state: a.state,
          to_state: a.state,
          value: a.value,
          detail: { event: 'notification', action, receiver: n.receiverName },
        }));
  return { outbox, history };
}
