// Alerting away from the happy path (docs/alerting.md, docs/testing.md), through the engine's evaluate-at-time entry point,
// the stored instances and groups, the outbox and real endpoints (SMTP server, local HTTPS
// PagerDuty). Every test has its own services, its own hours of request_metrics (two days ago
// and earlier: inside the 90-day TTL) and its own rule, so each runs alone (--test-name-pattern).
// Here: no_data and on_error, timing through the stored state, and the built-in z-score rule;
// grouping, retries, timeouts, leases and SMTP are in alerting-delivery-paths.test.ts (the console
// and helpers of both: test/support/alerting-paths.ts). Expected values are worked out by hand in the comments.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { insertRequests } from '../support/request-metrics.js';
import type { SmtpEndpoint } from '../support/alert-endpoints.js';
import { BASE, HOUR, MIN, useAlertingPaths } from '../support/alerting-paths.js';

describe('alerting off the happy path', () => {
  const paths = useAlertingPaths();
  let c: TestConsole;
  let admin: TestSession;
  let smtp: SmtpEndpoint;
  before(() => {
    ({ c, admin, smtp } = paths);
  });
  const { evaluate, instances, stateOf, historyOf, iso, pdFor } = paths;

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
