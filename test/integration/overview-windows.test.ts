// Issue 12, the whole overview on pre-aggregates against raw rows (docs/scale.md, "What each panel
// reads"), on PGlite and, with TEST_DATABASE_URL, PostgreSQL. A deterministic stream of video
// events, request metrics, transactions and moderation cases over five weeks, sent through the
// ingest API (cases written as the moderation API writes them), and every tile — views, engagement,
// average watch, revenue, open cases, API p95 — with its previous window and its sparkline per
// local bucket, computed here from those rows, over: windows starting at 00:15 and 00:45 local in
// Asia/Kathmandu, the 23-hour 2026-03-08 in America/Los_Angeles (and the days around it), a window
// of 30 minutes and one of 30 days. Latency quantiles are DDSketch figures (1% relative
// accuracy): each is compared with the raw value at the rank the sketch reads, q × (n − 1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { DashboardsService } from '../../server/features/dashboards/dashboards.service.js';
import { rebuildRollups } from '../../server/db/rollups.js';

const DAY = 86_400_000;
const SPAN_FROM = Date.parse('2026-02-18T00:00:00Z');
const SPAN_TO = Date.parse('2026-03-24T00:00:00Z');
const DENSE_FROM = Date.parse('2026-03-04T12:00:00Z');

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
const r = rng(77);
// Half dense around the Kathmandu windows and the LA DST day, half thin over five weeks.
const at = () => (r() < 0.5 ? DENSE_FROM + Math.floor(r() * 5.5 * DAY) : SPAN_FROM + Math.floor(r() * (SPAN_TO - SPAN_FROM)));
const TYPES = ['view', 'view', 'view', 'view', 'like', 'comment', 'share', 'follow'] as const;
const EVENTS = Array.from({ length: 3000 }, () => {
  const type = TYPES[Math.floor(r() * TYPES.length)]!;
  return { ts: at(), type, watchMs: type === 'view' ? Math.floor(r() * 90_000) : 0 };
});
const ROUTES = [
  ['/v1/feed', 'GET'],
  ['/v1/videos/:id', 'GET'],
  ['/v1/videos/:id/like', 'POST'],
  ['/v1/search', 'GET'],
] as const;
// Latencies: most fast, a tail of slow ones, each route its own scale (so every bucket merges several sketches).
const REQUESTS = Array.from({ length: 3000 }, () => {
  const k = Math.floor(r() * ROUTES.length);
  const slow = r() < 0.12;
  return { ts: at(), route: k, durationMs: (slow ? 300 + Math.floor(r() * 1500) : 4 + Math.floor(r() * 120)) * (1 + k / 4), status: r() < 0.03 ? 503 : 200 };
});
const USERS = [871, 872, 873];
const TXS = Array.from({ length: 250 }, (_, i) => ({
  id: 9300 + i,
  kind: ['subscription', 'gift', 'payout'][Math.floor(r() * 3)]!,
  amountMinor: 1 + Math.floor(r() * 9000),
  currency: r() < 0.7 ? 'USD' : 'EUR',
  userId: USERS[i % 3]!,
  at: Math.floor(at() / 1000) * 1000,
}));
// Cases on videos 9401..9440 (one open case per video at most): 60% resolved up to three days after
// their first report, a few of those before it (a report arriving after the resolution).
const CASES = Array.from({ length: 40 }, (_, i) => {
  const f = at();
  const u = r();
  return { videoId: 9401 + i, f, r: u < 0.05 ? f - Math.floor(r() * DAY) : u < 0.6 ? f + Math.floor(r() * 3 * DAY) : null };
});

interface Window {
  name: string;
  from: string;
  to: string;
  tz: string;
}
const WINDOWS: Window[] = [
  { name: 'Kathmandu from 00:15 local', from: '2026-03-04T18:30:00Z', to: '2026-03-06T18:30:00Z', tz: 'Asia/Kathmandu' },
  { name: 'Kathmandu from 00:45 local, three days and a half', from: '2026-03-04T19:00:00Z', to: '2026-03-08T07:00:00Z', tz: 'Asia/Kathmandu' },
  { name: 'the 23-hour 2026-03-08 in Los Angeles', from: '2026-03-08T08:00:00Z', to: '2026-03-09T07:00:00Z', tz: 'America/Los_Angeles' },
  { name: 'Los Angeles days around the DST change', from: '2026-03-06T08:00:00Z', to: '2026-03-10T07:00:00Z', tz: 'America/Los_Angeles' },
  { name: 'shorter than an hour (30 minutes)', from: '2026-03-06T10:15:00Z', to: '2026-03-06T10:45:00Z', tz: 'Asia/Kolkata' },
  { name: '30 days in Kathmandu', from: '2026-02-20T18:15:00Z', to: '2026-03-22T18:15:00Z', tz: 'Asia/Kathmandu' },
];

