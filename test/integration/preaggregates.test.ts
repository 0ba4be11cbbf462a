// The panels rewritten onto pre-aggregates (docs/scale.md) against the same figures computed
// here from the raw rows the test sent: a deterministic stream of ~4,000 video events over five
// weeks, fed through the ingest API. Windows: one starting at :15 local and one at :45 local in
// Asia/Kathmandu (+05:45), the 23-hour 2026-03-08 in America/Los_Angeles, one shorter than an
// hour and one of 30 days. Revenue and top creators likewise from the transactions and follows sent. Then a video with a known watch-time distribution (completion rate and
// percentiles worked out by hand), and `rollups rebuild` giving the same answers as live ingest,
// resumed after an interruption.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { DashboardsService, type Interval } from '../../server/features/dashboards/dashboards.service.js';
import { parseEnv } from '../../server/env.js';
import { chQuery, pgQuery } from '../../server/db/index.js';
import { rebuildPgRollups, rebuildPlan, rebuildRollups } from '../../server/db/rollups.js';

const USERS = [821, 822, 823];
const VIDEOS = [
  { id: 951, creatorId: 821, durationMs: 60_000 },
  { id: 952, creatorId: 821, durationMs: 20_000 },
  { id: 953, creatorId: 822, durationMs: 180_000 },
  // The known distribution: 200 views watching 0.5 s, 1.5 s, …, 199.5 s of a 60 s video.
  { id: 960, creatorId: 822, durationMs: 60_000 },
];
const ORPHAN_VIDEO = 959; // never sent to PostgreSQL
const DURATION = new Map(VIDEOS.map((v) => [v.id, v.durationMs]));

type Ev = {
  ts: number;
  type: 'view' | 'like' | 'comment' | 'share' | 'follow';
  videoId: number;
  userId: number;
  watchMs: number;
  region: string;
  device: string;
};

/** mulberry32: the same stream on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPAN_FROM = Date.parse('2026-02-18T00:00:00Z');
const SPAN_TO = Date.parse('2026-03-24T00:00:00Z');
const KNOWN_AT = Date.parse('2026-03-10T12:00:00Z');

function makeEvents(): Ev[] {
  const r = rng(12);
  const out: Ev[] = [];
  for (let i = 0; i < 4000; i++) {
    const u = r();
    const type = u < 0.8 ? 'view' : u < 0.9 ? 'like' : u < 0.95 ? 'comment' : u < 0.98 ? 'share' : 'follow';
    const videoId = r() < 0.03 ? ORPHAN_VIDEO : VIDEOS[Math.floor(r() * 3)]!.id;
    const d = DURATION.get(videoId) ?? 30_000;
    // Dense around the LA DST day and the Kathmandu windows, thin elsewhere over five weeks.
    const dense = r() < 0.5;
    const ts = dense ? Date.parse('2026-03-04T12:00:00Z') + Math.floor(r() * 5.5 * 86_400_000) : SPAN_FROM + Math.floor(r() * (SPAN_TO - SPAN_FROM));
    const w = r();
    const watchMs = type !== 'view' ? 0 : w < 0.1 ? 0 : w < 0.35 ? d : Math.floor(r() * 2 * d);
    out.push({
      ts,
      type,
      videoId,
      userId: r() < 0.05 ? 0 : USERS[Math.floor(r() * 3)]!,
      watchMs,
      region: ['US', 'IN', 'NP'][Math.floor(r() * 3)]!,
      device: ['ios', 'android', 'web'][Math.floor(r() * 3)]!,
    });
  }
  for (let k = 0; k < 200; k++)
    out.push({ ts: KNOWN_AT + k * 1000, type: 'view', videoId: 960, userId: 821, watchMs: 500 + 1000 * k, region: 'US', device: 'ios' });
  return out;
}
const EVENTS = makeEvents();

// PostgreSQL facts: 30 fans following the 3 creators at random instants, and transactions, 40 of
// them sent again later with another amount, kind or instant (an upsert moves them).
const FANS = Array.from({ length: 30 }, (_, i) => 831 + i);
type Follow = { follower: number; followee: number; at: number };
type Tx = { id: number; kind: string; amountMinor: number; currency: string; userId: number; at: number };
function makeFacts() {
  const r = rng(34);
  const at = () => (r() < 0.6 ? Date.parse('2026-03-04T12:00:00Z') + Math.floor(r() * 5.5 * 86_400_000) : SPAN_FROM + Math.floor(r() * (SPAN_TO - SPAN_FROM)));
  const follows: Follow[] = [];
  for (const f of FANS) for (const c of USERS) if (r() < 0.3 + 0.25 * (c - 821)) follows.push({ follower: f, followee: c, at: at() });
  const kinds = ['subscription', 'gift', 'payout'];
  const first: Tx[] = Array.from({ length: 300 }, (_, i) => ({
    id: 7000 + i,
    kind: kinds[Math.floor(r() * 3)]!,
    amountMinor: 1 + Math.floor(r() * 5000),
    currency: r() < 0.7 ? 'USD' : 'EUR',
    userId: FANS[Math.floor(r() * 30)]!,
    at: Math.floor(at() / 1000) * 1000,
  }));
  const moved = first
    .slice(0, 40)
    .map((t) => ({ ...t, amountMinor: t.amountMinor + 7, kind: kinds[(kinds.indexOf(t.kind) + 1) % 3]!, at: Math.floor(at() / 1000) * 1000 }));
  return { follows, first, moved, final: [...moved, ...first.slice(40)] };
}
const FACTS = makeFacts();

// ---- the figures from raw rows -----------------------------------------------------------

/** A local hour or day as text with its UTC offset (an hour repeated at a DST fall-back differs). */
function localKey(ms: number, tz: string, interval: Interval): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return interval === 'day' ? day : `${day} ${parts.hour} ${parts.timeZoneName}`;
}

