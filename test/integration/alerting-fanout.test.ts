// Rules that differ only in a parameter sharing one query (issue 15, docs/alerting.md "Evaluation
// at scale"): a rule query that declares `-- @fanout <param> <column>` is run once with the
// smallest bound, and each rule keeps the rows its own bound would have given. Checked on rows
// written at known instants, against counts worked out by hand, for every declaring file; then the
// evaluator runs one query for three rules with three bounds, and each rule fires for its rows only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { chTime, insertRequests } from '../support/request-metrics.js';
import { batchesOf, fanoutOf, resultFor } from '../../server/features/alerting/batches.js';
import type { Rule } from '../../server/features/alerting/rules.js';

const MIN = 60_000;
// Two days ago on a minute: the evaluation time of every query here.
const AT = Math.floor(Date.now() / MIN) * MIN - 48 * 3_600_000;

/** `perMinute` views of `videoId` in each minute of [AT-70m, AT-10m): hour_views = 60 × perMinute. */
async function insertViews(c: TestConsole, videoId: number, perMinute: number): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (let t = AT - 70 * MIN; t < AT - 10 * MIN; t += MIN) {
    for (let i = 0; i < perMinute; i++) {
      rows.push({
        event_id: randomUUID(),
        ts: chTime(t + i * 1000),
        type: 'view',
        video_id: videoId,
        creator_id: 1,
        user_id: i + 1,
        watch_ms: 1000,
        region: 'EU',
        device: 'ios',
      });
    }
  }
  await c.stores.ch.insert('video_events', rows);
}

describe('one query for rules that differ only in a declared bound', () => {
  let c: TestConsole;

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    // 100 requests a minute, 10 of them 500s: svc-a for 1 minute of the 5 before AT (100
    // requests), svc-b for 3 (300), svc-c for 5 (500).
    await insertRequests(c, 'svc-a', AT - MIN, AT, 10);
    await insertRequests(c, 'svc-b', AT - 3 * MIN, AT, 10);
    await insertRequests(c, 'svc-c', AT - 5 * MIN, AT, 10);
    // Views in the hour before the last 10 minutes: video 901 60, 902 120, 903 240.
    await insertViews(c, 901, 1);
    await insertViews(c, 902, 2);
    await insertViews(c, 903, 4);
  });

  after(async () => {
    await c?.stop();
  });

  const rule = (id: string, query: string, params: Record<string, number>): Rule => ({
    ...c.alerting.service.validate({
      id,
      title: id,
      store: 'clickhouse',
      query,
      params,
      condition: { op: '>', threshold: 0.05 },
      labels: { severity: 'info' },
      annotations: { summary: `${id} {{value}}` },
    }),
  });

  test('every declaring file: the rows of one run at the smallest bound, kept per rule, are the rows of its own run (worked out by hand)', async () => {
    const declaring = c.stores.catalog
      .all()
      .filter((q) => q.name.startsWith('alerting/') && fanoutOf(q.text))
      .map((q) => `${q.store}:${q.name}`)
      .sort();
    assert.deepEqual(declaring, ['clickhouse:alerting/api_5xx_rate', 'clickhouse:alerting/api_p95_latency', 'clickhouse:alerting/video_view_drop']);
    // Which rows each bound keeps, by hand from the rows written above.
    const cases: { query: string; param: string; label: string; expect: Record<number, string[]> }[] = [
      {
        query: 'alerting/api_5xx_rate',
        param: 'min_requests',
        label: 'service',
        expect: { 50: ['svc-a', 'svc-b', 'svc-c'], 200: ['svc-b', 'svc-c'], 400: ['svc-c'] },
      },
      {
        query: 'alerting/api_p95_latency',
        param: 'min_requests',
        label: 'service',
        expect: { 50: ['svc-a', 'svc-b', 'svc-c'], 200: ['svc-b', 'svc-c'], 400: ['svc-c'] },
      },
      {
        query: 'alerting/video_view_drop',
        param: 'min_hour_views',
        label: 'video_id',
        expect: { 50: ['901', '902', '903'], 100: ['902', '903'], 200: ['903'] },
      },
    ];
    const engine = c.alerting.service.engine;
    for (const k of cases) {
      const rules = Object.keys(k.expect).map((b) => rule(`f_${k.param}_${b}`, k.query, { [k.param]: Number(b) }));
      const batches = batchesOf(rules, (r) => engine.fanoutFor(r));
      assert.equal(batches.length, 1, `${k.query}: one batch`);
      const batch = batches[0]!;
      assert.equal(batch.params[k.param], Math.min(...Object.keys(k.expect).map(Number)));
      const shared = await engine.runQuery(rules[0]!, new Date(AT), batch.params);
      assert.ok(shared.ok);
      for (const r of rules) {
        const own = await engine.runQuery(r, new Date(AT));
        const kept = resultFor(batch, r, shared);
        assert.ok(own.ok && kept.ok);
        const names = (rows: Record<string, unknown>[]) => rows.map((row) => String(row[k.label])).sort();
        assert.deepEqual(names(kept.rows), k.expect[r.params[k.param] as number], `${k.query} ${k.param}=${r.params[k.param]}`);
        assert.deepEqual(names(own.rows), names(kept.rows), `${k.query} ${k.param}=${r.params[k.param]}: same as its own run`);
      }
    }
  });

  test('the evaluator runs one query for three rules with three bounds, and each fires for its own rows', async () => {
    const rules = [50, 200, 400].map((b) => rule(`f_5xx_${b}`, 'alerting/api_5xx_rate', { min_requests: b }));
    // Counting the statements the tick sends to ClickHouse (the store itself is real).
    const ch = c.stores.ch;
    const original = ch.rows.bind(ch);
    const sent: string[] = [];
    ch.rows = ((h, params, opts) => {
      sent.push(h.name);
      return original(h, params, opts);
    }) as typeof ch.rows;
    try {
      await c.alerting.service.engine.evaluateAt(rules, new Date(AT));
    } finally {
      ch.rows = original;
    }
    assert.deepEqual(sent.filter((n) => n === 'alerting/api_5xx_rate').length, 1);
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const { alerts } = (await (await admin.call('GET', '/api/alerts')).json()) as {
      alerts: { ruleId: string; labels: Record<string, string>; state: string }[];
    };
    const firing = (id: string) =>
      alerts
        .filter((a) => a.ruleId === id && a.state === 'firing')
        .map((a) => a.labels.service)
        .sort();
    // 10 errors in 100 requests a minute: 0.1 > 0.05 for every service a rule keeps.
    assert.deepEqual(firing('f_5xx_50'), ['svc-a', 'svc-b', 'svc-c']);
    assert.deepEqual(firing('f_5xx_200'), ['svc-b', 'svc-c']);
    assert.deepEqual(firing('f_5xx_400'), ['svc-c']);
  });
});
