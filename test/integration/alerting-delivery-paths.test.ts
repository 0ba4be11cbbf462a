// Alerting delivery away from the happy path (docs/alerting.md, docs/testing.md): grouping and
// repeats, timed retries, a PagerDuty that does not answer, an expired delivery lease and SMTP
// 550/451, through the engine's evaluate-at-time entry point, the outbox and real endpoints (SMTP
// server, local HTTPS PagerDuty: test/support/alerting-paths.ts). Every test has its own services,
// hours of request_metrics and rule, so each runs alone (--test-name-pattern). Delivery is driven
// with explicit instants (deliverDue(now)): retries are timed to the second without sleeping.
// States, timing and the z-score rule are in alerting-paths.test.ts.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import type { PagerDutyEndpoint, SmtpEndpoint } from '../support/alert-endpoints.js';
import { insertRequests } from '../support/request-metrics.js';
import { pgQuery } from '../../server/db/index.js';
import { BASE, HOUR, MIN, RETRY_DELAYS, useAlertingPaths } from '../support/alerting-paths.js';

describe('alerting delivery off the happy path', () => {
  const paths = useAlertingPaths();
  let c: TestConsole;
  let admin: TestSession;
  let pd: PagerDutyEndpoint;
  let smtp: SmtpEndpoint;
  before(() => {
    ({ c, admin, pd, smtp } = paths);
  });
  const { evaluate, instances, pdFor } = paths;

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
});
