// Mute timings attached to a route from the console (issue 15, docs/alerting.md "Mute timings"):
// the routes of routing.yaml stay the base, the console stores per-route attachments in
// PostgreSQL. A timing made in the console over the evaluation's minute in Asia/Kolkata and
// attached to a route mutes its alert (states change and are recorded, nothing is sent); after the
// window the next change is sent. Roles, CSRF, validation, the audit log, the refusal to delete an
// attached timing, and an attachment whose route changed in routing.yaml (stale: mutes nothing).
// Real stores, real HTTP, a real HTTPS webhook receiver; evaluations at explicit instants.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, sessionCall, type TestSession } from '../support/auth.js';
import { startHttpsReceiver, type HttpsReceiver } from '../support/alert-endpoints.js';
import { muteHistory } from '../support/alert-history.js';
import { insertRequests } from '../support/request-metrics.js';

const MIN = 60_000;
const T0 = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000;
const HOOK_SECRET = 'route-mutes-hook-secret-00000000';
const ONCALL = { email: 'oncall@route-mutes.test', password: 'oncall-password-123' };
const ANALYST = { email: 'analyst@route-mutes.test', password: 'analyst-password-123' };

type Routes = {
  routes: { path: string; receiver: string; yamlMuteTimings: string[]; consoleMuteTimings: { name: string }[]; mutedBy: string | null }[];
  stale: { route: string; timing: string; receiver: string }[];
  timings: string[];
};