interface Window {
  name: string;
  from: string;
  to: string;
  tz: string;
  interval: Interval;
}
const WINDOWS: Window[] = [
  // 2026-03-05 00:15 NPT: local hours start at :15 UTC, so every bucket is three quarter-hours of one UTC hour and one of the next.
  { name: 'Kathmandu from 00:15 local, hourly', from: '2026-03-04T18:30:00Z', to: '2026-03-06T18:30:00Z', tz: 'Asia/Kathmandu', interval: 'hour' },
  // 2026-03-05 00:45 NPT for three days and a half: the first and last local days are partial.
  { name: 'Kathmandu from 00:45 local, daily', from: '2026-03-04T19:00:00Z', to: '2026-03-08T07:00:00Z', tz: 'Asia/Kathmandu', interval: 'day' },
  {
    name: 'the 23-hour 2026-03-08 in Los Angeles, hourly',
    from: '2026-03-08T08:00:00Z',
    to: '2026-03-09T07:00:00Z',
    tz: 'America/Los_Angeles',
    interval: 'hour',
  },
  { name: 'Los Angeles days around the DST change', from: '2026-03-06T08:00:00Z', to: '2026-03-10T07:00:00Z', tz: 'America/Los_Angeles', interval: 'day' },
  { name: 'shorter than an hour (30 minutes)', from: '2026-03-06T10:15:00Z', to: '2026-03-06T10:45:00Z', tz: 'Asia/Kolkata', interval: 'hour' },
  { name: '30 days in Kathmandu', from: '2026-02-20T18:15:00Z', to: '2026-03-22T18:15:00Z', tz: 'Asia/Kathmandu', interval: 'day' },
];

const inWindow = (w: Window) => (e: Ev) => e.ts >= Date.parse(w.from) && e.ts < Date.parse(w.to);
const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const completed = (e: Ev) => e.type === 'view' && DURATION.has(e.videoId) && e.watchMs >= DURATION.get(e.videoId)!;

function expectedWatchTime(w: Window) {
  const by = new Map<string, Ev[]>();
  for (const e of EVENTS.filter(inWindow(w))) {
    const k = localKey(e.ts, w.tz, w.interval);
    by.set(k, [...(by.get(k) ?? []), e]);
  }
  return Object.fromEntries(
    [...by].map(([k, es]) => {
      const views = es.filter((e) => e.type === 'view');
      return [k, { views: views.length, watchMs: views.reduce((a, e) => a + e.watchMs, 0), completed: views.filter(completed).length }];
    }),
  );
}

