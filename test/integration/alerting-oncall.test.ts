// On-call (issue 15) over real stores and real HTTPS: PagerDuty webhooks v3 signed with HMAC
// change the console's alert group (acknowledge, unacknowledge, resolve, reassign), a bad
// signature and a replay change nothing; webhook and Slack contact points deliver signed bodies
// through the outbox with its retries; a mute timing made in the console holds notifications
// back while states keep changing. Evaluations run at explicit times over request_metrics rows
// written at known times (as test/integration/alerting.test.ts does).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { startHttpsReceiver, startPagerDuty, type HttpsReceiver, type PagerDutyEndpoint } from '../support/alert-endpoints.js';

const MIN = 60_000;
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000;
const OLD_SECRET = 'whsec-old-0000000000000000';
const NEW_SECRET = 'whsec-new-1111111111111111';

function writeAlertsDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'routing.yaml'),
    `
receivers:
  - name: oncall
    pagerduty: { routing_key: \${PAGERDUTY_ROUTING_KEY} }
route:
  receiver: oncall
  group_by: [alertname, service]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 10m
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
    labels: { severity: critical }
    annotations: { summary: '{{service}} 5xx rate {{value}}' }
`,
  );
}

async function insertRequests(c: TestConsole, service: string, from: number, to: number, errors: number): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (let t = from; t < to; t += MIN) {
    for (let i = 0; i < 100; i++) {
      rows.push({
        ts: new Date(t + i * 500).toISOString().replace('T', ' ').replace('Z', ''),
        service,
        route: '/v1/x',
        method: 'GET',
        status: i < errors ? 500 : 200,
        duration_ms: 10,
        instance: 'test',
      });
    }
  }
  await c.stores.ch.insert('request_metrics', rows);
}

/** A PagerDuty v3 webhook body as PagerDuty documents it (trimmed to the fields PagerDuty always sends). */
function pdEvent(
  id: string,
  type: string,
  incidentKey: string,
  agent = { id: 'PJANE01', summary: 'Jane Doe' },
  assignees = [{ id: 'PJANE01', summary: 'Jane Doe' }],
) {
  return JSON.stringify({
    event: {
      id,
      event_type: type,
      resource_type: 'incident',
      occurred_at: new Date(T0 + 2 * MIN).toISOString(),
      agent: {
        ...agent,
        type: 'user_reference',
        self: `https://api.pagerduty.com/users/${agent.id}`,
        html_url: `https://acme.pagerduty.com/users/${agent.id}`,
      },
      client: null,
      data: {
        id: 'Q1INCIDENT',
        type: 'incident',
        number: 7,
        status: type.split('.')[1],
        incident_key: incidentKey,
        title: 'Test 5xx rate',
        assignees: assignees.map((a) => ({ ...a, type: 'user_reference' })),
        urgency: 'high',
      },
    },
  });
}