describe('mute timings attached to a route from the console', () => {
  let hooks: HttpsReceiver;
  let c: TestConsole;
  let oncall: TestSession;
  let analyst: TestSession;
  let admin: TestSession;
  const dataDir = tempDataDir('pulse-route-mutes-');
  let db: { url: string; drop(): Promise<void> } | undefined;

  before(async () => {
    hooks = await startHttpsReceiver(dataDir);
    const alerts = path.join(dataDir, 'alerts');
    fs.mkdirSync(alerts, { recursive: true });
    fs.writeFileSync(
      path.join(alerts, 'routing.yaml'),
      `
receivers:
  - name: hooks
    webhook: { url: ${hooks.url}/hook, secret: \${ALERT_SECRET_HOOK} }
  - name: team-data
    webhook: { url: ${hooks.url}/data, secret: \${ALERT_SECRET_HOOK} }
time_intervals:
  # Nights of 2001 only: never active now, so no listing below depends on the hour the test runs
  # (without the year it muted route.routes[1] from 22:00 to 23:00 in Berlin, every day).
  - name: yaml-nights
    time_intervals: [{ times: [{ start_time: '22:00', end_time: '23:00' }], years: ['2001'], location: Europe/Berlin }]
route:
  receiver: hooks
  group_by: [alertname, service]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 1h
  routes:
    - matchers: { alertname: t_routed }
    - matchers: { team: data }
      receiver: team-data
      mute_time_intervals: [yaml-nights]
`,
    );
    fs.writeFileSync(
      path.join(alerts, 'rules.yaml'),
      `
rules:
  - id: t_routed
    title: Test routed 5xx
    store: clickhouse
    query: alerting/api_5xx_rate
    params: { min_requests: 10 }
    interval: 1m
    for: 1m
    condition: { op: '>', threshold: 0.2 }
    labels: { severity: warning }
    annotations: { summary: '{{service}} routed {{value}}' }
`,
    );
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    c = await startTestConsole(
      { ...bootstrapAdminEnv, ALERTS_DIR: alerts, ALERT_SECRET_HOOK: HOOK_SECRET, ALERT_WEBHOOK_CA_FILE: hooks.caFile },
      { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url },
    );
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    assert.equal((await admin.call('POST', '/api/admin/accounts', { ...ONCALL, role: 'oncall' })).status, 201);
    assert.equal((await admin.call('POST', '/api/admin/accounts', { ...ANALYST, role: 'analyst' })).status, 201);
    oncall = await login(c, ONCALL.email, ONCALL.password);
    analyst = await login(c, ANALYST.email, ANALYST.password);
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
  const routes = async (s: TestSession) => (await (await s.call('GET', '/api/routing/routes')).json()) as Routes;
  const put = (s: TestSession, route: string, muteTimings: string[]) => s.call('PUT', '/api/routing/mute-timings', { route, muteTimings });
  /** Each test starts with no console attachment (so each can run alone) and makes its own timings. */
  const reset = async () => {
    for (const r of ['route', 'route.routes[0]', 'route.routes[1]']) assert.equal((await put(oncall, r, [])).status, 200);
  };
  const timing = async (name: string, time_intervals: unknown[]) => {
    const res = await oncall.call('POST', '/api/mute-timings', { name, time_intervals });
    assert.ok(res.status === 201 || res.status === 409, `create ${name}: ${res.status}`);
  };
  const attachedNow = async () => (await routes(oncall)).routes.map((r) => r.consoleMuteTimings.map((t) => t.name));

  test('a timing made and attached in the console over the minute in Asia/Kolkata: states change and are recorded, nothing is sent; after the window the next change is sent', async () => {
    // TM is on a UTC hour, so in Kolkata (UTC+05:30, no DST) it is hh:30 of the local day.
    const TM = T0 + 600 * MIN;
    const local = new Date(TM + 330 * MIN);
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][local.getUTCDay()]!;
    await reset();
    // [TM, TM+2m) in Kolkata: the evaluations at TM and TM+1m are muted, TM+2m is not.
    const kolkata = {
      name: 'maint-kolkata',
      time_intervals: [
        {
          times: [{ start_time: hhmm(local), end_time: hhmm(new Date(local.getTime() + 2 * MIN)) }],
          weekdays: [weekday],
          days_of_month: [String(local.getUTCDate())],
          months: [String(local.getUTCMonth() + 1)],
          location: 'Asia/Kolkata',
        },
      ],
    };
    assert.equal((await oncall.call('POST', '/api/mute-timings', kolkata)).status, 201);
    const attach = await put(oncall, 'route.routes[0]', ['maint-kolkata']);
    assert.equal(attach.status, 200, await attach.clone().text());
    assert.deepEqual(((await attach.json()) as { effective: string[] }).effective, ['maint-kolkata']);

    const listed = await routes(analyst);
    assert.deepEqual(
      listed.routes.map((r) => [r.path, r.receiver, r.yamlMuteTimings, r.consoleMuteTimings.map((t) => t.name)]),
      [
        ['route', 'hooks', [], []],
        ['route.routes[0]', 'hooks', [], ['maint-kolkata']],
        ['route.routes[1]', 'team-data', ['yaml-nights'], []],
      ],
    );
    assert.ok(listed.timings.includes('maint-kolkata') && listed.timings.includes('yaml-nights'));
    const timings = (await (await analyst.call('GET', '/api/mute-timings')).json()) as { muteTimings: { name: string; routes: string[] }[] };
    assert.deepEqual(timings.muteTimings.find((t) => t.name === 'maint-kolkata')!.routes, ['route.routes[0] (hooks, alertname=t_routed) [console]']);

    // svc-a: 30 errors in 100 requests a minute = 0.3 > 0.2, from TM-5m on.
    await insertRequests(c, 'svc-a', TM - 5 * MIN, TM + 5 * MIN, 30);
    const sent = () => hooks.requests.filter((r) => r.path === '/hook' && r.raw.includes('Test routed 5xx'));
    await evaluate(TM);
    await evaluate(TM + MIN);
    assert.equal(sent().length, 0, 'nothing sent inside the window');
    const { alerts } = (await (await oncall.call('GET', '/api/alerts')).json()) as { alerts: { id: number; ruleId: string; state: string }[] };
    const alert = alerts.find((a) => a.ruleId === 't_routed')!;
    assert.equal(alert.state, 'firing');
    assert.deepEqual(await muteHistory(oncall, alert.id), {
      states: [`${new Date(TM).toISOString()} normal->pending`, `${new Date(TM + MIN).toISOString()} pending->firing`],
      muted: [`${new Date(TM + MIN).toISOString()} trigger maint-kolkata`],
      muteTimings: ['maint-kolkata'],
    });

    // TM+2m is past the window: the group's trigger goes out now, naming the alert.
    await evaluate(TM + 2 * MIN);
    assert.equal(sent().length, 1);
    const body = JSON.parse(sent()[0]!.raw) as { action: string; alerts: { id: number }[] };
    assert.equal(body.action, 'trigger');
    assert.deepEqual(
      body.alerts.map((a) => a.id),
      [alert.id],
    );

    // The attachment is in the audit log (the newest row of its action), by the on-call engineer.
    const audit = (await (await admin.call('GET', '/api/admin/audit-log?action=route.mute_timings.updated')).json()) as {
      items: { actorEmail: string; targetId: string; before: { muteTimings: string[] }; after: { muteTimings: string[] } }[];
    };
    const last = audit.items[0]!;
    assert.deepEqual(
      [last.actorEmail, last.targetId, last.before.muteTimings, last.after.muteTimings],
      [ONCALL.email, 'route.routes[0]', [], ['maint-kolkata']],
    );
  });

  test('an attached timing active now shows as muting its route; an attached console timing is not deleted until detached', async () => {
    await reset();
    // Every day of the week in New York: active whatever the real clock says.
    await timing('always-ny', [{ weekdays: ['sunday:saturday'], location: 'America/New_York' }]);
    assert.equal((await put(oncall, 'route', ['always-ny'])).status, 200);
    const listed = await routes(oncall);
    assert.deepEqual(
      listed.routes.map((r) => [r.path, r.mutedBy]),
      [
        ['route', 'always-ny'],
        ['route.routes[0]', null],
        ['route.routes[1]', null],
      ],
    );
    const refused = await oncall.call('DELETE', '/api/mute-timings/always-ny');
    assert.equal(refused.status, 409);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /attached to route; detach it/);
    assert.ok((await routes(oncall)).timings.includes('always-ny'), 'still there');
    assert.equal((await put(oncall, 'route', [])).status, 200);
    assert.equal((await oncall.call('DELETE', '/api/mute-timings/always-ny')).status, 204);
    assert.deepEqual(await attachedNow(), [[], [], []]);
  });

  test('bad input: 422 naming the field, 400 for a malformed route; analysts may look, not attach; no CSRF token, no change', async () => {
    await reset();
    await timing('maint-valid', [{ months: ['february'], location: 'Asia/Tokyo' }]);
    assert.equal((await put(oncall, 'route.routes[0]', ['maint-valid'])).status, 200);
    const unknown = await put(oncall, 'route.routes[0]', ['maint-valid', 'no-such-timing']);
    assert.equal(unknown.status, 422);
    assert.equal(((await unknown.json()) as { error: { details: { field: string } } }).error.details.field, 'muteTimings.1');
    const yamlAgain = await put(oncall, 'route.routes[1]', ['yaml-nights']);
    assert.equal(yamlAgain.status, 422);
    assert.equal(((await yamlAgain.json()) as { error: { details: { field: string } } }).error.details.field, 'muteTimings.0');
    const twice = await put(oncall, 'route.routes[0]', ['maint-valid', 'maint-valid']);
    assert.equal(twice.status, 422);
    assert.equal(((await twice.json()) as { error: { details: { field: string } } }).error.details.field, 'muteTimings.1');
    const noRoute = await put(oncall, 'route.routes[7]', ['maint-valid']);
    assert.equal(noRoute.status, 422);
    assert.equal(((await noRoute.json()) as { error: { details: { field: string } } }).error.details.field, 'route');
    assert.equal((await put(oncall, 'routes[0]', [])).status, 400);
    assert.equal((await put(analyst, 'route.routes[0]', [])).status, 403);
    const noCsrf = sessionCall(c, oncall.cookie, undefined);
    assert.equal((await noCsrf('PUT', '/api/routing/mute-timings', { route: 'route.routes[0]', muteTimings: [] })).status, 403);
    // None of these changed anything.
    assert.deepEqual(await attachedNow(), [[], ['maint-valid'], []]);
  });

  test('routing.yaml changed under an attachment: it is listed as stale and mutes nothing; detaching it with an empty list', async () => {
    await reset();
    await timing('maint-stale', [{ days_of_month: ['1'], location: 'Europe/Lisbon' }]);
    assert.equal((await put(oncall, 'route.routes[0]', ['maint-stale'])).status, 200);
    const engine = c.alerting.service.engine;
    const original = engine.routingTree;
    // The team-data route moves to the first place: route.routes[0] is now another team's route.
    engine.setRouting({ ...original, route: { ...original.route, routes: [original.route.routes[1]!, original.route.routes[0]!] } });
    try {
      const listed = await routes(oncall);
      assert.deepEqual(
        listed.stale.map((s) => [s.route, s.timing, s.receiver]),
        [['route.routes[0]', 'maint-stale', 'hooks']],
      );
      assert.deepEqual(
        listed.routes.map((r) => [r.path, r.receiver, r.consoleMuteTimings.map((t) => t.name)]),
        [
          ['route', 'hooks', []],
          ['route.routes[0]', 'team-data', []],
          ['route.routes[1]', 'hooks', []],
        ],
      );
      assert.equal((await put(oncall, 'route.routes[0]', [])).status, 200);
      assert.deepEqual((await routes(oncall)).stale, []);
    } finally {
      engine.setRouting(original);
    }
    assert.deepEqual(await attachedNow(), [[], [], []]);
  });
});