/** The local hour (with its offset) or day of an instant: the overview buckets by hour up to 3 days, by day beyond. */
function localKey(ms: number, tz: string, byDay: boolean): string {
  const p = Object.fromEntries(
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
      .map((x) => [x.type, x.value]),
  );
  const day = `${p.year}-${p.month}-${p.day}`;
  return byDay ? day : `${day} ${p.hour} ${p.timeZoneName}`;
}
const groupBy = <T>(xs: T[], key: (x: T) => string) => {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
};
/** The value a DDSketch reads for quantile q (rank q × (n − 1), 0-based), from the raw durations. */
const rawQuantile = (values: number[], q: number) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(q * (s.length - 1))]!;
};
const near = (got: number | null, want: number | null, what: string) => {
  if (want === null) return assert.equal(got, null, what);
  assert.ok(got !== null && Math.abs(got - want) <= 0.01 * want + 0.001, `${what}: ${got} against ${want}`);
};

function expected(w: Window) {
  const from = Date.parse(w.from);
  const to = Date.parse(w.to);
  const prevFrom = from - (to - from);
  const byDay = to - from > 3 * DAY;
  const within = (a: number, b: number) => (x: { ts: number }) => x.ts >= a && x.ts < b;
  const counts = (es: typeof EVENTS) => {
    const n = (t: string) => es.filter((e) => e.type === t).length;
    return { views: n('view'), likes: n('like'), comments: n('comment'), shares: n('share'), watch: es.reduce((s, e) => s + e.watchMs, 0) };
  };
  const cur = counts(EVENTS.filter(within(from, to)));
  const prev = counts(EVENTS.filter(within(prevFrom, from)));
  const rate = (c: typeof cur) => (c.views === 0 ? null : (c.likes + c.comments + c.shares) / c.views);
  const spark = [...groupBy(EVENTS.filter(within(from, to)), (e) => localKey(e.ts, w.tz, byDay))].map(([k, es]) => [k, counts(es)] as const);
  const revenue = TXS.filter((t) => t.kind !== 'payout');
  const txIn = (a: number, b: number) => revenue.filter((t) => t.at >= a && t.at < b);
  // The tile shows USD when any revenue of either window is in USD, else the first currency.
  const currencies = new Set(txIn(prevFrom, to).map((t) => t.currency));
  const currency = currencies.has('USD') ? 'USD' : currencies.size ? [...currencies][0]! : null;
  const usd = (ts: typeof TXS) => ts.filter((t) => t.currency === currency).reduce((s, t) => s + t.amountMinor, 0);
  const revSpark = [
    ...groupBy(
      txIn(from, to).filter((t) => t.currency === currency),
      (t) => localKey(t.at, w.tz, true),
    ),
  ].map(([k, ts]) => [k, String(usd(ts))] as const); // money sums are digit strings
  const openAt = (t: number) => CASES.filter((k) => k.f < t).length - CASES.filter((k) => k.r !== null && k.r < t && k.f < t).length;
  const reqIn = REQUESTS.filter(within(from, to));
  const reqPrev = REQUESTS.filter(within(prevFrom, from));
  const latSpark = [...groupBy(reqIn, (q) => localKey(q.ts, w.tz, byDay))].map(
    ([k, qs]) =>
      [
        k,
        {
          requests: qs.length,
          errors: qs.filter((q) => q.status >= 500).length,
          p95: rawQuantile(
            qs.map((q) => q.durationMs),
            0.95,
          ),
        },
      ] as const,
  );
  return {
    cur,
    prev,
    rate,
    spark,
    currency,
    revenue: currency ? String(usd(txIn(from, to))) : null,
    prevRevenue: currency ? String(usd(txIn(prevFrom, from))) : null,
    revSpark,
    openNow: CASES.filter((k) => k.r === null).length,
    openAtFrom: openAt(from),
    p95: rawQuantile(
      reqIn.map((q) => q.durationMs),
      0.95,
    ),
    prevP95: rawQuantile(
      reqPrev.map((q) => q.durationMs),
      0.95,
    ),
    latSpark,
    byDay,
  };
}

