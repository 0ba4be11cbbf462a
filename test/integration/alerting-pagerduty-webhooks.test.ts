// On-call (issue 15) over real stores and real HTTPS: PagerDuty webhooks v3 signed with HMAC
// change the console's alert group (acknowledge, unacknowledge, resolve, reassign); a bad
// signature and a replay change nothing. The group is opened by an evaluation at an explicit
// instant over request_metrics rows written at known times (test/support/request-metrics.ts).
// Webhook and Slack contact points: alerting-contact-points.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { startPagerDuty, type PagerDutyEndpoint } from '../support/alert-endpoints.js';
import { insertRequests } from '../support/request-metrics.js';

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
