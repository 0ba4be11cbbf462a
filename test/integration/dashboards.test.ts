// Dashboard correctness on a hand-built fixture (test/fixtures/dashboards.ts): day buckets at
// 23:59 and 00:01 local time around the 2026-03-08 DST change in America/Los_Angeles, in
// Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45); a video with zero views; latency
// percentiles on a known distribution; revenue with payouts excluded. Every expected number is
// worked out by hand from the fixture and written here. The fixture goes in through the ingest
// API, as the platform feeds the console.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { CREATORS, FOLLOWS, TRANSACTIONS, VIDEOS, VIDEO_EVENTS, knownLatencyRows } from '../fixtures/dashboards.js';

let c: TestConsole;
let analyst: TestSession;
let moderator: TestSession;
// The latency fixture's hour: two days ago, on the hour (raw request metrics have a 90-day TTL).
const HOUR = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 48 * 3_600_000);
const HOUR_END = new Date(HOUR.getTime() + 3_600_000);
const HOUR_Q = `from=${HOUR.toISOString()}&to=${HOUR_END.toISOString()}`;
// The console's clock while the March–May 2026 fixture goes in: ingest refuses events more than 400
// days older than its clock, so the fixture is loaded at a clock just after it (not today's date).
const FIXTURE_CLOCK = new Date('2026-06-01T00:00:00Z');
let ingestClock: Date | undefined;
/** The test clock runs this far ahead of the real one (a test moves it past the 10 s result cache). */
let clockShiftMs = 0;
const hourTs = (minute: number) => `${HOUR.toISOString().slice(0, 13)}:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * Loads the fixture as the platform would: NDJSON batches through the ingest API
 * (POST /api/v1/ingest/<stream>) with an API key of scope ingest made by the admin API.
 */
async function loadFixture(t: TestConsole, admin: TestSession): Promise<void> {
  const keyRes = await admin.call('POST', '/api/admin/api-keys', { name: 'dashboards fixture', scopes: ['ingest'] });
  assert.equal(keyRes.status, 201, await keyRes.clone().text());
  const { key } = (await keyRes.json()) as { key: string };
  const updated_at = '2026-01-01T00:00:00Z';
  const ingest = async (stream: string, rows: Record<string, unknown>[]) => {
    const res = await t.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
    });
    const body = (await res.json()) as { accepted: number; rejected: number; errors: unknown[] };
    assert.equal(res.status, 200, `${stream}: ${JSON.stringify(body)}`);
    assert.deepEqual([body.accepted, body.rejected, body.errors], [rows.length, 0, []], `${stream}: ${JSON.stringify(body)}`);
  };
  ingestClock = FIXTURE_CLOCK;
  await ingest(
    'users',
    CREATORS.map((u) => ({ id: u.id, username: u.username, email: u.email, role: u.role, region: u.region, created_at: updated_at, updated_at })),
  );
  await ingest('advertisers', [{ id: 71, name: 'Advertiser 71', timezone: 'UTC', currency: 'USD', updated_at }]);
  await ingest(
    'videos',
    VIDEOS.map((v) => ({ id: v.id, creator_id: v.creatorId, title: v.title, duration_ms: v.durationMs, region: 'US', created_at: updated_at, updated_at })),
  );
  await ingest(
    'follows',
    FOLLOWS.map((f) => ({ follower_id: f.follower, followee_id: f.followee, created_at: f.at })),
  );
  await ingest(
    'transactions',
    TRANSACTIONS.map((x) => ({
      id: x.id,
      kind: x.kind,
      amount_minor: x.amountMinor,
      currency: 'USD',
      user_id: x.userId,
      advertiser_id: x.advertiserId,
      occurred_at: x.at,
      updated_at,
    })),
  );
  const creatorOf = new Map(VIDEOS.map((v) => [v.id, v.creatorId]));
  await ingest(
    'video-events',
    VIDEO_EVENTS.map((e, i) => ({
      event_id: randomUUID(),
      ts: e.ts,
      type: e.type,
      video_id: e.videoId,
      creator_id: creatorOf.get(e.videoId),
      user_id: 811 + (i % 3),
      watch_ms: e.watchMs ?? 0,
      region: e.region ?? 'US',
      device: e.device ?? 'ios',
    })),
  );
  // Two ad events of a campaign PostgreSQL does not know (orphans for data quality).
  await ingest(
    'ad-events',
    [1, 2].map((i) => ({
      event_id: randomUUID(),
      ts: `2026-03-08T12:0${i}:00.000Z`,
      type: 'impression',
      advertiser_id: 71,
      campaign_id: 5555,
      user_id: 811,
      cost_micros: 1000,
      region: 'US',
      device: 'ios',
    })),
  );
  // The latency hour is two days before the real clock (request_metrics' 90-day TTL runs on it).
  ingestClock = undefined;
  await ingest('request-metrics', [
    ...knownLatencyRows(HOUR),
    { ts: hourTs(5), service: 'api', route: '/other', method: 'POST', status: 201, duration_ms: 7, instance: 'fixture' },
  ]);
}

const q = (s: TestSession, path: string) => s.call('GET', path);
async function json<T = any>(s: TestSession, path: string): Promise<T> {
  const res = await q(s, path);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

describe(`dashboards on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv, { now: () => ingestClock ?? new Date(Date.now() + clockShiftMs) });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    await loadFixture(c, admin);
    for (const role of ['analyst', 'moderator']) {
      const res = await admin.call('POST', '/api/admin/accounts', {
        email: `${role}@dash.test`,
        password: 'dash-password-long',
        role,
        timezone: 'America/Los_Angeles',
      });
      assert.equal(res.status, 201, await res.text());
    }
    analyst = await login(c, 'analyst@dash.test', 'dash-password-long');
    moderator = await login(c, 'moderator@dash.test', 'dash-password-long');
  });
  after(async () => c?.stop());

  const LA = 'from=2026-03-07T08:00:00Z&to=2026-03-10T07:00:00Z';

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

  test('overview tiles with the previous window of equal length', async () => {
    const body = await json(analyst, `/api/metrics/overview?${LA}&tz=America/Los_Angeles`);
    const tile = (m: string) => body.tiles.find((t: any) => t.metric === m);
    assert.equal(tile('views').value, 15);
    assert.equal(tile('views').previous, 2);
    assert.equal(tile('views').changePct, 650);
    // Platform engagement: (3 + 2 likes + 1 comment + 1 share) / 15 views.
    assert.ok(Math.abs(tile('engagementRate').value - 7 / 15) < 1e-12);
    assert.equal(tile('revenue').value, '6950'); // a digit string: 1000 + 5000 + 250 + 700 minor units
    assert.equal(tile('revenue').currency, 'USD');
    assert.equal(tile('openCases').value, 0);
    assert.equal(tile('latencyP95').value, null);
    assert.equal(tile('alertsFiring').value, 0);
    // Day sparkline of views (window > 3 days? 71 h is under, so hourly): sum is the total.
    assert.equal(
      tile('views').sparkline.reduce((a: number, p: any) => a + p.value, 0),
      15,
    );
  });

  test('overview tiles read their sources: open cases now, p95 latency of the window, alerts firing now', async (t) => {
    const pool = c.stores.pg.handle.pool;
    // Two unresolved cases (open, in review) and a resolved one; two firing alerts and a pending one.
    const cases = await pool.query(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, resolved_at)
       VALUES (903, 'open', $1, $1, $2, NULL), (904, 'in_review', $1, $1, $2, NULL), (901, 'resolved', $1, $1, $2, $2) RETURNING id`,
      [HOUR.toISOString(), HOUR_END.toISOString()],
    );
    const alerts = await pool.query(
      `INSERT INTO alert_instances (rule_id, fingerprint, labels, state) VALUES ('t_tile', 'a', '{}', 'firing'), ('t_tile', 'b', '{}', 'firing'), ('t_tile', 'c', '{}', 'pending') RETURNING id`,
    );
    t.after(async () => {
      await pool.query('DELETE FROM moderation_cases WHERE id = ANY($1)', [cases.rows.map((r) => r.id)]);
      await pool.query('DELETE FROM alert_instances WHERE id = ANY($1)', [alerts.rows.map((r) => r.id)]);
    });
    // The alerts tile has no window: an earlier test's answer may sit in the 10 s result cache.
    clockShiftMs += 11_000;
    const body = await json(analyst, `/api/metrics/overview?${HOUR_Q}&tz=UTC`);
    const tile = (m: string) => body.tiles.find((x: any) => x.metric === m);
    assert.equal(tile('openCases').value, 2);
    // None was reported before the window's start.
    assert.equal(tile('openCases').previous, 0);
    assert.equal(tile('alertsFiring').value, 2);
    // The hour holds 1..1000 ms on /known and one 7 ms request: 1001 values, nearest rank 951 is 950 ms.
    assert.ok(Math.abs(tile('latencyP95').value - 950) / 950 <= 0.01, String(tile('latencyP95').value));
    assert.equal(tile('latencyP95').previous, null);
  });

  test('CSV download shares the registry’s columns and states the window and timezone', async () => {
    const res = await q(analyst, `/api/metrics/export/revenue?${LA}&tz=America/Los_Angeles`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.deepEqual(lines, [
      '# Revenue per day and kind',
      '# window [2026-03-07T08:00:00.000Z, 2026-03-10T07:00:00.000Z)',
      '# timezone America/Los_Angeles',
      'Day,Kind,Amount (minor units),Currency',
      '2026-03-07,subscription,1000,USD',
      '2026-03-08,ad_payment,5000,USD',
      '2026-03-08,gift,250,USD',
      '2026-03-09,subscription,700,USD',
    ]);
    const trending = (await (await q(analyst, `/api/metrics/export/trending-videos?${LA}&tz=America/Los_Angeles`)).text()).trim().split('\r\n');
    // Engagement rate of 902 is an empty cell, not 0.
    assert.equal(trending[5], '902,Liked but never viewed,801,0,2,0,0,,,0,');
    assert.equal((await q(analyst, '/api/metrics/export/nope')).status, 404);
  });

  test('moderation KPIs: open cases, median time to decision, decisions per moderator, SLA breaches', async (t) => {
    // Cases and decisions are written by the moderation workflow (not ingest): straight to the
    // tables here. A: reported 03-08 00:00Z, due 04:00Z, dismissed 10:00Z (10 h, late).
    // B: reported 03-08 12:00Z, due 03-09 12:00Z, removed 14:00Z (2 h, on time). C: reported
    // 03-09 00:00Z, due 04:00Z, escalated 01:00Z (not a final decision), still open.
    const pool = c.stores.pg.handle.pool;
    const cs = [
      { video: 901, status: 'resolved', first: '2026-03-08T00:00:00Z', due: '2026-03-08T04:00:00Z', resolved: '2026-03-08T10:00:00Z' },
      { video: 903, status: 'resolved', first: '2026-03-08T12:00:00Z', due: '2026-03-09T12:00:00Z', resolved: '2026-03-08T14:00:00Z' },
      { video: 902, status: 'escalated', first: '2026-03-09T00:00:00Z', due: '2026-03-09T04:00:00Z', resolved: null },
    ];
    const ids: number[] = [];
    for (const x of cs) {
      const r = await pool.query(
        'INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, resolved_at) VALUES ($1, $2, $3, $3, $4, $5) RETURNING id',
        [x.video, x.status, x.first, x.due, x.resolved],
      );
      ids.push(Number(r.rows[0].id));
    }
    // Its cases leave with it: the other tests count open cases without these.
    t.after(async () => {
      await pool.query('DELETE FROM moderation_decisions WHERE case_id = ANY($1)', [ids]);
      await pool.query('DELETE FROM moderation_cases WHERE id = ANY($1)', [ids]);
    });
    const decisions = [
      { i: 0, video: 901, reviewer: 5001, at: '2026-03-08T10:00:00Z', outcome: 'dismiss' },
      { i: 1, video: 903, reviewer: 5001, at: '2026-03-08T14:00:00Z', outcome: 'remove' },
      { i: 2, video: 902, reviewer: 5002, at: '2026-03-09T01:00:00Z', outcome: 'escalate' },
    ];
    for (const d of decisions) {
      await pool.query(
        "INSERT INTO moderation_decisions (case_id, video_id, reviewer_id, decided_at, outcome, policy_reason, state_before, state_after) VALUES ($1, $2, $3, $4, $5, 'spam', '{}', '{}')",
        [ids[d.i], d.video, d.reviewer, d.at, d.outcome],
      );
    }
    // A window the earlier tests did not ask (the overview cached the LA window's answer for 10 s).
    const body = await json(moderator, '/api/metrics/moderation?from=2026-03-07T08:00:00Z&to=2026-03-10T07:15:00Z');
    assert.equal(body.openCases, 1);
    assert.equal(body.openCasesAtFrom, 0);
    // Median of the final decisions' 36 000 s and 7 200 s.
    assert.equal(body.medianDecisionSeconds, 21_600);
    assert.equal(body.decisions, 3);
    // C is open past due; A was resolved after its due time.
    assert.equal(body.slaBreaches, 2);
    const expectedAge = (Date.now() - Date.parse('2026-03-09T00:00:00Z')) / 1000;
    assert.ok(Math.abs(body.oldestOpenSeconds - expectedAge) < 120, `${body.oldestOpenSeconds} vs ${expectedAge}`);
    assert.deepEqual(body.moderators, [
      { reviewerId: 5001, email: null, decisions: 2, removals: 1, dismissals: 1 },
      { reviewerId: 5002, email: null, decisions: 1, removals: 0, dismissals: 0 },
    ]);
    // The video page shows its moderation history.
    const video = await json(analyst, '/api/metrics/videos/901?from=2026-03-07T08:00:00Z&to=2026-03-10T07:15:00Z');
    assert.deepEqual(
      video.decisions.map((d: any) => [d.outcome, d.decidedAt]),
      [['dismiss', '2026-03-08T10:00:00.000Z']],
    );
  });

  test('roles: a moderator sees the moderation panel and its CSV, not the platform panels', async () => {
    assert.equal((await q(moderator, `/api/metrics/moderation?${LA}`)).status, 200);
    assert.equal((await q(moderator, `/api/metrics/export/moderators?${LA}`)).status, 200);
    assert.equal((await q(moderator, `/api/metrics/export/revenue?${LA}`)).status, 403);
    assert.equal((await q(moderator, `/api/metrics/overview?${LA}`)).status, 403);
  });

  test('thumbnails: an SVG per video for platform roles', async () => {
    const res = await q(analyst, '/media/thumb/901.svg');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    // Hue = 901 × 137 mod 360 = 317.
    assert.match(await res.text(), /^<svg[^>]*>.*hsl\(317 55% 45%\)/);
    // Moderators see thumbnails in the review queue.
    assert.equal((await q(moderator, '/media/thumb/901.svg')).status, 200);
    assert.equal((await q(analyst, '/media/thumb/x.png')).status, 400);
  });

  test('bad input answers 400 naming the field', async () => {
    const bad = await q(analyst, '/api/metrics/engagement?tz=Mars/Olympus');
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(await bad.json()), /tz/);
    const inverted = await q(analyst, '/api/metrics/engagement?from=2026-03-10T00:00:00Z&to=2026-03-09T00:00:00Z');
    assert.equal(inverted.status, 400);
    assert.equal((await q(analyst, '/api/metrics/engagement?interval=week')).status, 400);
  });

  test('definitions come from the registry: every metric names its formula, tables and SQL files', async () => {
    const body = await json(analyst, '/api/metrics/definitions');
    const er = body.metrics.find((m: any) => m.id === 'engagementRate');
    assert.equal(er.formula, '(likes + comments + shares) / views, over the same window and set');
    assert.ok(er.tables.includes('clickhouse.video_stats_15m'));
    assert.ok(body.metrics.every((m: any) => m.queries.every((f: string) => /^(clickhouse|postgres)\/dashboards\/\w+\.sql$/.test(f))));
  });

  test('data quality: score from validity, completeness and consistency per stream', async () => {
    const body = await json(analyst, `/api/metrics/data-quality?${HOUR_Q}`);
    const rm = body.streams.find((s: any) => s.stream === 'request-metrics');
    // 1001 rows, no rejections, no empty column, rollup = raw: every part 1, score 100.
    assert.equal(rm.rawRows, 1001);
    assert.equal(rm.validity, 1);
    assert.equal(rm.completeness, 1);
    assert.equal(rm.consistency, 1);
    assert.equal(rm.score, 100);
    const la = await json(analyst, `/api/metrics/data-quality?${LA}`);
    const ve = la.streams.find((s: any) => s.stream === 'video-events');
    // 15 views + 5 likes + 1 comment + 1 share = 22 rows; 8 views with watch_ms 0 -> that
    // column's null rate 8 / 22, the other 4 columns 0: completeness 1 − (8 / 22) / 5.
    // Rollup = raw and every video exists: consistency 1. Score round(100 × (3 − 8 / 110) / 3) = 98.
    assert.equal(ve.rawRows, 22);
    assert.equal(ve.orphanEvents, 0);
    assert.ok(Math.abs(ve.completeness - (1 - 8 / 110)) < 1e-12);
    assert.equal(ve.consistency, 1);
    assert.equal(ve.score, 98);
    const ae = la.streams.find((s: any) => s.stream === 'ad-events');
    // 2 impressions, both of campaign 5555 which is not in PostgreSQL: consistency
    // (1 + (1 − 2 / 2)) / 2 = 0.5; validity 1, completeness 1 -> round(100 × 2.5 / 3) = 83.
    assert.equal(ae.orphanEvents, 2);
    assert.equal(ae.consistency, 0.5);
    assert.equal(ae.score, 83);
  });
});
