// Alerting away from the happy path (docs/alerting.md, docs/testing.md), through the engine's evaluate-at-time entry point,
// the stored instances and groups, the outbox and real endpoints (SMTP server, local HTTPS
// PagerDuty). Every test has its own services, its own hours of request_metrics (two days ago
// and earlier: inside the 90-day TTL) and its own rule, so each runs alone (--test-name-pattern).
// Delivery is driven with explicit instants (deliverDue(now)): retries are timed to the second
// without sleeping. Expected values are worked out by hand in the comments.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { startPagerDuty, startSmtp, type PagerDutyEndpoint, type SmtpEndpoint } from '../support/alert-endpoints.js';
import { insertRequests } from '../support/request-metrics.js';
import { pgQuery } from '../../server/db/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
// Two days ago on the hour, on the test's clock; each test takes hours below it.
const BASE = Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR;
const RETRY_DELAYS = [60_000, 300_000]; // ALERT_RETRY_DELAYS=1m,5m: a 2nd attempt after 1 min, a 3rd after 5 more, then dead

const rule = (id: string, extra: string) => `
  - id: ${id}
    title: ${id}
    store: clickhouse
    query: alerting/api_5xx_rate
    params: { min_requests: 10 }
    interval: 1m
    condition: { op: '>', threshold: 0.05 }
    annotations: { summary: '{{service}} 5xx {{value}}' }
${extra}`;

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
    - matchers: { team: grouped }
      receiver: oncall
      group_by: [alertname]
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      send_resolved: false
    - matchers: { severity: critical }
      receiver: oncall
