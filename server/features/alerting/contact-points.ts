// Contact points beside PagerDuty and email (issue 15): a generic webhook (a JSON POST of the
// group's state, signed with X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the body> under the
// receiver's secret) and Slack (an incoming-webhook message). The bodies are built when a
// notification is written to the outbox; URLs and secrets are read from the routing (the
// environment) when it is sent, so no secret is ever stored in PostgreSQL.
import { createHmac } from 'node:crypto';
import type { GroupAction, Labels } from './routing.js';

/** What a message says about one group (the alerts it names: firing ones, or those a resolve ends). */
export interface GroupMessage {
  action: GroupAction;
  receiver: string;
  groupKey: string;
  dedupKey: string;
  groupLabels: Labels;
  alerts: {
    id: string;
    ruleId: string;
    labels: Labels;
    annotations: Record<string, string>;
    severity: string;
    state: string;
    value: number | null;
    firingSince: Date | null;
  }[];
  at: Date;
  consoleUrl: string;
}

const SEVERITY_ORDER = ['critical', 'warning', 'info'];

function severityOf(m: GroupMessage): string {
  return SEVERITY_ORDER.find((s) => m.alerts.some((a) => a.severity === s)) ?? 'info';
}

function titleOf(m: GroupMessage): string {
  const first = m.alerts[0];
  return first
    ? (first.annotations.title ?? first.ruleId)
    : Object.entries(m.groupLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
}

/** A link into the console: relative paths (a rule's `dashboard`) are joined to CONSOLE_URL; only http(s). */
function link(consoleUrl: string, target: string | undefined): string | undefined {
  if (!target) return undefined;
  if (/^https?:\/\//i.test(target)) return target;
  if (target.startsWith('/') && consoleUrl) return `${consoleUrl.replace(/\/$/, '')}${target}`;
  return undefined;
}

const statusOf = (m: GroupMessage) => (m.action === 'resolve' ? 'resolved' : 'firing');

/** The webhook's JSON: the group's state and its alerts (Alertmanager's webhook shape, in our words). */
export function webhookBody(m: GroupMessage) {
  return {
    version: '1',
    status: statusOf(m),
    action: m.action,
    receiver: m.receiver,
    groupKey: m.groupKey,
    dedupKey: m.dedupKey,
    groupLabels: m.groupLabels,
    title: titleOf(m),
    severity: severityOf(m),
    sentAt: m.at.toISOString(),
    alerts: m.alerts.map((a) => ({
      id: Number(a.id),
      rule: a.ruleId,
      state: m.action === 'resolve' ? 'resolved' : a.state,
      severity: a.severity,
      labels: a.labels,
      summary: a.annotations.summary ?? '',
      value: a.value,
      firingSince: a.firingSince ? new Date(a.firingSince).toISOString() : null,
      url: link(m.consoleUrl, `/alerts/${a.id}`) ?? null,
      dashboardUrl: link(m.consoleUrl, a.annotations.dashboard) ?? null,
      runbookUrl: a.annotations.runbook_url ?? null,
    })),
  };
}

/** The X-Pulse-Signature header value for a body under a secret. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Slack mrkdwn needs &, < and > escaped in text it did not write. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming-webhook message: title, severity, summary, labels, links; a resolve reads the same way. */
export function slackMessage(m: GroupMessage) {
  const status = m.action === 'resolve' ? 'RESOLVED' : 'FIRING';
  const title = `[${status}${m.alerts.length > 1 ? `:${m.alerts.length}` : ''}] ${titleOf(m)}`;
  const severity = severityOf(m);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${severity}` },
        { type: 'mrkdwn', text: `*Status*\n${status.toLowerCase()}` },
      ],
    },
  ];
  for (const a of m.alerts.slice(0, 10)) {
    const labels = Object.entries(a.labels)
      .filter(([k]) => k !== 'alertname')
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([k, v]) => `\`${esc(k)}=${esc(v)}\``)
      .join(' ');
    const links = [
      link(m.consoleUrl, `/alerts/${a.id}`) ? `<${link(m.consoleUrl, `/alerts/${a.id}`)}|Alert>` : '',
      link(m.consoleUrl, a.annotations.dashboard) ? `<${link(m.consoleUrl, a.annotations.dashboard)}|Dashboard>` : '',
      a.annotations.runbook_url ? `<${a.annotations.runbook_url}|Runbook>` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: [esc(a.annotations.summary ?? a.ruleId), labels, links].filter(Boolean).join('\n').slice(0, 3000) },
    });
  }
  if (m.alerts.length > 10) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${m.alerts.length - 10} more` }] });
  // `text` is the notification's fallback (and what a client without blocks shows).
  return { text: `${title} (${severity})`, blocks };
}