describe(`the overview against raw rows, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let svc: DashboardsService;

  before(async () => {
    // The February–March 2026 fixture goes in with the console's clock at 2026-04-01 (ingest refuses
    // events more than 400 days older than its clock; docs/testing.md, the clock).
    let ingestClock: Date | undefined;
    c = await startTestConsole(bootstrapAdminEnv, { now: () => ingestClock ?? new Date() });
    // The fixture's request metrics are older than request_metrics' 90-day TTL on the machine's
    // clock: held off, so the rebuild test below has the rows ingest saw (a merge would drop them).
    await c.stores.ch.execScriptStatement('SYSTEM STOP TTL MERGES request_metrics');
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const { key } = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'overview windows', scopes: ['ingest'] })).json()) as { key: string };
    ingestClock = new Date('2026-04-01T00:00:00Z');
    const ingest = async (stream: string, rows: object[]) => {
      const res = await c.get(`/api/v1/ingest/${stream}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: `${rows.map((x) => JSON.stringify(x)).join('\n')}\n`,
      });
      const body = (await res.json()) as { rejected: number };
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(body.rejected, 0, JSON.stringify(body));
    };
    const stamp = '2026-01-01T00:00:00Z';
    const iso = (ms: number) => new Date(ms).toISOString();
    await ingest(
      'users',
      USERS.map((id) => ({ id, username: `ow_${id}`, email: `${id}@ow.test`, role: 'creator', region: 'US', created_at: stamp, updated_at: stamp })),
    );
    await ingest(
      'videos',
      CASES.map((k) => ({
        id: k.videoId,
        creator_id: USERS[0],
        title: `Video ${k.videoId}`,
        duration_ms: 60_000,
        region: 'US',
        created_at: stamp,
        updated_at: stamp,
      })),
    );
    const tx = TXS.map((t) => ({
      id: t.id,
      kind: t.kind,
      amount_minor: t.amountMinor,
      currency: t.currency,
      user_id: t.userId,
      advertiser_id: null,
      occurred_at: iso(t.at),
      updated_at: stamp,
    }));
    await ingest('transactions', tx);
    const ev = EVENTS.map((e) => ({
      event_id: randomUUID(),
      ts: iso(e.ts),
      type: e.type,
      video_id: 9401,
      creator_id: USERS[0],
      user_id: USERS[1],
      watch_ms: e.watchMs,
      region: 'NP',
      device: 'web',
    }));
    // Two batches each, as a feeder sends them: the cascaded tiers receive several blocks per bucket.
    for (const part of [ev.slice(0, 1400), ev.slice(1400)]) await ingest('video-events', part);
    const rq = REQUESTS.map((q) => ({
      ts: iso(q.ts),
      service: 'api',
      route: ROUTES[q.route]![0],
      method: ROUTES[q.route]![1],
      status: q.status,
      duration_ms: q.durationMs,
      instance: 'api-1',
    }));
    for (const part of [rq.slice(0, 1700), rq.slice(1700)]) await ingest('request-metrics', part);
    ingestClock = undefined;
    // Cases inserted open in one statement, then resolved by a later one (as the moderation API does).
    const pool = c.stores.pg.handle.pool;
    await pool.query(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at)
       SELECT v, 'open', f, f, f + interval '1 day' FROM unnest($1::bigint[], $2::timestamptz[]) AS x(v, f)`,
      [CASES.map((k) => k.videoId), CASES.map((k) => iso(k.f))],
    );
    const resolved = CASES.filter((k) => k.r !== null);
    await pool.query(
      `UPDATE moderation_cases m SET status = 'resolved', resolved_at = x.r FROM unnest($1::bigint[], $2::timestamptz[]) AS x(v, r) WHERE m.video_id = x.v`,
      [resolved.map((k) => k.videoId), resolved.map((k) => iso(k.r!))],
    );
    svc = new DashboardsService(c.stores);
  });
  after(async () => c?.stop());

  const check = async (w: Window) => {
    const e = expected(w);
    assert.ok(e.cur.views > 0 && e.latSpark.length > 0, 'the window holds events and requests');
    const o = await svc.overview({ from: new Date(w.from), to: new Date(w.to), tz: w.tz });
    const tile = (m: string) => o.tiles.find((t) => t.metric === m)!;
    const p95 = tile('latencyP95') as Exclude<ReturnType<typeof tile>, { metric: 'revenue' }>; // numbers (revenue's are digit strings)
    assert.equal(o.interval, e.byDay ? 'day' : 'hour');
    assert.deepEqual([tile('views').value, tile('views').previous], [e.cur.views, e.prev.views]);
    assert.deepEqual([tile('engagementRate').value, tile('engagementRate').previous], [e.rate(e.cur), e.rate(e.prev)]);
    assert.deepEqual([tile('avgWatchMs').value, tile('avgWatchMs').previous], [e.cur.watch / e.cur.views, e.prev.views ? e.prev.watch / e.prev.views : null]);
    const key = (at: string) => localKey(Date.parse(at), w.tz, e.byDay);
    assert.deepEqual(new Map(tile('views').sparkline.map((p) => [key(p.at), p.value])), new Map(e.spark.map(([k, c]) => [k, c.views])));
    assert.equal((tile('revenue') as { currency?: string | null }).currency, e.currency);
    assert.deepEqual([tile('revenue').value, tile('revenue').previous], [e.revenue, e.prevRevenue]);
    assert.deepEqual(new Map(tile('revenue').sparkline.map((p) => [p.at, p.value])), new Map(e.revSpark));
    assert.deepEqual([tile('openCases').value, tile('openCases').previous], [e.openNow, e.openAtFrom]);
    near(p95.value, e.p95, 'p95');
    near(p95.previous, e.prevP95, 'previous p95');
    const lat = new Map(p95.sparkline.map((p) => [key(p.at), p.value]));
    assert.deepEqual([...lat.keys()].sort(), e.latSpark.map(([k]) => k).sort());
    for (const [k, s] of e.latSpark) near(lat.get(k)!, s.p95, `p95 of ${k}`);
    // The latency panel's every-route series reads the same tier.
    const series = await svc.latencySeries({ from: new Date(w.from), to: new Date(w.to), tz: w.tz }, o.interval, '', '');
    const got = new Map(series.series.map((s) => [key(s.bucket), s]));
    for (const [k, s] of e.latSpark) {
      assert.deepEqual([got.get(k)?.requests, got.get(k)?.errorRate], [s.requests, s.errors / s.requests], k);
      near(got.get(k)!.p95, s.p95, `series p95 of ${k}`);
    }
  };

  for (const w of WINDOWS) test(`every tile from the rows sent: ${w.name}`, () => check(w));

  test('a rebuild leaves months past the raw TTL alone, and recomputes route_totals_15m as ingest built it', async () => {
    const w = WINDOWS[0]!;
    const win = { from: new Date(w.from), to: new Date(w.to), tz: w.tz };
    const tileOf = async () => (await new DashboardsService(c.stores).overview(win)).tiles.find((t) => t.metric === 'latencyP95')!;
    const asIngested = await tileOf();
    // On the machine's clock the fixture's months (February–March 2026) are more than 90 days old:
    // request_metrics may have lost rows to its TTL, so a rebuild keeps those months as they are.
    const months = [...new Set(REQUESTS.map((q) => new Date(q.ts).toISOString().slice(0, 7).replace('-', '')))].sort();
    const expired: string[] = [];
    const kept = await rebuildRollups(c.stores, { views: ['route_totals_15m_mv'], onExpired: (p) => expired.push(p.partition) });
    assert.deepEqual([kept.steps, expired.sort()], [0, months]);
    assert.deepEqual(await tileOf(), asIngested);
    await c.stores.ch.execScriptStatement('TRUNCATE TABLE route_totals_15m');
    // Emptied, the tier leaves the p95 tile and the latency series with nothing: they read it.
    const emptied = await tileOf();
    assert.deepEqual([emptied.value, emptied.previous, emptied.sparkline.length], [null, null, 0]);
    // On the clock the fixture was ingested at (2026-04-01) the months are inside the TTL (whose
    // merges this test holds off: ClickHouse applies it on the machine's clock): recomputed, the
    // same overview.
    const r = await rebuildRollups(c.stores, { views: ['route_totals_15m_mv'], now: new Date('2026-04-01T00:00:00Z') });
    assert.equal(r.steps, months.length);
    svc = new DashboardsService(c.stores);
    for (const w of [WINDOWS[0]!, WINDOWS[5]!]) await check(w);
  });
});