/** Percentile as the panel defines it, from the raw values: the point where the cumulative count reaches q × n, each view spread evenly over its second. */
function percentileFromRaw(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const perSecond = new Map<number, number>();
  for (const v of values) perSecond.set(Math.floor(v / 1000), (perSecond.get(Math.floor(v / 1000)) ?? 0) + 1);
  const target = q * values.length;
  let below = 0;
  for (const s of [...perSecond.keys()].sort((a, b) => a - b)) {
    const n = perSecond.get(s)!;
    if (below + n >= target) return Math.round(s * 1000 + (1000 * (target - below)) / n);
    below += n;
  }
  return null;
}

let c: TestConsole;
let analyst: TestSession;

async function json<T = any>(s: TestSession, path: string): Promise<T> {
  const res = await s.call('GET', path);
  assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}
const qs = (w: Window) => `from=${w.from}&to=${w.to}&tz=${encodeURIComponent(w.tz)}&interval=${w.interval}`;

describe(`panels on pre-aggregates against raw rows, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    // The February–March 2026 fixture goes in with the console's clock at 2026-04-01: ingest refuses
    // events more than 400 days older than its clock, so on today's clock it would stop loading
    // from 2027-03-25 (docs/testing.md, the clock).
    let ingestClock: Date | undefined;
    c = await startTestConsole(bootstrapAdminEnv, { now: () => ingestClock ?? new Date() });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const keyRes = await admin.call('POST', '/api/admin/api-keys', { name: 'preaggregates fixture', scopes: ['ingest'] });
    ingestClock = new Date('2026-04-01T00:00:00Z');
    const { key } = (await keyRes.json()) as { key: string };
    const ingest = async (stream: string, rows: Record<string, unknown>[]) => {
      const res = await c.get(`/api/v1/ingest/${stream}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
      });
      const body = (await res.json()) as { accepted: number; rejected: number; orphans: number };
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(body.rejected, 0, JSON.stringify(body));
      return body;
    };
    const updated_at = '2026-01-01T00:00:00Z';
    await ingest(
      'users',
      USERS.map((id) => ({ id, username: `pre_${id}`, email: `${id}@pre.test`, role: 'creator', region: 'US', created_at: updated_at, updated_at })),
    );
    await ingest(
      'users',
      FANS.map((id) => ({ id, username: `fan_${id}`, email: `${id}@pre.test`, role: 'viewer', region: 'NP', created_at: updated_at, updated_at })),
    );
    await ingest(
      'follows',
      FACTS.follows.map((f) => ({ follower_id: f.follower, followee_id: f.followee, created_at: new Date(f.at).toISOString() })),
    );
    const tx = (x: Tx, updated: string) => ({
      id: x.id,
      kind: x.kind,
      amount_minor: x.amountMinor,
      currency: x.currency,
      user_id: x.userId,
      advertiser_id: null,
      occurred_at: new Date(x.at).toISOString(),
      updated_at: updated,
    });
    await ingest(
      'transactions',
      FACTS.first.map((x) => tx(x, updated_at)),
    );
    await ingest(
      'transactions',
      FACTS.moved.map((x) => tx(x, '2026-02-01T00:00:00Z')),
    );
    await ingest(
      'videos',
      VIDEOS.map((v) => ({
        id: v.id,
        creator_id: v.creatorId,
        title: `Video ${v.id}`,
        duration_ms: v.durationMs,
        region: 'US',
        created_at: updated_at,
        updated_at,
      })),
    );
    const creatorOf = (id: number) => VIDEOS.find((v) => v.id === id)?.creatorId ?? 823;
    // Two batches, as a feeder sends them.
    const rows = EVENTS.map((e) => ({
      event_id: randomUUID(),
      ts: new Date(e.ts).toISOString(),
      type: e.type,
      video_id: e.videoId,
      creator_id: creatorOf(e.videoId),
      user_id: e.userId,
      watch_ms: e.watchMs,
      region: e.region,
      device: e.device,
    }));
    const half = Math.floor(rows.length / 2);
    const a = await ingest('video-events', rows.slice(0, half));
    const b = await ingest('video-events', rows.slice(half));
    assert.equal(a.orphans + b.orphans, EVENTS.filter((e) => e.videoId === ORPHAN_VIDEO).length);
    ingestClock = undefined;
    const res = await admin.call('POST', '/api/admin/accounts', { email: 'analyst@pre.test', password: 'pre-password-long', role: 'analyst', timezone: 'UTC' });
    assert.equal(res.status, 201, await res.text());
    analyst = await login(c, 'analyst@pre.test', 'pre-password-long');
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

  for (const w of WINDOWS) {
    test(`revenue per local day, kind and currency, payouts apart: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/revenue?from=${w.from}&to=${w.to}&tz=${encodeURIComponent(w.tz)}`);
      const sums = new Map<string, number>();
      for (const x of FACTS.final.filter((x) => x.at >= Date.parse(w.from) && x.at < Date.parse(w.to))) {
        const k = `${localKey(x.at, w.tz, 'day')}|${x.kind}|${x.currency}`;
        sums.set(k, (sums.get(k) ?? 0) + x.amountMinor);
      }
      const rows = [...sums]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([k, amountMinor]) => {
          const [day, kind, currency] = k.split('|') as [string, string, string];
          return { day, kind, currency, amountMinor: String(amountMinor) }; // sums as digit strings
        });
      assert.deepEqual(
        body.series,
        rows.filter((r) => r.kind !== 'payout').map(({ day, kind, amountMinor, currency }) => ({ day, kind, amountMinor, currency })),
      );
      assert.deepEqual(
        body.payouts,
        rows.filter((r) => r.kind === 'payout').map(({ day, amountMinor, currency }) => ({ day, amountMinor, currency })),
      );
    });

    test(`top creators: followers at the window's end and growth inside it: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/top-creators?from=${w.from}&to=${w.to}&limit=10`);
      const expected = USERS.map((id) => ({
        userId: id,
        followers: FACTS.follows.filter((f) => f.followee === id && f.at < Date.parse(w.to)).length,
        followerGrowth: FACTS.follows.filter((f) => f.followee === id && f.at >= Date.parse(w.from) && f.at < Date.parse(w.to)).length,
      }))
        .filter((x) => x.followers > 0)
        .sort((a, b) => b.followers - a.followers || a.userId - b.userId);
      assert.deepEqual(
        body.rows.map(({ userId, followers, followerGrowth }: any) => ({ userId, followers, followerGrowth })),
        expected,
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
    const live = await snapshot();
    const plan = await rebuildPlan(c.stores);
    const targets = [...new Set(plan.map((s) => s.target))].sort();
    // The video-event pre-aggregates and the tiers fed by them, and the console's request metrics'.
    assert.deepEqual(targets, [
      'engagement_15m',
      'engagement_totals_15m',
      'request_quality_15m',
      'route_stats_15m',
      'route_stats_1m',
      'route_totals_15m',
      'video_day_changes',
      'video_quality_15m',
      'video_stats_15m',
      'video_stats_1d',
      'video_stats_1h',
      'video_stats_1h_by_video',
      'video_views_1m',
      'video_watch_15m',
    ]);
    // A coarser tier is rebuilt after the tier it reads.
    const last = (t: string) => plan.map((s) => s.target).lastIndexOf(t);
    const first = (t: string) => plan.map((s) => s.target).indexOf(t);
    assert.ok(last('video_stats_15m') < first('video_stats_1h') && last('video_stats_1h') < first('video_stats_1d'));
    assert.ok(last('video_stats_1h') < first('video_stats_1h_by_video'));
    assert.ok(last('engagement_15m') < first('engagement_totals_15m') && last('route_stats_15m') < first('route_totals_15m'));
    // The trending lists' change record comes after the daily tier (docs/scale.md, "Trending").
    assert.ok(last('video_stats_1d') < first('video_day_changes'));
    // Empty the pre-aggregates, so the rebuild has everything to recompute.
    for (const t of targets) await c.stores.ch.execScriptStatement(`TRUNCATE TABLE ${t}`);
    await c.stores.pg.script('TRUNCATE revenue_15m, creator_followers, creator_follows_daily, creator_follows_hourly');
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
