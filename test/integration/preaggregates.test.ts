// The panels rewritten onto pre-aggregates (docs/scale.md) against the same figures computed
// here from the raw rows the test sent: a deterministic stream of ~4,000 video events over five
// weeks, fed through the ingest API (test/support/preaggregates-fixture.ts). Windows: one starting at
// :15 local and one at :45 local in Asia/Kathmandu (+05:45), the 23-hour 2026-03-08 in
// America/Los_Angeles, one shorter than an hour and one of 30 days. Revenue and top creators, from the
// transactions and follows sent, are in preaggregates-postgres.test.ts. Then a video with a known watch-time distribution (completion rate and
// percentiles worked out by hand), and `rollups rebuild` giving the same answers as live ingest,
// resumed after an interruption.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { DashboardsService } from '../../server/features/dashboards/dashboards.service.js';
import { parseEnv } from '../../server/env.js';
import { chQuery, pgQuery } from '../../server/db/index.js';
import { rebuildPgRollups, rebuildPlan, rebuildRollups } from '../../server/db/rollups.js';
import {
  EVENTS,
  ORPHAN_VIDEO,
  WINDOWS,
  completed,
  expectedWatchTime,
  inWindow,
  json,
  localKey,
  percentileFromRaw,
  qs,
  ratio,
  startPreaggregatesConsole,
  type Ev,
} from '../support/preaggregates-fixture.js';

let c: TestConsole;
let analyst: TestSession;

