// The latency panel on the route tiers (docs/latency-tier.md) against raw rows, on PGlite and, with
// TEST_DATABASE_URL, PostgreSQL. Request metrics over five weeks (two services sharing a route, two
// methods on one route), sent through the ingest API in two batches, and per route and method:
// requests and error rate counted here from the rows sent; p50/p95/p99 equal to one DDSketch over
// the window's raw rows (the engine's quantilesDD over request_metrics, the same relative accuracy)
// to the last digit the panel shows, and within the sketch's 1% of the raw value at the rank it
// reads. Windows: from 00:15 and 00:45 local in Asia/Kathmandu (+05:45), the 23-hour 2026-03-08 in
// America/Los_Angeles, 30 minutes, 30 days across a month boundary; then the tiers rebuilt.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { DashboardsService } from '../../server/features/dashboards/dashboards.service.js';
import { decompose } from '../../server/features/dashboards/tiers.js';
import { rebuildRollups } from '../../server/db/rollups.js';
import { rng } from '../support/rng.js';

const DAY = 86_400_000;
const SPAN_FROM = Date.parse('2026-02-18T00:00:00Z');
const SPAN_TO = Date.parse('2026-03-24T00:00:00Z');
const DENSE_FROM = Date.parse('2026-03-04T12:00:00Z');

const r = rng(1212);
const at = () => (r() < 0.6 ? DENSE_FROM + Math.floor(r() * 5.5 * DAY) : SPAN_FROM + Math.floor(r() * (SPAN_TO - SPAN_FROM)));
// [service, route, method]: /v1/feed GET is served by two services (the panel sums them), /v1/videos/:id has two methods.
const ROUTES = [
  ['api', '/v1/feed', 'GET'],
  ['edge', '/v1/feed', 'GET'],
  ['api', '/v1/videos/:id', 'GET'],
  ['api', '/v1/videos/:id', 'DELETE'],
  ['api', '/v1/search', 'GET'],
] as const;
const REQUESTS = Array.from({ length: 5000 }, () => {
  const k = Math.floor(r() * ROUTES.length);
  const slow = r() < 0.1;
  // Fractional milliseconds and a wide tail: many sketch bins, so merges have work to get wrong.
  const durationMs = (slow ? 250 + r() * 4000 : 2 + r() * 150) * (1 + k / 3);
  return { ts: at(), k, durationMs, status: r() < 0.04 ? 503 : r() < 0.02 ? 404 : 200 };
});

const WINDOWS = [
  { name: 'Kathmandu from 00:15 local, two days', from: '2026-03-04T18:30:00Z', to: '2026-03-06T18:30:00Z' },
  { name: 'Kathmandu from 00:45 local, three days and a half', from: '2026-03-04T19:00:00Z', to: '2026-03-08T07:00:00Z' },
  { name: 'the 23-hour 2026-03-08 in Los Angeles', from: '2026-03-08T08:00:00Z', to: '2026-03-09T07:00:00Z' },
  { name: 'shorter than an hour (30 minutes from 16:15 Kolkata)', from: '2026-03-06T10:45:00Z', to: '2026-03-06T11:15:00Z' },
  { name: '30 days in Kathmandu, across a month boundary', from: '2026-02-20T18:15:00Z', to: '2026-03-22T18:15:00Z' },
];

/** The value a DDSketch reads for quantile q (rank q × (n − 1), 0-based), from the raw durations. */
const rawQuantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(q * (s.length - 1))]!;
};
const round3 = (v: number) => Math.round(v * 1000) / 1000;

