// Issue 17, data-quality rules that hold on any data (both PostgreSQLs through TEST_DATABASE_URL):
// dq_orphans counts what ingest flagged (an event naming a video or campaign PostgreSQL did not
// know), whatever the ids — before, the rule flagged `video_id > 100000`, the demo's numbering —
// and one dq_null_rate_* rule per required column of every stream (before: video_events.region
// only). The shipped rules are evaluated at a chosen time through the engine; every expected value
// is worked out by hand from the fixture below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { chTime } from '../support/request-metrics.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
// Noon UTC 6 days before the test's clock (ingest takes times up to 400 days back).
const R = Math.floor(Date.now() / DAY) * DAY - 6 * DAY + 12 * HOUR;

describe(`hardening: data-quality rules on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let key: string;
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  const ingest = async (stream: string, rows: object[]) => {
    const res = await c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text) as { accepted: number; orphans: number; rejected: number };
  };
  const view = (ts: number, videoId: number) => ({
    event_id: randomUUID(),
    ts: iso(ts),
    type: 'view',
    video_id: videoId,
    creator_id: 7001,
    user_id: 7002,
    watch_ms: 1000,
    region: 'US',
    device: 'ios',
  });
  const impression = (ts: number, campaignId: number, userId = 7002) => ({
    event_id: randomUUID(),
    ts: iso(ts),
    type: 'impression',
    advertiser_id: 701,
    campaign_id: campaignId,
    user_id: userId,
    cost_micros: 1000,
    region: 'US',
    device: 'ios',
  });
  /** Instances of a shipped rule after evaluating it at `at`: "label:state:value", by `label`. */
  const evaluate = async (ruleId: string, at: number, label: string) => {
    const rule = c.alerting.service.rule(ruleId);
    assert.ok(rule, `shipped rule ${ruleId}`);
    const report = await c.alerting.service.engine.evaluateAt([rule], new Date(at));
    assert.equal(report.errors, 0, `${ruleId} at ${iso(at)}`);
    const rows = await pg('SELECT state, value, labels FROM alert_instances WHERE rule_id = $1 ORDER BY labels->>$2', [ruleId, label]);
    return rows.map((r) => `${r.labels[label]}:${r.state}:${r.value}`);
  };

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    ({ key } = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'dq fixture', scopes: ['ingest'] })).json()) as { key: string });
    // A creator, a video whose id is far past the demo's numbering (250001), an advertiser and its
    // campaign 3001. Video 42 and campaign 17 exist nowhere.
    await pg(`INSERT INTO users (id, username, email, role, region) VALUES (7001, 'dq_creator', 'creator@dq.test', 'creator', 'US'),
      (7002, 'dq_viewer', 'viewer@dq.test', 'viewer', 'US')`);
    await pg(`INSERT INTO videos (id, creator_id, title, duration_ms, region) VALUES (250001, 7001, 'Known video, large id', 60000, 'US')`);
    await pg(`INSERT INTO advertisers (id, name, timezone, currency) VALUES (701, 'DQ advertiser', 'UTC', 'EUR')`);
    await pg(`INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date)
      VALUES (3001, 701, 'DQ campaign', 'awareness', 'active', 1, 1, '2026-01-01')`);
  });
  after(async () => c?.stop());

  test('dq_orphans: what ingest counted, per reference — 3 events of the unknown video 42 and 5 of the unknown campaign 17; the known video 250001 is no orphan', async () => {
    // The 3-day window before R: 4 views of 250001 and 3 of 42 at R-1d; 2 more of 42 at R-3d-1h
    // (outside it). Ads: 2 impressions of campaign 3001 and 5 of campaign 17 at R-2d.
    const videos = await ingest('video-events', [
      ...[1, 2, 3, 4].map(() => view(R - DAY, 250001)),
      ...[1, 2, 3].map(() => view(R - DAY, 42)),
      ...[1, 2].map(() => view(R - 3 * DAY - HOUR, 42)),
    ]);
    assert.deepEqual([videos.accepted, videos.orphans], [9, 5]);
    const ads = await ingest('ad-events', [...[1, 2].map(() => impression(R - 2 * DAY, 3001)), ...[1, 2, 3, 4, 5].map(() => impression(R - 2 * DAY, 17))]);
    assert.deepEqual([ads.accepted, ads.orphans], [7, 5]);
    assert.deepEqual(await evaluate('dq_orphans', R, 'reference'), ['ad_events.campaign_id:firing:5', 'video_events.video_id:firing:3']);
  });

  test('dq_null_rate_*: one rule per required column; ad_events.user_id 3 of 40 = 0.075 fires, request_metrics.route 1 of 20 = 0.05 (the threshold) is quiet, instance 2 of 20 = 0.1 fires', async () => {
    const at = R + DAY;
    // 40 impressions of campaign 3001 in the day before `at` (at-20h), 3 of them with user_id 0
    // (ingest takes 0: an anonymous viewer), so 3 / 40 = 0.075 > 0.05.
    const ads = await ingest(
      'ad-events',
      Array.from({ length: 40 }, (_, i) => impression(at - 20 * HOUR, 3001, i < 3 ? 0 : 7002)),
    );
    assert.deepEqual([ads.accepted, ads.orphans], [40, 0]);
    // 20 request metrics at at-2h straight to ClickHouse (ingest refuses empty strings): the first
    // with route '', the second and third with instance ''.
    await c.stores.ch.insert(
      'request_metrics',
      Array.from({ length: 20 }, (_, i) => ({
        ts: chTime(at - 2 * HOUR + i * 1000),
        service: 'dq',
        route: i === 0 ? '' : '/v1/x',
        method: 'GET',
        status: 200,
        duration_ms: 10,
        instance: i === 1 || i === 2 ? '' : 'a',
      })),
    );
    assert.deepEqual(await evaluate('dq_null_rate_ad_events_user_id', at, 'column_name'), ['ad_events.user_id:firing:0.075']);
    assert.deepEqual(await evaluate('dq_null_rate_ad_events_region', at, 'column_name'), []);
    assert.deepEqual(await evaluate('dq_null_rate_request_metrics_route', at, 'column_name'), []);
    assert.deepEqual(await evaluate('dq_null_rate_request_metrics_instance', at, 'column_name'), ['request_metrics.instance:firing:0.1']);
    // Every required column of the three streams has its rule (docs/metrics.md).
    const shipped = c.alerting.service
      .rules()
      .filter((r) => r.query === 'alerting/dq_null_rate')
      .map((r) => r.params.column)
      .sort();
    assert.deepEqual(shipped, [
      'ad_events.campaign_id',
      'ad_events.device',
      'ad_events.region',
      'ad_events.user_id',
      'request_metrics.instance',
      'request_metrics.method',
      'request_metrics.route',
      'request_metrics.service',
      'video_events.creator_id',
      'video_events.device',
      'video_events.region',
      'video_events.user_id',
      'video_events.watch_ms',
    ]);
  });

  test('dq_null_rate with a column that is not a required one is an error of the rule, not a quiet rule', async () => {
    const shipped = c.alerting.service.rule('dq_null_rate_video_events_region')!;
    const report = await c.alerting.service.engine.evaluateAt(
      [{ ...shipped, id: 'dq_null_rate_typo', params: { column: 'video_events.regoin' } }],
      new Date(R),
    );
    assert.equal(report.errors, 1);
  });
});