`,
  );
  fs.writeFileSync(
    path.join(dir, 'rules.yaml'),
    `rules:${[
      rule('t_keep', '    no_data: keep_state\n    on_error: keep_state\n    labels: { severity: warning }'),
      rule('t_nodata', '    no_data: no_data\n    labels: { severity: warning }'),
      rule('t_timing', '    for: 2m\n    keep_firing_for: 3m\n    labels: { severity: critical }'),
      rule('t_group', '    labels: { severity: critical, team: grouped }'),
      rule('t_deliver', '    labels: { severity: critical }'),
      rule('t_mail', '    labels: { severity: warning }'),
    ].join('')}`,
  );
  // The shipped data-quality rules, as they are: the z-score rule is tested on its own fixture.
  fs.copyFileSync(path.resolve('alerts/data-quality.yaml'), path.join(dir, 'data-quality.yaml'));
}

interface Instance {
  id: string;
  state: string;
  value: number | null;
  labels: Record<string, string>;
}

describe('alerting off the happy path', () => {
  let pd: PagerDutyEndpoint;
  let smtp: SmtpEndpoint;
  let c: TestConsole;
  let admin: TestSession;
  const dataDir = tempDataDir('pulse-alert-paths-');
  let db: { url: string; drop(): Promise<void> } | undefined;

  before(async () => {
    writeAlertsDir(path.join(dataDir, 'alerts'));
    pd = await startPagerDuty(dataDir);
    smtp = await startSmtp();
    if (process.env.TEST_DATABASE_URL) db = await createTestDatabase(process.env.TEST_DATABASE_URL);
    c = await startTestConsole(
      {
        ...bootstrapAdminEnv,
        ALERTS_DIR: path.join(dataDir, 'alerts'),
        PAGERDUTY_EVENTS_HOST: pd.host,
        PAGERDUTY_CA_FILE: pd.caFile,
        PAGERDUTY_ROUTING_KEY: 'R0UTINGKEY00000000000000000PATHS',
        ALERT_EMAIL_TO: 'oncall@paths.test',
        SMTP_URL: smtp.url,
        ALERT_RETRY_DELAYS: '1m,5m',
        ALERT_DELIVERY_TIMEOUT_MS: '1000',
      },
      { dataDir: path.join(dataDir, 'stores'), keepDatabase: db?.url },
    );
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await c?.stop();
    await pd?.close();
    await smtp?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Evaluates one rule at `at` (ms) and routes; delivers what is due now. */
  const evaluate = async (ruleId: string, at: number, deliver = true) => {
    const report = await c.alerting.service.engine.evaluateAt([c.alerting.service.rule(ruleId)!], new Date(at));
    if (deliver) await c.alerting.delivery.deliverDue();
    return report;
  };
  const instances = async (ruleId: string): Promise<Instance[]> =>
    (await c.stores.pg.handle.pool.query('SELECT id::text, state, value, labels FROM alert_instances WHERE rule_id = $1 ORDER BY id', [ruleId]))
      .rows as Instance[];
  const stateOf = async (ruleId: string, service: string) => (await instances(ruleId)).find((i) => i.labels.service === service)?.state;
  /** The instance's state changes from its page (GET /api/alerts/:id): "at from->to". */
  const historyOf = async (id: string) => {
    const detail = (await (await admin.call('GET', `/api/alerts/${id}`)).json()) as {
      history: { at: string; fromState: string; toState: string; detail: { event: string } }[];
    };
    return detail.history.filter((h) => h.detail.event === 'state').map((h) => `${h.at} ${h.fromState}->${h.toState}`);
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  /** The PagerDuty requests of the group whose first trigger mentions `text` (resolves carry no summary). */
  const pdFor = (text: string) => {
    const first = pd.events.find((e) => e.body.payload?.summary.includes(text));
    return first ? pd.events.filter((e) => e.body.dedup_key === first.body.dedup_key) : [];
  };

  test('no_data: keep_state keeps a firing instance firing through evaluations with no rows; rows again decide', async () => {
    const T = BASE - 2 * HOUR;
    await insertRequests(c, 'svc-keep', T - 5 * MIN, T, 20); // 20 % in [T-5m, T)
    await insertRequests(c, 'svc-keep', T + 15 * MIN, T + 20 * MIN, 0); // clean in [T+15m, T+20m)
    await evaluate('t_keep', T);
    const [inst] = await instances('t_keep');
    assert.equal(inst!.state, 'firing');
    assert.equal(inst!.value, 0.2);
    // [T+5m, T+15m) has no request at all: the query answers no rows, three times in a row.
    // (With no_data: ok the series would be missing twice and resolve at T+11m.)
    for (const m of [10, 11, 12]) await evaluate('t_keep', T + m * MIN);
    const kept = (await instances('t_keep'))[0]!;
    assert.equal(kept.state, 'firing');
    assert.equal(kept.value, 0.2);
    // Rows again, all 200: the rate 0 resolves it.
    await evaluate('t_keep', T + 20 * MIN);
    assert.equal((await instances('t_keep'))[0]!.state, 'normal');
    assert.deepEqual(await historyOf(inst!.id), [`${iso(T)} normal->firing`, `${iso(T + 20 * MIN)} firing->normal`]);
  });

  test('on_error: keep_state keeps the state and raises no error instance', async () => {
    const T = BASE - 4 * HOUR;
    await insertRequests(c, 'svc-keep-err', T - 5 * MIN, T, 30);
    await evaluate('t_keep', T);
    assert.equal(await stateOf('t_keep', 'svc-keep-err'), 'firing');
    // The query fails (a parameter the SQL does not take: the driver refuses it before it runs).
    const broken = { ...c.alerting.service.rule('t_keep')!, params: { min_requests: 10, bogus: 1 } };
    for (const m of [1, 2, 3]) {
      const report = await c.alerting.service.engine.evaluateAt([broken as never], new Date(T + m * MIN));
      assert.equal(report.errors, 1);
    }
    assert.equal(await stateOf('t_keep', 'svc-keep-err'), 'firing');
    assert.deepEqual(
      (await instances('t_keep')).filter((i) => i.labels.alertstate),
      [],
    );
  });

  test('no_data: no_data raises one no-data instance, which clears when rows come back', async () => {
    const T = BASE - 6 * HOUR;
    await insertRequests(c, 'svc-nodata', T + 5 * MIN, T + 10 * MIN, 0);
    await evaluate('t_nodata', T); // [T-5m, T): no rows
    const [nd] = await instances('t_nodata');
    assert.deepEqual([nd!.labels.alertstate, nd!.state], ['no_data', 'firing']);
    const mails = smtp.mails.filter((m) => m.subject.includes('t_nodata'));
    assert.equal(mails.length, 1);
    await evaluate('t_nodata', T + 10 * MIN); // [T+5m, T+10m): 500 clean requests, rate 0
    const after = await instances('t_nodata');
    assert.deepEqual(
      after.map((i) => `${i.labels.alertstate ?? i.labels.service}:${i.state}`),
      ['no_data:normal'],
    );
    assert.deepEqual(await historyOf(nd!.id), [`${iso(T)} normal->firing`, `${iso(T + 10 * MIN)} firing->normal`]);
    assert.match(smtp.mails.filter((m) => m.subject.includes('t_nodata')).at(-1)!.subject, /^\[RESOLVED\]/);
  });

  test('an error instance clears as soon as the query answers again', async () => {
    const T = BASE - 8 * HOUR;
    const broken = { ...c.alerting.service.rule('t_nodata')!, params: { min_requests: 10, bogus: 1 } };
    await c.alerting.service.engine.evaluateAt([broken as never], new Date(T));
    const errs = (await instances('t_nodata')).filter((i) => i.labels.alertstate === 'error');
    assert.deepEqual(
      errs.map((i) => i.state),
      ['firing'],
    );
    await insertRequests(c, 'svc-err-back', T - 4 * MIN, T + MIN, 0);
    await evaluate('t_nodata', T + MIN); // rows, rate 0
    assert.equal((await instances('t_nodata')).find((i) => i.id === errs[0]!.id)!.state, 'normal');
  });

  test('for: 2m and keep_firing_for: 3m through the stored state: pending at T, firing at +2m, recovering at +6m, normal at +9m', async () => {
    const T = BASE - 10 * HOUR;
    // 20 errors a minute over [T-5m, T+2m), clean after. The window [a-5m, a) holds, at a = T..T+5m,
    // 5, 5, 5, 4, 3, 2 minutes of errors (rates 0.2, 0.2, 0.2, 0.16, 0.12, 0.08: above 0.05),
    // at T+6m one minute (20/500 = 0.04: below), then none.
    await insertRequests(c, 'svc-timing', T - 5 * MIN, T + 2 * MIN, 20);
    await insertRequests(c, 'svc-timing', T + 2 * MIN, T + 15 * MIN, 0);
    const expected = ['pending', 'pending', 'firing', 'firing', 'firing', 'firing', 'recovering', 'recovering', 'recovering', 'normal'];
    const seen: string[] = [];
    const actions: string[][] = [];
    for (let m = 0; m < expected.length; m++) {
      await evaluate('t_timing', T + m * MIN);
      seen.push((await stateOf('t_timing', 'svc-timing'))!);
      actions.push(pdFor('svc-timing').map((e) => e.body.event_action));
    }
    assert.deepEqual(seen, expected);
    // Paged once when it fired (not while pending), resolved once at +9m (not while recovering).
    assert.deepEqual(actions[1], []);
    assert.deepEqual(actions[2], ['trigger']);
    assert.deepEqual(actions[8], ['trigger']);
    assert.deepEqual(actions[9], ['trigger', 'resolve']);
    const [inst] = await instances('t_timing');
    assert.deepEqual(await historyOf(inst!.id), [
      `${iso(T)} normal->pending`,
      `${iso(T + 2 * MIN)} pending->firing`,
      `${iso(T + 6 * MIN)} firing->recovering`,
      `${iso(T + 9 * MIN)} recovering->normal`,
    ]);
    // The alert page's chart replays the same minutes: errors of the 500 requests in each window.
    const errors = [100, 100, 100, 80, 60, 40, 20, 0, 0, 0];
    const res = await admin.call('GET', `/api/alerts/${inst!.id}/series?from=${iso(T)}&to=${iso(T + 10 * MIN)}`);
    assert.equal(res.status, 200);
    const chart = (await res.json()) as { threshold: number; points: { at: string; value: number | null; state: string }[] };
    assert.equal(chart.threshold, 0.05);
    assert.deepEqual(
      chart.points.map((p) => [new Date(p.at).toISOString(), p.value, p.state]),
      expected.map((state, m) => [iso(T + m * MIN), errors[m]! / 500, state]),
    );
  });

  test('grouping: group_wait 30s gathers two alerts in one trigger; a third waits for group_interval 5m; acknowledged groups do not repeat; send_resolved false', async () => {
    const T = BASE - 14 * HOUR;
    // g1 and g2 fail from T-5m; g3 from T+1m; all until T+70m; clean from T+70m to T+80m.
    await insertRequests(c, 'svc-g1', T - 5 * MIN, T + 70 * MIN, 20);
    await insertRequests(c, 'svc-g2', T - 5 * MIN, T + 70 * MIN, 20);
    await insertRequests(c, 'svc-g3', T + MIN, T + 70 * MIN, 20);
    for (const s of ['svc-g1', 'svc-g2', 'svc-g3']) await insertRequests(c, s, T + 70 * MIN, T + 80 * MIN, 0);
    const mine = () => pdFor('t_group');
    await evaluate('t_group', T);
    assert.equal(mine().length, 0, 'group_wait: nothing at once');
    await evaluate('t_group', T + 30_000);
    assert.deepEqual(
      mine().map((e) => e.body.event_action),
      ['trigger'],
    );
    assert.match(mine()[0]!.body.payload!.summary, /^\[FIRING:2\] t_group/);
    // g3 fires at T+2m: a change, but the last notification was at T+30s.
    await evaluate('t_group', T + 2 * MIN);
    await evaluate('t_group', T + 5 * MIN);
    assert.equal(mine().length, 1, 'no update before group_interval');
    await evaluate('t_group', T + 5 * MIN + 30_000);
    assert.deepEqual(
      mine().map((e) => e.body.event_action),
      ['trigger', 'trigger'],
    );
    assert.match(mine()[1]!.body.payload!.summary, /^\[FIRING:3\] t_group/);
    // Everyone acknowledges; an hour after the last notification there is no repeat.
    for (const i of await instances('t_group')) assert.equal((await admin.call('POST', `/api/alerts/${i.id}/ack`, {})).status, 200);
    await c.alerting.delivery.deliverDue();
    const acks = mine().filter((e) => e.body.event_action === 'acknowledge').length;
    assert.ok(acks >= 1);
    await evaluate('t_group', T + 65 * MIN + 30_000);
    assert.equal(mine().filter((e) => e.body.event_action === 'trigger').length, 2, 'acknowledged: no repeat');
    // All clean at T+80m: resolved, and send_resolved: false says nothing.
    await evaluate('t_group', T + 80 * MIN);
    assert.deepEqual(
      (await instances('t_group')).map((i) => i.state),
      ['normal', 'normal', 'normal'],
    );
    assert.equal(mine().filter((e) => e.body.event_action === 'resolve').length, 0);
  });

  test('retries are timed: no second attempt before the 1 min delay, exactly one after; the third after 5 more minutes; then dead', async () => {
    const T = BASE - 18 * HOUR;
    await insertRequests(c, 'svc-retry', T - 5 * MIN, T, 30);
    pd.respond.set('svc-retry', [500, 500, 500]);
    await evaluate('t_deliver', T, false);
    const t0 = Date.now();
    await c.alerting.delivery.deliverDue();
    const tries = () => pdFor('svc-retry').map((e) => e.status);
    assert.deepEqual(tries(), [500]);
    await c.alerting.delivery.deliverDue(new Date(t0 + RETRY_DELAYS[0]! - 2000));
    assert.deepEqual(tries(), [500], 'not before the delay');
    await c.alerting.delivery.deliverDue(new Date(Date.now() + RETRY_DELAYS[0]! + 1000));
    assert.deepEqual(tries(), [500, 500], 'exactly one after it');
    await c.alerting.delivery.deliverDue(new Date(Date.now() + RETRY_DELAYS[0]! + 1000));
    assert.deepEqual(tries(), [500, 500], 'the second delay is 5 minutes, not 1');
    await c.alerting.delivery.deliverDue(new Date(Date.now() + RETRY_DELAYS[1]! + 1000));
    assert.deepEqual(tries(), [500, 500, 500]);
    // The delays ran out: dead after three attempts, never tried again.
    await c.alerting.delivery.deliverDue(new Date(Date.now() + HOUR));
    assert.deepEqual(tries(), [500, 500, 500]);
    const dead = (await (await admin.call('GET', '/api/notifications?status=dead')).json()) as {
      items: { channel: string; attempts: number; lastError: string; dedupKey: string }[];
    };
    const row = dead.items.find((n) => n.channel === 'pagerduty' && n.dedupKey === pdFor('svc-retry')[0]!.body.dedup_key);
    assert.deepEqual([row?.attempts, row?.lastError.slice(0, 8)], [3, 'HTTP 500']);
  });

  test('no answer from PagerDuty within ALERT_DELIVERY_TIMEOUT_MS: the attempt is a retry, recorded with the timeout', async () => {
    const T = BASE - 20 * HOUR;
    await insertRequests(c, 'svc-silent', T - 5 * MIN, T, 30);
    pd.respond.set('svc-silent', [0]);
    await evaluate('t_deliver', T);
    const rows = (
      await c.stores.pg.handle.pool.query(
        `SELECT status, attempts, last_error FROM notification_outbox WHERE channel = 'pagerduty' AND payload::text LIKE '%svc-silent%'`,
      )
    ).rows;
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].status, rows[0].attempts], ['pending', 1]);
    assert.equal(rows[0].last_error, `no answer from ${pd.host} in 1000 ms`);
  });

  test('an expired delivery lease: a claim by a console that died is delivered by another after the lease, not before', async () => {
    const T = BASE - 22 * HOUR;
    await insertRequests(c, 'svc-lease', T - 5 * MIN, T, 30);
    await evaluate('t_deliver', T, false);
    // A console claims the due rows for 30 s and dies before sending.
    const claim = pgQuery('alerting/claim_outbox').returns<{ id: string }>();
    const now = Date.now();
    const claimed = await c.stores.pg.rows(claim, { now: new Date(now), lease_until: new Date(now + 30_000), max: 100 });
    assert.ok(claimed.length >= 1);
    await c.alerting.delivery.deliverDue();
    assert.equal(pdFor('svc-lease').length, 0, 'leased: nobody else sends it');
    await c.alerting.delivery.deliverDue(new Date(now + 31_000));
    assert.deepEqual(
      pdFor('svc-lease').map((e) => e.status),
      [202],
    );
  });

  test('SMTP 550 is dead at once; SMTP 451 is retried after the delay, then delivered', async () => {
    const T = BASE - 24 * HOUR;
    const mailRow = async (service: string) =>
      (
        await c.stores.pg.handle.pool.query(
          `SELECT id, status, attempts, last_error, next_attempt_at FROM notification_outbox WHERE channel = 'email' AND payload::text LIKE $1 ORDER BY id DESC LIMIT 1`,
          [`%${service}%`],
        )
      ).rows[0];
    // 550 (mailbox unavailable): permanent, dead after one attempt.
    await insertRequests(c, 'svc-mail-550', T - 5 * MIN, T, 30);
    await evaluate('t_mail', T, false);
    smtp.refuse.push(550);
    await c.alerting.delivery.deliverDue();
    const dead = await mailRow('svc-mail-550');
    assert.deepEqual([dead.status, dead.attempts], ['dead', 1]);
    assert.match(dead.last_error, /550/);
    // 451 (try again later): a retry one delay (1 min) after the attempt, then delivered. At T+5m the
    // 550 group is inside its 10 min repeat_interval: this trigger is the only mail of the pass.
    await insertRequests(c, 'svc-mail-451', T, T + 5 * MIN, 30);
    await evaluate('t_mail', T + 5 * MIN, false);
    smtp.refuse.push(451);
    const t0 = Date.now();
    await c.alerting.delivery.deliverDue();
    const t1 = Date.now();
    const retry = await mailRow('svc-mail-451');
    assert.deepEqual([retry.status, retry.attempts], ['pending', 1]);
    assert.match(retry.last_error, /451/);
    const due = new Date(retry.next_attempt_at).getTime();
    assert.ok(due >= t0 + RETRY_DELAYS[0]! && due <= t1 + RETRY_DELAYS[0]!, `${due - t0} ms after the attempt`);
    const mails = smtp.mails.length;
    await c.alerting.delivery.deliverDue(new Date(due - 1000));
    assert.equal((await mailRow('svc-mail-451')).status, 'pending');
    await c.alerting.delivery.deliverDue(new Date(due + 1000));
    assert.deepEqual([(await mailRow('svc-mail-451')).status, smtp.mails.length], ['delivered', mails + 1]);
  });

  describe('the built-in z-score rule (alerts/data-quality.yaml: z > 4, min_daily_mean 1) on hand-built follows', () => {
    // Evaluated at 2026-06-15T01:00Z: "today" is 06-15, the last complete day 06-14, the baseline
    // the 13 days 06-01..06-13. Follows are written straight to PostgreSQL (no date limit).
    const AT = new Date('2026-06-15T01:00:00Z');
    const day = (d: number) => `2026-06-${String(d).padStart(2, '0')}T12:00:00Z`;
    // Baseline 1,3,1,3,… (six 1s, six 3s) and one 2: mean 26/13 = 2, population variance 12/13.
    const baseline = [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 2];
    const creators: Record<number, { counts: number[]; last: number }> = {
      70001: { counts: baseline, last: 6 }, // z = (6 - 2) / sqrt(12/13) = 4.1633: fires
      70002: { counts: baseline, last: 5 }, // z = 3 / sqrt(12/13) = 3.1225: a near miss
      70003: { counts: Array(13).fill(2), last: 9 }, // sd = 0: no z at all
      70004: { counts: [1, ...Array(12).fill(0)], last: 5 }, // mean 1/13 < min_daily_mean 1: not considered
    };

    before(async () => {
      const pool = c.stores.pg.handle.pool;
      let next = 71000;
      for (const id of Object.keys(creators).map(Number)) {
        await pool.query(`INSERT INTO users (id, username, email, role, region) VALUES ($1, $2, $3, 'creator', 'US')`, [id, `z${id}`, `z${id}@paths.test`]);
      }
      for (const [id, { counts, last }] of Object.entries(creators)) {
        const perDay = [...counts, last];
        for (const [i, n] of perDay.entries()) {
          for (let k = 0; k < n; k++) {
            const fan = next++;
            await pool.query(`INSERT INTO users (id, username, email, role, region) VALUES ($1, $2, $3, 'viewer', 'US')`, [
              fan,
              `f${fan}`,
              `f${fan}@paths.test`,
            ]);
            await pool.query('INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3)', [fan, Number(id), day(i + 1)]);
          }
        }
      }
    });

    test('fires for the spike with its exact z, and stays quiet on the near miss, sd = 0 and a mean under min_daily_mean', async () => {
      const report = await c.alerting.service.engine.evaluateAt([c.alerting.service.rule('follower_growth_zscore')!], AT);
      assert.equal(report.errors, 0);
      const all = await instances('follower_growth_zscore');
      assert.deepEqual(
        all.map((i) => `${i.labels.creator_id}:${i.state}`),
        ['70001:firing'],
      );
      assert.ok(Math.abs(all[0]!.value! - 4 / Math.sqrt(12 / 13)) < 1e-9, String(all[0]!.value));
      // The query's rows as the rule sees them: the near miss at 3 / sqrt(12/13) = 3.1225, the
      // constant creator with no z (null), the creator under min_daily_mean absent.
      const result = await c.alerting.service.engine.runQuery(c.alerting.service.rule('follower_growth_zscore')!, AT);
      assert.ok(result.ok);
      const rows = new Map(result.rows.map((r) => [String(r.creator_id), r.value as number | null]));
      assert.deepEqual([...rows.keys()].sort(), ['70001', '70002', '70003']);
      assert.ok(Math.abs(rows.get('70002')! - 3 / Math.sqrt(12 / 13)) < 1e-9);
      assert.equal(rows.get('70003'), null);
    });
  });
});