describe(`panels on pre-aggregates against raw rows, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    ({ c, analyst } = await startPreaggregatesConsole());
  });
  after(async () => c?.stop());

  for (const w of WINDOWS) {
    test(`watch time and completion rate: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/watch-time?${qs(w)}`);
      const expected = expectedWatchTime(w);
      const got = Object.fromEntries(body.series.map((s: any) => [localKey(Date.parse(s.bucket), w.tz, w.interval), s]));
      // Every local bucket with events, and no other.
      assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort());
      assert.ok(Object.keys(expected).length > 0, 'the window holds events');
      for (const [k, e] of Object.entries(expected)) {
        assert.deepEqual([got[k].views, got[k].avgWatchMs, got[k].completionRate], [e.views, ratio(e.watchMs, e.views), ratio(e.completed, e.views)], k);
      }
    });

    test(`data quality counted at ingest: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/data-quality?from=${w.from}&to=${w.to}`);
      const ve = body.streams.find((s: any) => s.stream === 'video-events');
      const es = EVENTS.filter(inWindow(w));
      assert.equal(ve.rawRows, es.length);
      assert.equal(ve.rollupRows, es.length);
      assert.equal(ve.orphanEvents, es.filter((e) => e.videoId === ORPHAN_VIDEO).length);
      assert.deepEqual(ve.nullRates, {
        user_id: ratio(es.filter((e) => e.userId === 0).length, es.length),
        creator_id: ratio(0, es.length),
        region: ratio(0, es.length),
        device: ratio(0, es.length),
        watch_ms: ratio(es.filter((e) => e.type === 'view' && e.watchMs === 0).length, es.length),
      });
    });

    test(`video page of video 951: series, histogram, completion and percentiles: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/videos/951?${qs(w)}`);
      const es = EVENTS.filter(inWindow(w)).filter((e) => e.videoId === 951);
      const views = es.filter((e) => e.type === 'view');
      const perBucket = new Map<string, number>();
      for (const e of views) perBucket.set(localKey(e.ts, w.tz, w.interval), (perBucket.get(localKey(e.ts, w.tz, w.interval)) ?? 0) + 1);
      const gotSeries = new Map(body.series.filter((s: any) => s.views > 0).map((s: any) => [localKey(Date.parse(s.bucket), w.tz, w.interval), s.views]));
      assert.deepEqual(gotSeries, perBucket);
      const bars = new Map<number, number>();
      for (const e of views) bars.set(Math.floor(e.watchMs / 10_000) * 10_000, (bars.get(Math.floor(e.watchMs / 10_000) * 10_000) ?? 0) + 1);
      assert.deepEqual(
        body.watchHistogram,
        [...bars].sort((a, b) => a[0] - b[0]).map(([fromMs, n]) => ({ fromMs, toMs: fromMs + 10_000, views: n })),
      );
      const watch = views.map((e) => e.watchMs);
      assert.deepEqual(body.watch, {
        views: views.length,
        completionRate: ratio(views.filter(completed).length, views.length),
        p50Ms: percentileFromRaw(watch, 0.5),
        p90Ms: percentileFromRaw(watch, 0.9),
        p99Ms: percentileFromRaw(watch, 0.99),
      });
      if (watch.length) {
        // Exact to the second: within 1 s of the nearest-rank percentile of the raw values.
        const sorted = [...watch].sort((a, b) => a - b);
        const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
        for (const [q, p] of [
          [0.5, body.watch.p50Ms],
          [0.9, body.watch.p90Ms],
        ] as const)
          assert.ok(Math.abs(p - rank(q)) <= 1000, `p${q * 100}: ${p} vs ${rank(q)}`);
      }
    });

    test(`trending totals per video: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/trending-videos?from=${w.from}&to=${w.to}&tz=${encodeURIComponent(w.tz)}&limit=10`);
      const es = EVENTS.filter(inWindow(w));
      const len = Date.parse(w.to) - Date.parse(w.from);
      const prev = EVENTS.filter((e) => e.ts >= Date.parse(w.from) - len && e.ts < Date.parse(w.from));
      const ids = [...new Set(es.filter((e) => e.type !== 'follow').map((e) => e.videoId))];
      const count = (xs: Ev[], id: number, type: Ev['type']) => xs.filter((e) => e.videoId === id && e.type === type).length;
      const expected = ids
        .map((id) => ({
          videoId: id,
          views: count(es, id, 'view'),
          likes: count(es, id, 'like'),
          comments: count(es, id, 'comment'),
          shares: count(es, id, 'share'),
          prev: count(prev, id, 'view'),
        }))
        .sort((a, b) => b.views - a.views || a.videoId - b.videoId);
      assert.deepEqual(
        body.rows.map((r: any) => ({ videoId: r.videoId, views: r.views, likes: r.likes, comments: r.comments, shares: r.shares })),
        expected.map(({ prev: _p, ...x }) => x),
      );
      assert.deepEqual(
        body.rows.map((r: any) => r.changePct),
        expected.map((x) => (x.prev === 0 ? null : ((x.views - x.prev) / x.prev) * 100)),
      );
    });
  }

  test('a video with a known distribution: 200 views of 0.5 s … 199.5 s on a 60 s video', async () => {
    const body = await json(analyst, '/api/metrics/videos/960?from=2026-03-10T12:00:00Z&to=2026-03-10T13:00:00Z&tz=UTC&interval=hour');
    // Completed: 500 + 1000k ≥ 60 000 for k = 60 … 199, 140 of 200. One view per second, so the
    // cumulative count reaches 100 at the end of second 99 (p50 = 100 s), 180 at 180 s (p90),
    // 198 at 198 s (p99).
    assert.deepEqual(body.watch, { views: 200, completionRate: 0.7, p50Ms: 100_000, p90Ms: 180_000, p99Ms: 198_000 });
    assert.equal(body.watchHistogram.length, 20);
    assert.ok(body.watchHistogram.every((h: any, i: number) => h.fromMs === i * 10_000 && h.views === 10));
  });

  test('rollups rebuild from the raw tables gives the same answers as live ingest, and resumes', async () => {
    const snapshot = async () => {
      // A service of its own each time (no result cache between the readings), at a fixed now.
      const svc = new DashboardsService(c.stores, { queryTimeoutMs: parseEnv({}).QUERY_TIMEOUT_MS, now: () => new Date('2026-04-01T00:00:00Z') });
      const out: unknown[] = [];
      for (const w of WINDOWS) {
        const win = { from: new Date(w.from), to: new Date(w.to), tz: w.tz };
        out.push(
          await svc.revenue(win),
          await c.stores.pg.rows(pgQuery('dashboards/revenue_totals'), {
            prev_from: new Date(2 * win.from.getTime() - win.to.getTime()),
            from: win.from,
            to: win.to,
          }),
          await svc.topCreators(win, 10),
          await svc.watchTime(win, w.interval),
          await svc.dataQuality(win),
          await svc.engagement(win, w.interval),
          await svc.engagementBreakdown(win, 'region'),
          await svc.trendingVideos(win, 10),
          await svc.video(951, win, w.interval),
        );
      }
      // The alert rules that read pre-aggregates (docs/scale.md, "Alert rules"), at instants
      // inside the fixture and, for the request metrics, just after the console's own.
      const nextMinute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
      // A rule's rows come in no particular order (the engine keys them by their labels).
      const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
      for (const iso of ['2026-03-05T12:00:00Z', '2026-03-08T09:37:00Z', '2026-03-20T00:00:00Z']) {
        const at = new Date(iso);
        out.push(
          sorted(await c.stores.ch.rows(chQuery('alerting/video_view_drop'), { at, min_hour_views: 1 })),
          sorted(await c.stores.pg.rows(pgQuery('alerting/revenue_drop'), { at })),
          sorted(await c.stores.pg.rows(pgQuery('alerting/follower_growth_zscore'), { at, min_daily_mean: 0 })),
        );
      }
      out.push(
        sorted(await c.stores.ch.rows(chQuery('alerting/api_5xx_rate'), { at: nextMinute, min_requests: 1 })),
        sorted(await c.stores.ch.rows(chQuery('alerting/api_p95_latency'), { at: nextMinute, min_requests: 1 })),
      );
      return JSON.parse(JSON.stringify(out)) as unknown;
    };
    // The console's own request metrics go to ClickHouse too (a timed flush): written now, so
    // their month is in the plan from the start and nothing arrives between the readings.
    await c.writer.flush();
    // A deleted transaction too: live, the triggers subtract it from each revenue tier.
    await c.stores.pg.handle.pool.query('DELETE FROM transactions WHERE id = $1', [7102]);
    const live = await snapshot();
    const plan = await rebuildPlan(c.stores);
    const targets = [...new Set(plan.map((s) => s.target))].sort();
    // The video-event pre-aggregates and the tiers fed by them, and the console's request metrics'.
    assert.deepEqual(targets, [
      'engagement_15m',
      'engagement_totals_15m',
      'request_quality_15m',
      'route_stats_15m',
      'route_stats_15m_fine',
      'route_stats_1d',
      'route_stats_1h',
      'route_stats_1m',
      'route_totals_15m',
      'video_day_changes',
      'video_quality_15m',
      'video_stats_15m',
      'video_stats_15m_by_video',
      'video_stats_1d',
      'video_stats_1h',
      'video_views_1m',
      'video_watch_15m',
    ]);
    // A coarser tier is rebuilt after the tier it reads.
    const last = (t: string) => plan.map((s) => s.target).lastIndexOf(t);
    const first = (t: string) => plan.map((s) => s.target).indexOf(t);
    assert.ok(last('video_stats_15m') < first('video_stats_1h') && last('video_stats_1h') < first('video_stats_1d'));
    assert.ok(last('video_stats_15m') < first('video_stats_15m_by_video'));
    assert.ok(last('engagement_15m') < first('engagement_totals_15m') && last('route_stats_15m') < first('route_totals_15m'));
    assert.ok(last('route_stats_15m') < first('route_stats_1h') && last('route_stats_1h') < first('route_stats_1d'));
    // The trending lists' change record comes after the daily tier (docs/scale.md, "Trending").
    assert.ok(last('video_stats_1d') < first('video_day_changes'));
    // Empty the pre-aggregates, so the rebuild has everything to recompute.
    for (const t of targets) await c.stores.ch.execScriptStatement(`TRUNCATE TABLE ${t}`);
    await c.stores.pg.script('TRUNCATE revenue_15m, revenue_1h, revenue_1d, creator_followers, creator_follows_daily, creator_follows_hourly');
    await rebuildPgRollups(c.stores);
    const emptied = await new DashboardsService(c.stores, { queryTimeoutMs: parseEnv({}).QUERY_TIMEOUT_MS }).watchTime(
      { from: new Date(WINDOWS[5]!.from), to: new Date(WINDOWS[5]!.to), tz: WINDOWS[5]!.tz },
      'day',
    );
    assert.deepEqual(emptied.series, []);
    // A run stopped after its second step, then the same run again: it resumes.
    let steps = 0;
    await assert.rejects(
      rebuildRollups(c.stores, {
        onProgress: () => {
          if (++steps === 2) throw new Error('stopped');
        },
      }),
      /stopped/,
    );
    const seen: boolean[] = [];
    const r = await rebuildRollups(c.stores, { onProgress: (p) => seen.push(p.skipped) });
    assert.equal(r.steps, plan.length);
    // The two steps of the stopped run were recorded as they finished: the second run skips them.
    assert.equal(r.skipped, 2);
    assert.deepEqual(seen.slice(0, 3), [true, true, false]);
    assert.deepEqual(await snapshot(), live);
    // A new run after a complete one starts from the beginning.
    assert.equal((await rebuildRollups(c.stores, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') })).skipped, 0);
    assert.deepEqual(await snapshot(), live);
  });
});