/** X-PagerDuty-Signature computed here with node:crypto: `v1=` + hex HMAC-SHA256 of the body. */
const sign = (body: string, secret: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('PagerDuty webhooks v3', () => {
  let pd: PagerDutyEndpoint;
  let c: TestConsole;
  const dataDir = tempDataDir('pulse-oncall-pd-');
  let db: { url: string; drop(): Promise<void> } | undefined;
  let dedupKey = '';
  let alertId = 0;

  before(async () => {
    writeAlertsDir(path.join(dataDir, 'alerts'));
    pd = await startPagerDuty(dataDir);
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    c = await startTestConsole(
      {
        ...bootstrapAdminEnv,
        ALERTS_DIR: path.join(dataDir, 'alerts'),
        PAGERDUTY_EVENTS_HOST: pd.host,
        PAGERDUTY_CA_FILE: pd.caFile,
        PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY000000000000000000000T',
        // Rotation: the old and the new secret are both accepted.
        PAGERDUTY_WEBHOOK_SECRET: `${OLD_SECRET},${NEW_SECRET}`,
      },
      { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url },
    );
    await c.ready;
    await insertRequests(c, 'svc-pd', T0 - 5 * MIN, T0 + 5 * MIN, 20);
    await c.alerting.service.engine.evaluateAt(c.alerting.service.rules(), new Date(T0));
    await c.alerting.delivery.deliverDue();
    assert.equal(pd.events.length, 1);
    assert.equal(pd.events[0]!.body.event_action, 'trigger');
    dedupKey = pd.events[0]!.body.dedup_key;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const list = (await (await admin.call('GET', '/api/alerts')).json()) as { alerts: { id: number; labels: Record<string, string> }[] };
    alertId = list.alerts.find((a) => a.labels.service === 'svc-pd')!.id;
  });

  after(async () => {
    await c?.stop();
    await pd?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (body: string, signature?: string) =>
    c.get('/api/v1/webhooks/pagerduty', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-pagerduty-signature': signature } : {}) },
      body,
    });
  type Detail = {
    alert: { acknowledgedAt: string | null; acknowledgedBy: number | null; acknowledgedByName: string | null; state: string };
    group: { dedupKey: string; pagerduty: { status: string; by: string; assignees: string[] } | null };
    history: { detail: { event: string; byName?: string; assignees?: string[] } }[];
  };
  const detail = async () => {
    const admin = await login(c, ADMIN.email, ADMIN.password);
    return (await (await admin.call('GET', `/api/alerts/${alertId}`)).json()) as Detail;
  };
  const eventRows = async () => (await c.stores.pg.handle.pool.query('SELECT count(*)::int AS n FROM pagerduty_webhook_events')).rows[0].n as number;

  test('bad or missing signature: 401 and nothing changes', async () => {
    const body = pdEvent('EV-BAD-1', 'incident.acknowledged', dedupKey);
    for (const signature of [undefined, sign(body, 'not-our-secret'), sign(`${body} `, NEW_SECRET), 'v1=zz', `v1=${'0'.repeat(64)}`]) {
      const res = await post(body, signature);
      assert.equal(res.status, 401, String(signature));
    }
    assert.equal(await eventRows(), 0);
    const d = await detail();
    assert.equal(d.alert.acknowledgedAt, null);
    assert.equal(d.group.pagerduty, null);
  });

  test('incident.acknowledged, signed with the new secret beside an unknown one: the group is acknowledged by the PagerDuty user, in history and audit log', async () => {
    const body = pdEvent('EV-ACK-1', 'incident.acknowledged', dedupKey);
    const res = await post(body, `${sign(body, 'a-secret-pagerduty-rotated-in')},${sign(body, NEW_SECRET)}`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { outcome: 'applied', eventId: 'EV-ACK-1', alerts: [alertId] });
    const d = await detail();
    assert.equal(d.group.dedupKey, dedupKey);
    assert.equal(d.alert.state, 'firing');
    assert.equal(d.alert.acknowledgedAt, new Date(T0 + 2 * MIN).toISOString());
    assert.equal(d.alert.acknowledgedBy, null);
    assert.equal(d.alert.acknowledgedByName, 'Jane Doe (PagerDuty)');
    assert.equal(d.group.pagerduty!.status, 'acknowledged');
    assert.equal(d.group.pagerduty!.by, 'Jane Doe (PagerDuty)');
    assert.deepEqual(
      d.history.filter((h) => h.detail.event === 'acknowledged').map((h) => h.detail.byName),
      ['Jane Doe (PagerDuty)'],
    );
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const audit = (await (await admin.call('GET', '/api/admin/audit-log?action=pagerduty.incident.acknowledged')).json()) as {
      items: { after: { by: string; dedupKey: string } }[];
    };
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0]!.after.by, 'Jane Doe (PagerDuty)');
    assert.equal(audit.items[0]!.after.dedupKey, dedupKey);
    // Acknowledged groups stop repeating: at T0+10m (repeat_interval) nothing is sent.
    await insertRequests(c, 'svc-pd', T0 + 5 * MIN, T0 + 11 * MIN, 20);
    await c.alerting.service.engine.evaluateAt(c.alerting.service.rules(), new Date(T0 + 10 * MIN - MIN));
    await c.alerting.service.engine.evaluateAt(c.alerting.service.rules(), new Date(T0 + 10 * MIN));
    await c.alerting.delivery.deliverDue();
    assert.equal(pd.events.length, 1);
  });

  test('incident.unacknowledged takes it back; a replay of the acknowledge then changes nothing', async () => {
    const un = pdEvent('EV-UNACK-1', 'incident.unacknowledged', dedupKey, { id: 'PBOB002', summary: 'Bob Roe' });
    assert.equal((await post(un, sign(un, OLD_SECRET))).status, 200);
    let d = await detail();
    assert.equal(d.alert.acknowledgedAt, null);
    assert.equal(d.group.pagerduty!.status, 'triggered');
    const historyBefore = d.history.length;
    const rowsBefore = await eventRows();
    const replay = pdEvent('EV-ACK-1', 'incident.acknowledged', dedupKey);
    const res = await post(replay, sign(replay, NEW_SECRET));
    assert.equal(res.status, 202);
    assert.equal(((await res.json()) as { outcome: string }).outcome, 'replayed');
    d = await detail();
    assert.equal(d.alert.acknowledgedAt, null, 'the replayed acknowledge changed nothing');
    assert.equal(d.history.length, historyBefore);
    assert.equal(await eventRows(), rowsBefore);
  });

  test('incident.reassigned records the assignees; incident.resolved acknowledges the group as resolved in PagerDuty', async () => {
    const re = pdEvent('EV-RE-1', 'incident.reassigned', dedupKey, { id: 'PBOB002', summary: 'Bob Roe' }, [{ id: 'PANA003', summary: 'Ana Lima' }]);
    assert.equal((await post(re, sign(re, NEW_SECRET))).status, 200);
    let d = await detail();
    assert.deepEqual(d.group.pagerduty!.assignees, ['Ana Lima']);
    assert.equal(d.group.pagerduty!.status, 'triggered', 'a reassignment keeps the status');
    const res = pdEvent('EV-RES-1', 'incident.resolved', dedupKey, { id: 'PANA003', summary: 'Ana Lima' }, [{ id: 'PANA003', summary: 'Ana Lima' }]);
    assert.equal((await post(res, sign(res, NEW_SECRET))).status, 200);
    d = await detail();
    assert.equal(d.group.pagerduty!.status, 'resolved');
    assert.equal(d.alert.acknowledgedByName, 'Ana Lima (PagerDuty)');
    assert.deepEqual(
      d.history.filter((h) => h.detail.byName).map((h) => `${h.detail.event}:${h.detail.byName}`),
      [
        'acknowledged:Jane Doe (PagerDuty)',
        'unacknowledged:Bob Roe (PagerDuty)',
        'reassigned:Bob Roe (PagerDuty)',
        'resolved_in_pagerduty:Ana Lima (PagerDuty)',
      ],
    );
  });

  test('an incident the console did not open, or another event type: answered 202, recorded, nothing else', async () => {
    const unknown = pdEvent('EV-UNKNOWN-1', 'incident.acknowledged', 'someone-elses-key');
    const res = await post(unknown, sign(unknown, NEW_SECRET));
    assert.equal(res.status, 202);
    assert.equal(((await res.json()) as { outcome: string }).outcome, 'unknown_incident');
    const ping = JSON.stringify({
      event: {
        id: 'EV-PING-1',
        event_type: 'pagey.ping',
        resource_type: 'pagey',
        occurred_at: new Date().toISOString(),
        agent: null,
        client: null,
        data: { message: 'Hello from your friend Pagey!', type: 'ping' },
      },
    });
    const p = await post(ping, sign(ping, OLD_SECRET));
    assert.equal(p.status, 202);
    assert.equal(((await p.json()) as { outcome: string }).outcome, 'ignored');
    const rows = (
      await c.stores.pg.handle.pool.query(
        "SELECT event_id, outcome FROM pagerduty_webhook_events WHERE event_id IN ('EV-UNKNOWN-1', 'EV-PING-1') ORDER BY event_id",
      )
    ).rows;
    assert.deepEqual(rows, [
      { event_id: 'EV-PING-1', outcome: 'ignored' },
      { event_id: 'EV-UNKNOWN-1', outcome: 'unknown_incident' },
    ]);
  });
});