describe(`the latency panel on the route tiers against raw rows, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;

  before(async () => {
    let ingestClock: Date | undefined;
    c = await startTestConsole(bootstrapAdminEnv, { now: () => ingestClock ?? new Date() });
    // The fixture is older than request_metrics' 90-day TTL on the machine's clock: its merges are
    // held off so the raw rows stay for the comparisons (and the rebuild below).
    await c.stores.ch.execScriptStatement('SYSTEM STOP TTL MERGES request_metrics');
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const { key } = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'latency tiers', scopes: ['ingest'] })).json()) as { key: string };
    ingestClock = new Date('2026-04-01T00:00:00Z');
    const rows = REQUESTS.map((q) => ({
      ts: new Date(q.ts).toISOString(),
      service: ROUTES[q.k]![0],
      route: ROUTES[q.k]![1],
      method: ROUTES[q.k]![2],
      status: q.status,
      duration_ms: q.durationMs,
      instance: 'api-1',
    }));
    // Two batches, as a feeder sends them: every tier receives several blocks per bucket.
    for (const part of [rows.slice(0, 2600), rows.slice(2600)]) {
      const res = await c.get('/api/v1/ingest/request-metrics', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: `${part.map((x) => JSON.stringify(x)).join('\n')}\n`,
      });
      const body = (await res.json()) as { rejected: number };
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(body.rejected, 0, JSON.stringify(body));
    }
    ingestClock = undefined;
  });
  after(async () => c?.stop());

  /** One DDSketch per route and method over the window's raw rows (test-written SQL; quantilesDD's first parameter is the relative accuracy, 1% as the panel's). */
  const rawSketches = async (from: string, to: string) => {
    const rs = await c.stores.ch.handle.client.query({
      query: `SELECT route, method, quantilesDD(0.01, 0.5, 0.95, 0.99)(duration_ms) AS q FROM request_metrics
              WHERE ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} GROUP BY route, method`,
      query_params: { from: from.replace('T', ' ').replace('Z', ''), to: to.replace('T', ' ').replace('Z', '') },
      format: 'JSONEachRow',
    });
    const rows = (await rs.json()) as { route: string; method: string; q: number[] }[];
    return new Map(rows.map((x) => [`${x.route} ${x.method}`, x.q.map(round3)]));
  };

  const check = async (w: { from: string; to: string }) => {
    const from = Date.parse(w.from);
    const to = Date.parse(w.to);
    const inWindow = REQUESTS.filter((q) => q.ts >= from && q.ts < to);
    const byRoute = new Map<string, typeof inWindow>();
    for (const q of inWindow) {
      const k = `${ROUTES[q.k]![1]} ${ROUTES[q.k]![2]}`;
      byRoute.set(k, [...(byRoute.get(k) ?? []), q]);
    }
    const want = [...byRoute]
      .map(([k, qs]) => ({ k, requests: qs.length, errorRate: qs.filter((q) => q.status >= 500).length / qs.length, qs }))
      .sort((a, b) => b.requests - a.requests || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    assert.ok(want.length >= 3, 'the window holds requests of several routes');
    const got = (await new DashboardsService(c.stores).latency({ from: new Date(from), to: new Date(to) })).rows;
    assert.deepEqual(
      got.map((x) => [`${x.route} ${x.method}`, x.requests, x.errorRate]),
      want.map((x) => [x.k, x.requests, x.errorRate]),
    );
    const sketches = await rawSketches(w.from, w.to);
    for (const x of got) {
      const k = `${x.route} ${x.method}`;
      assert.deepEqual([x.p50, x.p95, x.p99], sketches.get(k), `${k}: the tiers' merged sketch reads as one sketch over the raw rows`);
      const durations = want.find((y) => y.k === k)!.qs.map((q) => q.durationMs);
      for (const [q, v] of [
        [0.5, x.p50],
        [0.95, x.p95],
        [0.99, x.p99],
      ] as const) {
        const raw = rawQuantile(durations, q);
        assert.ok(v !== null && Math.abs(v - raw) <= 0.01 * raw + 0.001, `${k} p${q * 100}: ${v} against the raw ${raw}`);
      }
    }
    return got;
  };

  for (const w of WINDOWS) test(`per route from the rows sent: ${w.name}`, () => check(w).then(() => undefined));

  test('a window reads every tier: days, hours and quarter-hours at both edges', () => {
    const p = decompose(Date.parse(WINDOWS[1]!.from), Date.parse(WINDOWS[1]!.to));
    assert.deepEqual([p.days.length, p.hours.length, p.quarters.length], [3, 5 + 7, 0]);
    const k = decompose(Date.parse(WINDOWS[0]!.from), Date.parse(WINDOWS[0]!.to));
    assert.deepEqual([k.days.length, k.hours.length, k.quarters.length], [1, 5 + 18, 2 + 2]);
  });

  test('emptied and rebuilt, the route tiers answer as live ingest built them', async () => {
    const w = WINDOWS[4]!;
    const live = await check(w);
    await c.stores.ch.execScriptStatement('TRUNCATE TABLE route_stats_1h');
    await c.stores.ch.execScriptStatement('TRUNCATE TABLE route_stats_1d');
    const emptied = (await new DashboardsService(c.stores).latency({ from: new Date(w.from), to: new Date(w.to) })).rows;
    assert.ok(emptied.reduce((s, x) => s + x.requests, 0) < live.reduce((s, x) => s + x.requests, 0), 'emptied, the panel misses the whole hours and days');
    // On the clock the fixture was ingested at, its months are inside request_metrics' TTL.
    const steps: string[] = [];
    await rebuildRollups(c.stores, {
      views: ['route_stats_1h_mv', 'route_stats_1d_mv'],
      now: new Date('2026-04-01T00:00:00Z'),
      onProgress: (p) => steps.push(`${p.target} ${p.partition}`),
    });
    // The fixture's months, the hour before the day it feeds (the console's own request metrics may add the current month).
    assert.deepEqual(
      steps.filter((s) => /20260[23]$/.test(s)),
      ['route_stats_1h 202602', 'route_stats_1h 202603', 'route_stats_1d 202602', 'route_stats_1d 202603'],
    );
    for (const x of WINDOWS) await check(x);
    assert.deepEqual(await check(w), live);
  });
});
