// Dashboard correctness on a hand-built fixture (test/fixtures/dashboards.ts, loaded by
// test/support/dashboards-fixture.ts; the overview, CSV, roles and data quality are in
// dashboards-overview.test.ts): day buckets at
// 23:59 and 00:01 local time around the 2026-03-08 DST change in America/Los_Angeles, in
// Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45); a video with zero views; latency
// percentiles on a known distribution; revenue with payouts excluded. Every expected number is
// worked out by hand from the fixture and written here. The fixture goes in through the ingest
// API, as the platform feeds the console.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { HOUR_Q, LA, json, q, startDashboardsConsole } from '../support/dashboards-fixture.js';

let c: TestConsole;
let analyst: TestSession;

describe(`dashboards on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    ({ c, analyst } = await startDashboardsConsole());
  });
  after(async () => c?.stop());

  test('engagement per local day across the LA spring-forward day (23 h long)', async () => {
    const body = await json(analyst, `/api/metrics/engagement?${LA}&tz=America/Los_Angeles&interval=day`);
    assert.equal(body.tz, 'America/Los_Angeles');
    // 03-07: 1 view (23:59 PST). 03-08: 2 (00:01 PST) + 4 (23:59 PDT) views, 3 + 2 likes,
    // 1 comment. 03-09: 8 views (00:01 PDT), 1 share. The 03-09 bucket starts at 07:00Z (PDT).
    assert.deepEqual(body.series, [
      { bucket: '2026-03-07T08:00:00Z', views: 1, likes: 0, comments: 0, shares: 0, engagementRate: 0 },
      { bucket: '2026-03-08T08:00:00Z', views: 6, likes: 5, comments: 1, shares: 0, engagementRate: 1 },
      { bucket: '2026-03-09T07:00:00Z', views: 8, likes: 0, comments: 0, shares: 1, engagementRate: 1 / 8 },
    ]);
  });

  test('the default timezone is the account’s (America/Los_Angeles here)', async () => {
    const body = await json(analyst, `/api/metrics/engagement?${LA}&interval=day`);
    assert.equal(body.tz, 'America/Los_Angeles');
    assert.deepEqual(
      body.series.map((s: any) => s.views),
      [1, 6, 8],
    );
  });

  test('engagement breakdown by device over the LA window', async () => {
    const body = await json(analyst, `/api/metrics/engagement/breakdown?${LA}&by=device`);
    // web: the single 23:59 PST view of 30 s. ios: the other 14 views (2 × 60 s, 4 × 10 s,
    // 8 × 0 s = 160 000 ms), 5 likes, 1 comment, 1 share.
    assert.deepEqual(body.rows, [
      { segment: 'ios', views: 14, likes: 5, comments: 1, shares: 1, engagementRate: 0.5, avgWatchMs: 160_000 / 14 },
      { segment: 'web', views: 1, likes: 0, comments: 0, shares: 0, engagementRate: 0, avgWatchMs: 30_000 },
    ]);
  });

  test('Asia/Kolkata (+05:30): 23:59 and 00:01 land on different local days', async () => {
    const body = await json(analyst, '/api/metrics/engagement?from=2026-04-08T18:30:00Z&to=2026-04-10T18:30:00Z&tz=Asia/Kolkata&interval=day');
    assert.deepEqual(
      body.series.map((s: any) => [s.bucket, s.views]),
      [
        ['2026-04-08T18:30:00Z', 16],
        ['2026-04-09T18:30:00Z', 32],
      ],
    );
  });

  test('Asia/Kathmandu (+05:45): split at 18:15Z, while UTC puts both on one day', async () => {
    const npt = await json(analyst, '/api/metrics/engagement?from=2026-05-08T18:15:00Z&to=2026-05-10T18:15:00Z&tz=Asia/Kathmandu&interval=day');
    assert.deepEqual(
      npt.series.map((s: any) => [s.bucket, s.views]),
      [
        ['2026-05-08T18:15:00Z', 5],
        ['2026-05-09T18:15:00Z', 7],
      ],
    );
    const utc = await json(analyst, '/api/metrics/engagement?from=2026-05-09T00:00:00Z&to=2026-05-10T00:00:00Z&tz=UTC&interval=day');
    assert.deepEqual(
      utc.series.map((s: any) => [s.bucket, s.views]),
      [['2026-05-09T00:00:00Z', 12]],
    );
    const hours = await json(analyst, '/api/metrics/engagement?from=2026-05-09T18:00:00Z&to=2026-05-09T19:00:00Z&tz=Asia/Kathmandu&interval=hour');
    // Local hours start at :15 UTC in Kathmandu: 23:00 NPT = 17:15Z, 00:00 NPT = 18:15Z.
    assert.deepEqual(
      hours.series.map((s: any) => [s.bucket, s.views]),
      [
        ['2026-05-09T17:15:00Z', 5],
        ['2026-05-09T18:15:00Z', 7],
      ],
    );
  });

  test('revenue per local day excludes payouts, which are apart', async () => {
    const la = await json(analyst, `/api/metrics/revenue?${LA}&tz=America/Los_Angeles`);
    assert.deepEqual(la.series, [
      { day: '2026-03-07', kind: 'subscription', amountMinor: '1000', currency: 'USD' },
      { day: '2026-03-08', kind: 'ad_payment', amountMinor: '5000', currency: 'USD' },
      { day: '2026-03-08', kind: 'gift', amountMinor: '250', currency: 'USD' },
      { day: '2026-03-09', kind: 'subscription', amountMinor: '700', currency: 'USD' },
    ]);
    assert.deepEqual(la.payouts, [{ day: '2026-03-08', amountMinor: '9999', currency: 'USD' }]);
    assert.deepEqual(la.revenueTotal, [{ currency: 'USD', amountMinor: '6950' }]);
    const npt = await json(analyst, '/api/metrics/revenue?from=2026-05-08T18:15:00Z&to=2026-05-10T18:15:00Z&tz=Asia/Kathmandu');
    assert.deepEqual(
      npt.series.map((r: any) => [r.day, r.amountMinor]),
      [
        ['2026-05-09', '100'],
        ['2026-05-10', '300'],
      ],
    );
    const ist = await json(analyst, '/api/metrics/revenue?from=2026-04-08T18:30:00Z&to=2026-04-10T18:30:00Z&tz=Asia/Kolkata');
    assert.deepEqual(
      ist.series.map((r: any) => [r.day, r.amountMinor]),
      [
        ['2026-04-09', '11'],
        ['2026-04-10', '22'],
      ],
    );
    const utc = await json(analyst, '/api/metrics/revenue?from=2026-05-09T00:00:00Z&to=2026-05-10T00:00:00Z&tz=UTC');
    assert.deepEqual(
      utc.series.map((r: any) => [r.day, r.amountMinor]),
      [['2026-05-09', '400']],
    );
  });

  test('trending videos: totals, engagement rate null at zero views, growth velocity, change %', async () => {
    const body = await json(analyst, `/api/metrics/trending-videos?${LA}&tz=America/Los_Angeles&limit=10`);
    assert.equal(body.rows.length, 2);
    const [a, b] = body.rows;
    // 901: 1 + 2 + 4 + 8 = 15 views; 3 likes, 1 comment, 1 share -> 5 / 15.
    // Watch: 30 000 + 2 × 60 000 + 4 × 10 000 + 8 × 0 = 190 000 ms / 15.
    // Previous window (71 h before from): 2 views -> (15 − 2) / 2 = 650 %.
    // Velocity: D = 03-10 (day of `to`); views(03-09) = 8, views(03-06) = 2 -> (8 − 2) / 3 = 2.
    assert.equal(a.videoId, 901);
    assert.equal(a.title, 'Spring forward');
    assert.equal(a.creatorId, 801);
    assert.equal(a.views, 15);
    assert.equal(a.likes, 3);
    assert.equal(a.comments, 1);
    assert.equal(a.shares, 1);
    assert.ok(Math.abs(a.engagementRate - 5 / 15) < 1e-12);
    assert.ok(Math.abs(a.avgWatchMs - 190_000 / 15) < 1e-9);
    assert.equal(a.changePct, 650);
    assert.equal(a.growthVelocity, 2);
    // 902: liked twice, never viewed.
    assert.equal(b.videoId, 902);
    assert.equal(b.views, 0);
    assert.equal(b.likes, 2);
    assert.equal(b.engagementRate, null);
    assert.equal(b.avgWatchMs, null);
    assert.equal(b.changePct, null);
  });

  test('a video page with no events at all: zeros, and null rates', async () => {
    const body = await json(analyst, `/api/metrics/videos/904?${LA}&tz=America/Los_Angeles`);
    assert.equal(body.video.title, 'Nobody watched');
    assert.equal(body.totals.views, 0);
    assert.equal(body.totals.engagementRate, null);
    assert.equal(body.totals.avgWatchMs, null);
    assert.deepEqual(body.series, []);
    assert.equal((await q(analyst, `/api/metrics/videos/999999?${LA}`)).status, 404);
  });

  test('the video page: series per local day and the watch-time histogram (10 s bins)', async () => {
    const body = await json(analyst, `/api/metrics/videos/901?${LA}&tz=America/Los_Angeles&interval=day`);
    assert.deepEqual(
      body.series.map((s: any) => s.views),
      [1, 6, 8],
    );
    // Watch times: 8 × 0, 4 × 10 000, 1 × 30 000, 2 × 60 000.
    assert.deepEqual(
      body.watchHistogram.map((h: any) => [h.fromMs, h.views]),
      [
        [0, 8],
        [10_000, 4],
        [30_000, 1],
        [60_000, 2],
      ],
    );
  });

  test('watch time and completion per local day (completion needs watch_ms ≥ duration 60 s)', async () => {
    const body = await json(analyst, `/api/metrics/watch-time?${LA}&tz=America/Los_Angeles&interval=day`);
    // 03-07: 1 view of 30 s (not complete). 03-08: 2 × 60 s (complete) + 4 × 10 s -> 2 / 6,
    // watch 160 000 / 6. 03-09: 8 × 0 s -> 0 / 8.
    assert.deepEqual(
      body.series.map((s: any) => [s.bucket, s.views, s.avgWatchMs, s.completionRate]),
      [
        ['2026-03-07T08:00:00Z', 1, 30_000, 0],
        ['2026-03-08T08:00:00Z', 6, 160_000 / 6, 2 / 6],
        ['2026-03-09T07:00:00Z', 8, 0, 0],
      ],
    );
  });

  test('latency percentiles on 1..1000 ms are within 1 % of exact; error rate 10 / 1000', async () => {
    const body = await json(analyst, `/api/metrics/latency?${HOUR_Q}`);
    assert.deepEqual(
      body.rows.map((r: any) => [r.route, r.method, r.requests]),
      [
        ['/known', 'GET', 1000],
        ['/other', 'POST', 1],
      ],
    );
    const k = body.rows[0];
    // Exact (nearest rank) on 1, 2, …, 1000: p50 = 500, p95 = 950, p99 = 990.
    for (const [got, exact] of [
      [k.p50, 500],
      [k.p95, 950],
      [k.p99, 990],
    ] as const) {
      assert.ok(Math.abs(got - exact) / exact <= 0.01, `${got} vs ${exact}`);
    }
    assert.equal(k.errorRate, 0.01);
    const series = await json(analyst, `/api/metrics/latency/series?${HOUR_Q}&tz=UTC&interval=hour&route=/known&method=GET`);
    assert.equal(series.series.length, 1);
    assert.equal(series.series[0].requests, 1000);
    assert.ok(Math.abs(series.series[0].p95 - 950) / 950 <= 0.01);
  });

  test('top creators by followers with growth in the window', async () => {
    const body = await json(analyst, `/api/metrics/top-creators?${LA}&limit=10`);
    // 801: followed by 811 (Jan), 812 (03-08), 813 (03-09) -> 3, growth 2. 802: 811 (Feb) -> 1, 0.
    assert.deepEqual(body.rows, [
      { userId: 801, username: 'dash_creator_a', followers: 3, followerGrowth: 2 },
      { userId: 802, username: 'dash_creator_b', followers: 1, followerGrowth: 0 },
    ]);
  });
});
