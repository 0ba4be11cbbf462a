// On-call (issue 15) contact points over real stores and a real HTTPS receiver: webhook and Slack
// deliver signed bodies through the outbox with its retries, firing and resolved; a timing made in
// the console and named by a route of routing.yaml holds that route's notifications back while
// states keep changing. Evaluations run at explicit instants over request_metrics rows written at
// known times (test/support/request-metrics.ts). The time-zone window of a mute timing (Asia/Kolkata)
// is alerting-route-mutes.test.ts's; PagerDuty webhooks are alerting-pagerduty-webhooks.test.ts's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { startHttpsReceiver, type HttpsReceiver } from '../support/alert-endpoints.js';
import { muteHistory } from '../support/alert-history.js';
import { insertRequests } from '../support/request-metrics.js';

const MIN = 60_000;
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000;
const HOOK_SECRET = 'hook-secret-0123456789abcdef';
const CONSOLE_URL = 'https://pulse.example.test';

describe('webhook and Slack contact points; a console timing named in routing.yaml', () => {
  let hooks: HttpsReceiver;
  let c: TestConsole;
  const dataDir = tempDataDir('pulse-oncall-hooks-');
  let db: { url: string; drop(): Promise<void> } | undefined;

  before(async () => {
    hooks = await startHttpsReceiver(dataDir);
    const alerts = path.join(dataDir, 'alerts');
    fs.mkdirSync(alerts, { recursive: true });
    // The Slack URL and the webhook secret are settings (ALERT_SECRET_*), never written here.
    fs.writeFileSync(
      path.join(alerts, 'routing.yaml'),
      `
receivers:
  - name: hooks
    webhook: { url: ${hooks.url}/hook, secret: \${ALERT_SECRET_HOOK} }
    slack: { url: \${ALERT_SECRET_SLACK_URL} }
route:
  receiver: hooks
  group_by: [alertname, service]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 1h
  routes:
    - matchers: { alertname: t_muted }
      mute_time_intervals: [maint-named]
`,
    );
    fs.writeFileSync(
      path.join(alerts, 'rules.yaml'),
      `
rules:
  - id: t_hook
    title: Test hook 5xx
    store: clickhouse
    query: alerting/api_5xx_rate
    params: { min_requests: 10 }
    interval: 1m
    condition: { op: '>', threshold: 0.05 }
    labels: { severity: critical, team: hooks }
    annotations: { summary: '{{service}} 5xx rate {{value}}', dashboard: /latency, runbook_url: 'https://runbooks.example.com/5xx' }
  - id: t_muted
    title: Test muted 5xx
    store: clickhouse
    query: alerting/api_5xx_rate
    params: { min_requests: 10 }
    interval: 1m
    for: 1m
    condition: { op: '>', threshold: 0.2 }
    labels: { severity: warning }
    annotations: { summary: '{{service}} muted {{value}}' }
`,
    );
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    c = await startTestConsole(
      {
        ...bootstrapAdminEnv,
        ALERTS_DIR: alerts,
        ALERT_SECRET_HOOK: HOOK_SECRET,
        ALERT_SECRET_SLACK_URL: `${hooks.url}/slack/T000/B000/XXXX`,
        ALERT_WEBHOOK_CA_FILE: hooks.caFile,
        CONSOLE_URL,
        ALERT_RETRY_DELAYS: '100ms,100ms,100ms',
      },
      { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url },
    );
    await c.ready;
  });

  after(async () => {
    await c?.stop();
    await hooks?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const evaluate = async (at: number) => {
    const report = await c.alerting.service.engine.evaluateAt(c.alerting.service.rules(), new Date(at));
    await c.alerting.delivery.deliverDue();
    return report;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('webhook 500, 500, 202: one delivery, three attempts, signed body; Slack message with title, severity, summary, labels and links; resolved the same way', async () => {
    const T1 = T0 + 120 * MIN;
    // svc-hook: 10% errors until T1+1m, clean afterwards (t_hook fires at 0.05, t_muted needs 0.2).
    await insertRequests(c, 'svc-hook', T1 - 5 * MIN, T1 + MIN, 10);
    await insertRequests(c, 'svc-hook', T1 + MIN, T1 + 10 * MIN, 0);
    hooks.respond.set('/hook', [500, 500]);
    await evaluate(T1);
    for (let i = 0; i < 30 && !hooks.requests.some((r) => r.path === '/hook' && r.status === 202); i++) {
      await sleep(120);
      await c.alerting.delivery.deliverDue();
    }
    const hookReqs = hooks.requests.filter((r) => r.path === '/hook');
    assert.deepEqual(
      hookReqs.map((r) => r.status),
      [500, 500, 202],
    );
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const { alerts } = (await (await admin.call('GET', '/api/alerts')).json()) as { alerts: { id: number; ruleId: string; labels: Record<string, string> }[] };
    const alert = alerts.find((a) => a.ruleId === 't_hook' && a.labels.service === 'svc-hook')!;
    for (const r of hookReqs) {
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.headers['x-pulse-signature'], `sha256=${createHmac('sha256', HOOK_SECRET).update(r.raw).digest('hex')}`);
    }
    const body = JSON.parse(hookReqs[2]!.raw);
    assert.equal(body.status, 'firing');
    assert.equal(body.action, 'trigger');
    assert.equal(body.receiver, 'hooks');
    assert.deepEqual(body.groupLabels, { alertname: 't_hook', service: 'svc-hook' });
    assert.equal(body.severity, 'critical');
    assert.equal(body.title, 'Test hook 5xx');
    assert.equal(body.alerts.length, 1);
    assert.equal(body.alerts[0].id, alert.id);
    assert.equal(body.alerts[0].summary, 'svc-hook 5xx rate 0.100');
    assert.equal(body.alerts[0].labels.service, 'svc-hook');
    assert.equal(body.alerts[0].url, `${CONSOLE_URL}/alerts/${alert.id}`);
    assert.equal(body.alerts[0].dashboardUrl, `${CONSOLE_URL}/latency`);
    assert.equal(body.alerts[0].runbookUrl, 'https://runbooks.example.com/5xx');
    const log = (await (await admin.call('GET', '/api/notifications?limit=20')).json()) as {
      items: { channel: string; status: string; attempts: number; attemptLog: { outcome: string; httpStatus: number | null }[] }[];
    };
    const hookRow = log.items.filter((n) => n.channel === 'webhook');
    assert.equal(hookRow.length, 1);
    assert.equal(hookRow[0]!.status, 'delivered');
    assert.equal(hookRow[0]!.attempts, 3);
    assert.deepEqual(
      hookRow[0]!.attemptLog.map((a) => [a.outcome, a.httpStatus]),
      [
        ['retry', 500],
        ['retry', 500],
        ['delivered', 202],
      ],
    );

    const slack = hooks.requests.filter((r) => r.path === '/slack/T000/B000/XXXX');
    assert.equal(slack.length, 1);
    const msg = JSON.parse(slack[0]!.raw) as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] };
    assert.equal(msg.text, '[FIRING] Test hook 5xx (critical)');
    assert.equal(msg.blocks[0]!.text!.text, '[FIRING] Test hook 5xx');
    assert.deepEqual(
      msg.blocks[1]!.fields!.map((f) => f.text),
      ['*Severity*\ncritical', '*Status*\nfiring'],
    );
    assert.equal(
      msg.blocks[2]!.text!.text,
      [
        'svc-hook 5xx rate 0.100',
        '`service=svc-hook` `severity=critical` `team=hooks`',
        `<${CONSOLE_URL}/alerts/${alert.id}|Alert> · <${CONSOLE_URL}/latency|Dashboard> · <https://runbooks.example.com/5xx|Runbook>`,
      ].join('\n'),
    );
    assert.equal(log.items.filter((n) => n.channel === 'slack').length, 1);

    // Clean from T1+1m: the 5-minute window at T1+7m holds no errors → resolved, in the same style.
    await evaluate(T1 + 7 * MIN);
    const resolvedHook = hooks.requests.filter((r) => r.path === '/hook').at(-1)!;
    const rb = JSON.parse(resolvedHook.raw);
    assert.equal(rb.status, 'resolved');
    assert.equal(rb.action, 'resolve');
    assert.deepEqual(
      rb.alerts.map((a: { id: number; state: string }) => [a.id, a.state]),
      [[alert.id, 'resolved']],
    );
    assert.equal(resolvedHook.headers['x-pulse-signature'], `sha256=${createHmac('sha256', HOOK_SECRET).update(resolvedHook.raw).digest('hex')}`);
    const rs = JSON.parse(hooks.requests.filter((r) => r.path.startsWith('/slack/')).at(-1)!.raw) as { text: string; blocks: { text?: { text: string } }[] };
    assert.equal(rs.text, '[RESOLVED] Test hook 5xx (critical)');
    assert.equal(rs.blocks[0]!.text!.text, '[RESOLVED] Test hook 5xx');
  });

  test('a timing made in the console and named by a routing.yaml route: states change and are recorded, nothing is sent; the timing changed in the console lets the state out', async () => {
    const TM = T0 + 600 * MIN;
    const day = new Date(TM).getUTCDate();
    const admin = await login(c, ADMIN.email, ADMIN.password);
    // The whole UTC day of TM (TM is on an hour, so TM+2m is the same day).
    const timing = { name: 'maint-named', time_intervals: [{ days_of_month: [String(day)] }] };
    const bad = await admin.call('POST', '/api/mute-timings', { ...timing, time_intervals: [{ weekdays: ['funday'] }] });
    assert.equal(bad.status, 422);
    assert.equal(((await bad.json()) as { error: { details: { field: string } } }).error.details.field, 'time_intervals.0.weekdays.0');
    assert.equal((await admin.call('POST', '/api/mute-timings', timing)).status, 201);
    const listed = (await (await admin.call('GET', '/api/mute-timings')).json()) as { muteTimings: { name: string; source: string; routes: string[] }[] };
    assert.deepEqual(
      listed.muteTimings.map((t) => [t.name, t.source, t.routes]),
      [['maint-named', 'ui', ['route.routes[0] (hooks, alertname=t_muted)']]],
    );

    // svc-muted: 30% errors (over t_muted's 0.2) from TM-5m on.
    await insertRequests(c, 'svc-muted', TM - 5 * MIN, TM + 5 * MIN, 30);
    // t_hook fires for svc-muted too (its route is not muted): only t_muted's group is looked at.
    const mutedGroup = () => hooks.requests.filter((r) => r.raw.includes('Test muted 5xx'));
    await evaluate(TM);
    await evaluate(TM + MIN);
    assert.equal(mutedGroup().length, 0, 'nothing sent while muted');
    const { alerts } = (await (await admin.call('GET', '/api/alerts')).json()) as {
      alerts: { id: number; ruleId: string; labels: Record<string, string>; state: string }[];
    };
    const muted = alerts.find((a) => a.ruleId === 't_muted' && a.labels.service === 'svc-muted')!;
    assert.equal(muted.state, 'firing');
    assert.deepEqual(await muteHistory(admin, muted.id), {
      states: [`${new Date(TM).toISOString()} normal->pending`, `${new Date(TM + MIN).toISOString()} pending->firing`],
      muted: [`${new Date(TM + MIN).toISOString()} trigger maint-named`],
      muteTimings: ['maint-named'],
    });

    // Another day of the month from now on: the evaluation at TM+2m sends the group's state.
    const moved = { ...timing, time_intervals: [{ days_of_month: [String(day === 1 ? 2 : 1)] }] };
    assert.equal((await admin.call('PUT', '/api/mute-timings/maint-named', moved)).status, 200);
    await evaluate(TM + 2 * MIN);
    const sent = mutedGroup();
    assert.deepEqual(sent.map((r) => r.path).sort(), ['/hook', '/slack/T000/B000/XXXX']);
    const body = JSON.parse(sent.find((r) => r.path === '/hook')!.raw);
    assert.equal(body.action, 'trigger');
    assert.deepEqual(
      body.alerts.map((a: { id: number }) => a.id),
      [muted.id],
    );
  });
});
