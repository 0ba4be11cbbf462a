// Alerting end to end (README#alerting) over real stores, a real SMTP server and a local HTTPS
// PagerDuty endpoint. The feature is about time, so evaluations run at explicit evaluation
// times (engine.evaluateAt) over request_metrics rows written at known times; delivery runs
// for real (deliverDue) against the endpoints.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { startPagerDuty, startSmtp, type PagerDutyEndpoint, type SmtpEndpoint } from '../support/alert-endpoints.js';
import { insertRequests } from '../support/request-metrics.js';
import type { Rule } from '../../server/features/alerting/rules.js';

const MIN = 60_000;
// Two days ago on the hour: inside request_metrics' 90-day TTL, clear of anything written now.
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000;

/** Rules over request_metrics: the 5xx rate per service, critical, paged and mailed. */
function writeAlertsDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'routing.yaml'),
    `
receivers:
  - name: oncall
    pagerduty: { routing_key: \${PAGERDUTY_ROUTING_KEY} }
    email: { to: [\${ALERT_EMAIL_TO}] }
  - name: email
    email: { to: [\${ALERT_EMAIL_TO}] }
route:
  receiver: email
  group_by: [alertname, service]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 10m
  routes:
    - matchers: { severity: critical }
      receiver: oncall
`,
  );
  fs.writeFileSync(
    path.join(dir, 'rules.yaml'),
    `
rules:
  - id: t_5xx
    title: Test 5xx rate
    store: clickhouse
    query: alerting/api_5xx_rate
    params: { min_requests: 10 }
    interval: 1m
    condition: { op: '>', threshold: 0.05 }
    labels: { severity: critical, team: test }
    annotations: { summary: '{{service}} 5xx rate {{value}}' }
  - id: t_backlog
    title: Test backlog
    store: postgres
    query: alerting/moderation_backlog
    interval: 1m
    condition: { op: '>', threshold: 1000000 }
    labels: { severity: warning }
    annotations: { summary: '{{value}} open' }
`,
  );
}

const rulesOf = (c: TestConsole): Rule[] => c.alerting.service.rules();