const HOOK_SECRET = 'hook-secret-0123456789abcdef';
const CONSOLE_URL = 'https://pulse.example.test';

describe('webhook and Slack contact points; mute timings', () => {
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
      mute_time_intervals: [maint-kolkata]
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

  test('a mute timing made in the console over the current minutes in Asia/Kolkata: states change and are recorded, nothing is sent; after the window the state is sent', async () => {
    // TM is on a UTC hour, so in Kolkata (UTC+05:30, no DST) it is hh:30 of the local day.
    const TM = T0 + 600 * MIN;
    const local = new Date(TM + 330 * MIN);
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][local.getUTCDay()]!;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const timing = {
      name: 'maint-kolkata',
      time_intervals: [
        {
          // [TM, TM+2m) in Kolkata: the evaluations at TM and TM+1m are muted, TM+2m is not.
          times: [{ start_time: hhmm(local), end_time: hhmm(new Date(local.getTime() + 2 * MIN)) }],
          weekdays: [weekday],
          days_of_month: [String(local.getUTCDate())],
          months: [String(local.getUTCMonth() + 1)],
          location: 'Asia/Kolkata',
        },
      ],
    };
    const bad = await admin.call('POST', '/api/mute-timings', { ...timing, time_intervals: [{ weekdays: ['funday'] }] });
    assert.equal(bad.status, 422);
    assert.equal((await admin.call('POST', '/api/mute-timings', timing)).status, 201);
    const listed = (await (await admin.call('GET', '/api/mute-timings')).json()) as { muteTimings: { name: string; source: string; routes: string[] }[] };
    assert.deepEqual(
      listed.muteTimings.map((t) => [t.name, t.source, t.routes]),
      [['maint-kolkata', 'ui', ['route.routes[0] (hooks, alertname=t_muted)']]],
    );

    // svc-muted: 30% errors (over t_muted's 0.2) from TM-5m on.
    await insertRequests(c, 'svc-muted', TM - 5 * MIN, TM + 5 * MIN, 30);
    // t_hook fires for svc-muted too (its route is not muted): only t_muted's group is looked at.
    const mutedGroup = () => hooks.requests.filter((r) => r.raw.includes('Test muted 5xx'));
    const r0 = await evaluate(TM);
    const r1 = await evaluate(TM + MIN);
    assert.equal(mutedGroup().length, 0, 'nothing sent inside the window');
    const { alerts } = (await (await admin.call('GET', '/api/alerts')).json()) as {
      alerts: { id: number; ruleId: string; labels: Record<string, string>; state: string }[];
    };
    const muted = alerts.find((a) => a.ruleId === 't_muted' && a.labels.service === 'svc-muted')!;
    assert.equal(muted.state, 'firing');
    assert.ok(r0.transitions >= 1 && r1.transitions >= 1);
    type D = {
      history: { at: string; fromState: string; toState: string; detail: { event: string; timing?: string; action?: string } }[];
      group: { muteTimings: string[] };
    };
    const d = (await (await admin.call('GET', `/api/alerts/${muted.id}`)).json()) as D;
    assert.deepEqual(
      d.history.filter((h) => h.detail.event === 'state').map((h) => `${h.at} ${h.fromState}->${h.toState}`),
      [`${new Date(TM).toISOString()} normal->pending`, `${new Date(TM + MIN).toISOString()} pending->firing`],
    );
    assert.deepEqual(
      d.history.filter((h) => h.detail.event === 'muted').map((h) => `${h.at} ${h.detail.action} ${h.detail.timing}`),
      [`${new Date(TM + MIN).toISOString()} trigger maint-kolkata`],
    );
    assert.deepEqual(d.group.muteTimings, ['maint-kolkata']);

    // TM+2m is past the window: the group's state (firing) is sent now.
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