async function evaluate(c: TestConsole, at: number) {
  const report = await c.alerting.service.engine.evaluateAt(rulesOf(c), new Date(at));
  await c.alerting.delivery.deliverDue();
  return report;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('alerting', () => {
  let pd: PagerDutyEndpoint;
  let smtp: SmtpEndpoint;
  let c: TestConsole;
  const dataDir = tempDataDir('pulse-alerting-');
  const alertsDir = path.join(dataDir, 'alerts');
  let db: { url: string; drop(): Promise<void> } | undefined;
  let env: Record<string, string>;

  before(async () => {
    writeAlertsDir(alertsDir);
    pd = await startPagerDuty(dataDir);
    smtp = await startSmtp();
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    env = {
      ...bootstrapAdminEnv,
      ALERTS_DIR: alertsDir,
      PAGERDUTY_EVENTS_HOST: pd.host,
      PAGERDUTY_CA_FILE: pd.caFile,
      PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY000000000000000000000T',
      ALERT_EMAIL_TO: 'oncall@test.local',
      SMTP_URL: smtp.url,
      ALERT_RETRY_DELAYS: '100ms,100ms,100ms',
      ALERT_DELIVERY_TIMEOUT_MS: '5000',
    };
    c = await startTestConsole(env, { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url });
    await c.ready;
  });

  after(async () => {
    await c?.stop();
    await pd?.close();
    await smtp?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The PagerDuty requests of one group, found by the dedup_key of its first trigger. */
  const eventsOf = (service: string, from = 0) => {
    const first = pd.events.slice(from).find((e) => e.body.payload?.summary.includes(service));
    return first ? pd.events.slice(from).filter((e) => e.body.dedup_key === first.body.dedup_key) : [];
  };

  test('a rule fires: exactly one PagerDuty trigger and one email; a restart while firing sends nothing again; repeat_interval; recovery resolves with the same dedup_key', async () => {
    // svc-fire: 20% errors from T0-5m to T0+15m, then clean until T0+30m.
    await insertRequests(c, 'svc-fire', T0 - 5 * MIN, T0 + 15 * MIN, 20);
    await insertRequests(c, 'svc-fire', T0 + 15 * MIN, T0 + 30 * MIN, 0);
    const first = await evaluate(c, T0);
    assert.equal(first.transitions, 1);
    assert.equal(pd.events.length, 1);
    assert.equal(pd.events[0]!.status, 202);
    assert.equal(pd.events[0]!.body.event_action, 'trigger');
    assert.equal(pd.events[0]!.body.routing_key, 'R0UTINGKEY000000000000000000000T');
    assert.equal(pd.events[0]!.body.payload!.severity, 'critical');
    assert.match(pd.events[0]!.body.payload!.summary, /svc-fire 5xx rate 0\.200/);
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.mails[0]!.to, ['oncall@test.local']);
    assert.match(smtp.mails[0]!.subject, /^\[FIRING\] Test 5xx rate$/);
    const dedup = pd.events[0]!.body.dedup_key;

    // A second evaluation a minute later: still firing, nothing new.
    await evaluate(c, T0 + MIN);
    assert.equal(pd.events.length, 1);
    assert.equal(smtp.mails.length, 1);

    // Restart while firing: the new console remembers the instance and the group.
    await c.close();
    c = await startTestConsole(env, { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url });
    await c.ready;
    const afterRestart = await evaluate(c, T0 + 5 * MIN);
    assert.equal(afterRestart.transitions, 0);
    assert.equal(pd.events.length, 1, 'no second trigger after a restart');
    await evaluate(c, T0 + 9 * MIN);
    assert.equal(pd.events.length, 1);

    // repeat_interval 10m: at T0+10m the trigger is sent again with the same dedup_key.
    await evaluate(c, T0 + 10 * MIN);
    assert.equal(pd.events.length, 2);
    assert.equal(pd.events[1]!.body.event_action, 'trigger');
    assert.equal(pd.events[1]!.body.dedup_key, dedup);
    assert.equal(smtp.mails.length, 2);

    // From T0+20m the 5-minute window holds clean requests only: resolved.
    const rec = await evaluate(c, T0 + 20 * MIN);
    assert.equal(rec.transitions, 1);
    assert.equal(pd.events.length, 3);
    assert.equal(pd.events[2]!.body.event_action, 'resolve');
    assert.equal(pd.events[2]!.body.dedup_key, dedup);
    assert.equal(smtp.mails.length, 3);
    assert.match(smtp.mails[2]!.subject, /^\[RESOLVED\]/);

    // The history of the instance: normal→firing at T0, firing→normal at T0+20m, between them notifications.
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const list = (await (await admin.call('GET', '/api/alerts?all=1')).json()) as { alerts: { id: number; labels: Record<string, string>; state: string }[] };
    const inst = list.alerts.find((a) => a.labels.service === 'svc-fire')!;
    assert.equal(inst.state, 'normal');
    const detail = (await (await admin.call('GET', `/api/alerts/${inst.id}`)).json()) as {
      history: { at: string; fromState: string; toState: string; detail: { event: string } }[];
      notifications: { status: string; channel: string }[];
    };
    const states = detail.history.filter((h) => h.detail.event === 'state').map((h) => `${h.at} ${h.fromState}->${h.toState}`);
    assert.deepEqual(states, [`${new Date(T0).toISOString()} normal->firing`, `${new Date(T0 + 20 * MIN).toISOString()} firing->normal`]);
    // trigger, repeat and resolve, on two channels each: 6 outbox rows, all delivered.
    assert.equal(detail.notifications.length, 6);
    assert.ok(detail.notifications.every((n) => n.status === 'delivered'));
  });

  test('a silence suppresses notifications, not evaluation', async () => {
    const oncall = await login(c, ADMIN.email, ADMIN.password);
    const T1 = T0 + 120 * MIN;
    const res = await oncall.call('POST', '/api/silences', {
      matchers: { alertname: 't_5xx', service: 'svc-silenced' },
      startsAt: new Date(T1 - MIN).toISOString(),
      endsAt: new Date(Date.now() + 60 * MIN).toISOString(),
      comment: 'maintenance',
    });
    assert.equal(res.status, 201);
    await insertRequests(c, 'svc-silenced', T1 - 5 * MIN, T1, 50);
    const before = pd.events.length;
    const mails = smtp.mails.length;
    const report = await evaluate(c, T1);
    assert.equal(report.transitions, 1, `the silenced alert still fires ${JSON.stringify(report)}`);
    assert.equal(pd.events.length, before);
    assert.equal(smtp.mails.length, mails);
    const list = (await (await oncall.call('GET', '/api/alerts')).json()) as {
      alerts: { labels: Record<string, string>; state: string; silencedBy: number[] }[];
    };
    const silenced = list.alerts.find((a) => a.labels.service === 'svc-silenced')!;
    assert.equal(silenced.state, 'firing');
    assert.equal(silenced.silencedBy.length, 1);
  });

  test('PagerDuty 500 twice then 202: delivered once, three attempts recorded', async () => {
    const T2 = T0 + 240 * MIN;
    await insertRequests(c, 'svc-flaky', T2 - 5 * MIN, T2, 30);
    const before = pd.events.length;
    pd.respond.set('svc-flaky', [500, 500]);
    await evaluate(c, T2);
    for (let i = 0; i < 20 && !eventsOf('svc-flaky', before).some((e) => e.status === 202); i++) {
      await sleep(120);
      await c.alerting.delivery.deliverDue();
    }
    const mine = eventsOf('svc-flaky', before);
    assert.deepEqual(
      mine.map((e) => e.status),
      [500, 500, 202],
    );
    assert.equal(new Set(mine.map((e) => e.body.dedup_key)).size, 1);
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const log = (await (await admin.call('GET', '/api/notifications?limit=10')).json()) as {
      items: { channel: string; status: string; attempts: number; attemptLog: { httpStatus: number | null; outcome: string }[]; dedupKey: string }[];
    };
    const row = log.items.find((n) => n.channel === 'pagerduty' && n.dedupKey === mine[0]!.body.dedup_key)!;
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 3);
    assert.deepEqual(
      row.attemptLog.map((a) => [a.outcome, a.httpStatus]),
      [
        ['retry', 500],
        ['retry', 500],
        ['delivered', 202],
      ],
    );
  });

  test('PagerDuty 400: dead letter at once, never retried; a person can retry it', async () => {
    const T3 = T0 + 360 * MIN;
    await insertRequests(c, 'svc-bad', T3 - 5 * MIN, T3, 30);
    const before = pd.events.length;
    pd.respond.set('svc-bad', [400]);
    await evaluate(c, T3);
    await sleep(350);
    await c.alerting.delivery.deliverDue();
    assert.deepEqual(
      eventsOf('svc-bad', before).map((e) => e.status),
      [400],
    );
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const dead = (await (await admin.call('GET', '/api/notifications?status=dead')).json()) as { items: { id: number; attempts: number; lastError: string }[] };
    assert.equal(dead.items.length, 1);
    assert.equal(dead.items[0]!.attempts, 1);
    assert.match(dead.items[0]!.lastError, /HTTP 400/);
    const retry = await admin.call('POST', `/api/notifications/${dead.items[0]!.id}/retry`, {});
    assert.equal(retry.status, 200);
    await c.alerting.delivery.deliverDue();
    assert.deepEqual(
      eventsOf('svc-bad', before).map((e) => e.status),
      [400, 202],
    );
    const again = (await (await admin.call('GET', '/api/notifications?status=dead')).json()) as { items: unknown[] };
    assert.equal(again.items.length, 0);
  });

  test('acknowledging a paged alert sends PagerDuty acknowledge with the group dedup_key', async () => {
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const list = (await (await admin.call('GET', '/api/alerts')).json()) as { alerts: { id: number; labels: Record<string, string>; state: string }[] };
    const bad = list.alerts.find((a) => a.labels.service === 'svc-bad')!;
    const trigger = pd.events.filter((e) => e.status === 202 && e.body.event_action === 'trigger').at(-1)!;
    const before = pd.events.length;
    const res = await admin.call('POST', `/api/alerts/${bad.id}/ack`, {});
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { pagerdutyAcknowledge: boolean }).pagerdutyAcknowledge, true);
    await c.alerting.delivery.deliverDue();
    const ack = pd.events.slice(before);
    assert.equal(ack.length, 1);
    assert.equal(ack[0]!.body.event_action, 'acknowledge');
    assert.equal(ack[0]!.body.dedup_key, trigger.body.dedup_key);
    const audit = (await (await admin.call('GET', '/api/admin/audit-log?action=alert.acknowledged')).json()) as {
      items: { target?: unknown; targetId?: string }[];
    };
    assert.equal(audit.items.length, 1);
    const normal = (await (await admin.call('GET', '/api/alerts?all=1')).json()) as { alerts: { id: number; state: string }[] };
    const resolved = normal.alerts.find((a) => a.state === 'normal')!;
    assert.equal((await admin.call('POST', `/api/alerts/${resolved.id}/ack`, {})).status, 409);
  });

  test('ClickHouse unreachable: one store alert, no error per rule; it resolves when ClickHouse answers', async () => {
    const T4 = T0 + 480 * MIN;
    const chHandle = c.stores.ch.handle;
    const realQuery = chHandle.client.query.bind(chHandle.client);
    // The outage: every ClickHouse query fails as a refused connection would.
    chHandle.client.query = (() =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }))) as typeof chHandle.client.query;
    const before = pd.events.length;
    try {
      const report = await evaluate(c, T4);
      assert.deepEqual(report.storeDown, ['clickhouse']);
      assert.equal(report.errors, 0);
    } finally {
      chHandle.client.query = realQuery;
    }
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const list = (await (await admin.call('GET', '/api/alerts')).json()) as { alerts: { ruleId: string; labels: Record<string, string>; state: string }[] };
    const store = list.alerts.filter((a) => a.ruleId === 'store_unreachable');
    assert.equal(store.length, 1);
    assert.equal(store[0]!.labels.store, 'clickhouse');
    assert.equal(list.alerts.filter((a) => a.labels.alertstate === 'error').length, 0);
    const paged = eventsOf('ClickHouse', before);
    assert.equal(paged.length, 1);
    assert.equal(paged[0]!.body.event_action, 'trigger');
    await evaluate(c, T4 + MIN);
    assert.equal(
      eventsOf('ClickHouse', before)
        .map((e) => e.body.event_action)
        .join(','),
      'trigger,resolve',
    );
  });

  test('a failing rule query raises its own error instance', async () => {
    const admin = await login(c, ADMIN.email, ADMIN.password);
    // The test rule on PostgreSQL times out at 1 ms only here: a UI rule with the built-in query.
    const res = await admin.call('POST', '/api/alert-rules', {
      id: 'ui_rev',
      title: 'UI revenue',
      store: 'postgres',
      query: 'alerting/revenue_drop',
      interval: '1m',
      condition: { op: '<', threshold: 0.5 },
      labels: { severity: 'warning' },
      annotations: { summary: 'x' },
    });
    assert.equal(res.status, 201);
    const bad = await admin.call('POST', '/api/alert-rules', {
      id: 'ui_bad',
      title: 'x',
      store: 'postgres',
      query: 'alerting/revenue_drop',
      params: { nope: 1 },
      condition: { op: '<', threshold: 0.5 },
      labels: { severity: 'warning' },
      annotations: { summary: 'x' },
    });
    assert.equal(bad.status, 422);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /^params\.nope: /);
    const fileRule = await admin.call('PUT', '/api/alert-rules/t_5xx', {
      title: 'x',
      store: 'postgres',
      query: 'alerting/revenue_drop',
      condition: { op: '<', threshold: 0.5 },
      labels: { severity: 'warning' },
      annotations: { summary: 'x' },
    });
    assert.equal(fileRule.status, 409);
    const rules = (await (await admin.call('GET', '/api/alert-rules')).json()) as { rules: { id: string; source: string }[] };
    assert.deepEqual(rules.rules.map((r) => `${r.id}:${r.source}`).sort(), ['store_unreachable:system', 't_5xx:file', 't_backlog:file', 'ui_rev:ui']);
    // An error: the engine's query against a closed-over failing rule (a missing table stands for a broken query).
    const broken = { ...c.alerting.service.rule('ui_rev'), id: 'ui_rev' };
    const report = await c.alerting.service.engine.evaluateAt([{ ...broken, params: { bogus: 1 } } as never], new Date(T0 + 600 * MIN));
    assert.equal(report.errors, 1);
    const list = (await (await admin.call('GET', '/api/alerts')).json()) as { alerts: { ruleId: string; labels: Record<string, string>; state: string }[] };
    assert.deepEqual(
      list.alerts.filter((a) => a.labels.alertstate === 'error').map((a) => `${a.ruleId}:${a.state}`),
      ['ui_rev:firing'],
    );
    assert.equal((await admin.call('DELETE', '/api/alert-rules/ui_rev')).status, 204);
  });
});
