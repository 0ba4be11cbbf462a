// Issue 12, the overview and data-quality pre-aggregates (docs/scale.md, "What each panel reads"),
// on PGlite and, with TEST_DATABASE_URL, PostgreSQL: engagement_totals_15m and ad_totals_15m
// (ClickHouse 016-017, fed by engagement_15m's and ad_stats_15m's inserts) against the events
// sent, per quarter-hour; the overview's totals and data quality's rollup counts from them; and the
// cases open at `from` from moderation_cases_daily (PostgreSQL 016, kept by triggers) against the
// cases themselves, through inserts, resolutions, a deletion and a case resolved before its first
// report. Every expected figure is counted in the test from the rows it wrote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { DashboardsService } from '../../server/features/dashboards/dashboards.service.js';
import { rebuildPgRollups, rebuildRollups } from '../../server/db/rollups.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const Q = 15 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
// Midnight UTC 6 days before the test's clock (ingest takes times up to 400 days back).
const D0 = Math.floor(Date.now() / DAY) * DAY - 6 * DAY;
const TYPES = ['view', 'view', 'like', 'view', 'comment', 'share', 'view', 'follow'] as const;
const REGIONS = ['US', 'DE', 'IN'];
const DEVICES = ['ios', 'android', 'web'];
const AD_TYPES = ['impression', 'impression', 'click', 'view_2s', 'p25', 'conversion', 'p100'];

// 300 video events and 140 ad events spread over 30 hours from D0 + 05:07, across regions and devices.
const videoEvents = Array.from({ length: 300 }, (_, i) => ({
  event_id: randomUUID(),
  ts: iso(D0 + 5 * HOUR + 7 * MIN + i * 6 * MIN + (i % 7) * 1000),
  type: TYPES[i % TYPES.length]!,
  video_id: 8101 + (i % 3),
  creator_id: 8001,
  user_id: 8002,
  watch_ms: TYPES[i % TYPES.length] === 'view' ? 1000 * (i % 50) : 0,
  region: REGIONS[i % 3]!,
  device: DEVICES[Math.floor(i / 3) % 3]!,
}));
const adEvents = Array.from({ length: 140 }, (_, i) => ({
  event_id: randomUUID(),
  ts: iso(D0 + 5 * HOUR + 11 * MIN + i * 13 * MIN),
  type: AD_TYPES[i % AD_TYPES.length]!,
  advertiser_id: 801,
  campaign_id: 3801 + (i % 2),
  user_id: 8002,
  cost_micros: 1000,
  region: REGIONS[i % 3]!,
  device: DEVICES[i % 3]!,
}));

/** Events per quarter-hour (ms of its start) of the rows sent, optionally of some types only. */
const perBucket = (rows: { ts: string; type: string }[], types?: string[]) => {
  const m = new Map<number, number>();
  for (const r of rows)
    if (!types || types.includes(r.type)) m.set(Math.floor(Date.parse(r.ts) / Q) * Q, (m.get(Math.floor(Date.parse(r.ts) / Q) * Q) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
};
const inWindow = (rows: { ts: string; type: string }[], from: number, to: number, types?: string[]) =>
  rows.filter((r) => Date.parse(r.ts) >= from && Date.parse(r.ts) < to && (!types || types.includes(r.type))).length;

// Cases (first report, resolution) relative to D0: resolved on earlier days, on `from`'s day
// before and after `from`, later, never, one resolved before its first report, one deleted.
const H = (h: number) => D0 + h * HOUR;
const CASES: { f: number; r: number | null }[] = [
  { f: H(-46), r: null },
  { f: H(-45), r: H(-21) },
  { f: H(-1), r: H(2) },
  { f: H(1), r: H(5) },
  { f: H(3), r: H(48) },
  { f: H(4), r: null },
  { f: H(7), r: H(8) },
  { f: H(2), r: H(-1) },
  { f: H(-44.5), r: H(-20.25) },
];
const DELETED = 8; // index into CASES: deleted after its resolution

describe(`overview pre-aggregates on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let key: string;
  let svc: DashboardsService;
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  const ch = async (query: string) => (await (await c.stores.ch.handle.client.query({ query, format: 'JSONEachRow' })).json()) as Record<string, number>[];
  const ingest = async (stream: string, rows: object[]) => {
    const res = await c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
    });
    assert.equal(res.status, 200, await res.text());
  };
  const totalsRows = async () =>
    (
      await ch(
        'SELECT toUnixTimestamp(bucket) * 1000 AS b, sum(views + likes + comments + shares + follows) AS n FROM engagement_totals_15m GROUP BY b ORDER BY b',
      )
    ).map((r) => [Number(r.b), Number(r.n)]);
  const adRows = async () =>
    (await ch('SELECT toUnixTimestamp(bucket) * 1000 AS b, sum(events) AS n FROM ad_totals_15m GROUP BY b ORDER BY b')).map((r) => [Number(r.b), Number(r.n)]);

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    ({ key } = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'overview fixture', scopes: ['ingest'] })).json()) as { key: string });
    await pg(`INSERT INTO users (id, username, email, role, region) VALUES (8001, 'ov_creator', 'creator@ov.test', 'creator', 'US'),
      (8002, 'ov_viewer', 'viewer@ov.test', 'viewer', 'US')`);
    await pg(
      `INSERT INTO videos (id, creator_id, title, duration_ms, region) SELECT g, 8001, 'Overview ' || g, 30000, 'US' FROM generate_series(8101, 8112) g`,
    );
    // Three ingest calls each: the cascaded tables receive several blocks for the same buckets.
    for (const part of [videoEvents.slice(0, 100), videoEvents.slice(100, 220), videoEvents.slice(220)]) await ingest('video-events', part);
    for (const part of [adEvents.slice(0, 50), adEvents.slice(50)]) await ingest('ad-events', part);
    // Cases inserted in one statement, resolved by later statements (as the moderation API does).
    await pg(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at)
       SELECT 8101 + i, 'open', f, f, f + interval '1 day' FROM unnest($1::timestamptz[]) WITH ORDINALITY AS x(f, i)`,
      [CASES.map((k) => iso(k.f))],
    );
    const ids = (await pg('SELECT id FROM moderation_cases ORDER BY id')).map((r) => Number(r.id));
    const resolve = async (idx: number[]) =>
      pg(`UPDATE moderation_cases m SET status = 'resolved', resolved_at = x.r FROM unnest($1::bigint[], $2::timestamptz[]) AS x(id, r) WHERE m.id = x.id`, [
        idx.map((i) => ids[i]),
        idx.map((i) => iso(CASES[i]!.r!)),
      ]);
    await resolve([1, 2, 8]);
    await resolve([3, 4, 6, 7]);
    // An update that moves neither time, then the deletion.
    await pg('UPDATE moderation_cases SET priority = priority + 1');
    await pg('DELETE FROM moderation_cases WHERE id = $1', [ids[DELETED]]);
    svc = new DashboardsService(c.stores);
  });
  after(async () => c?.close());

  test('engagement_totals_15m and ad_totals_15m hold the events sent per quarter-hour', async () => {
    assert.deepEqual(await totalsRows(), perBucket(videoEvents));
    assert.deepEqual(await adRows(), perBucket(adEvents));
  });

  test('the overview totals and data quality rollup counts match the events sent', async () => {
    // A window starting mid-morning, cut inside the fixture; the previous one of equal length.
    const from = D0 + 9 * HOUR + 45 * MIN;
    const to = D0 + 21 * HOUR + 15 * MIN;
    const prevFrom = from - (to - from);
    const o = await svc.overview({ from: new Date(from), to: new Date(to), tz: 'Asia/Kathmandu' });
    const tile = (m: string) => o.tiles.find((t) => t.metric === m)!;
    assert.equal(tile('views').value, inWindow(videoEvents, from, to, ['view']));
    assert.equal(tile('views').previous, inWindow(videoEvents, prevFrom, from, ['view']));
    const sparkViews = tile('views').sparkline.reduce((s, p) => s + Number(p.value ?? 0), 0);
    assert.equal(sparkViews, inWindow(videoEvents, from, to, ['view']));
    const watch = videoEvents.filter((e) => e.type === 'view' && Date.parse(e.ts) >= from && Date.parse(e.ts) < to).reduce((s, e) => s + e.watch_ms, 0);
    assert.equal(tile('avgWatchMs').value, watch / inWindow(videoEvents, from, to, ['view']));
    const dq = await svc.dataQuality({ from: new Date(from), to: new Date(to) });
    const stream = (n: string) => dq.streams.find((s) => s.stream === n)!;
    assert.equal(stream('video-events').rawRows, inWindow(videoEvents, from, to));
    assert.equal(stream('video-events').consistency, 1);
    assert.equal(stream('ad-events').rawRows, inWindow(adEvents, from, to));
    // Every ad event type sent is one the rollup counts: rollup = raw; both campaigns unknown.
    assert.equal(stream('ad-events').orphanEvents, inWindow(adEvents, from, to));
    assert.equal(stream('ad-events').consistency, 0.5);
  });

  test('cases open at `from` from moderation_cases_daily equal the count over the cases', async () => {
    const kept = CASES.filter((_, i) => i !== DELETED);
    const openAt = (from: number) => kept.filter((k) => k.f < from).length - kept.filter((k) => k.r !== null && k.r < from && k.f < from).length;
    const froms = [H(0), H(2.5), H(4.25), H(5.25), H(7.5), H(-20.5), H(24 + 6), H(-0.75)];
    for (const [i, from] of froms.entries()) {
      const m = await svc.moderation({ from: new Date(from), to: new Date(from + DAY + i * Q) });
      assert.equal(m.openCasesAtFrom, openAt(from), `open at ${iso(from)}`);
    }
    // By hand for 04:15 on D0: reported before it 7 (the deleted one gone), closed before it 3
    // (resolved at -21 h, at 02:00, and the case reported at 02:00 resolved at -1 h): 4.
    assert.equal(openAt(H(4.25)), 4);
    // A rebuild recounts the same days.
    const daily = await pg('SELECT day::text, reported, closed FROM moderation_cases_daily WHERE reported <> 0 OR closed <> 0 ORDER BY day');
    await rebuildPgRollups(c.stores);
    assert.deepEqual(await pg('SELECT day::text, reported, closed FROM moderation_cases_daily ORDER BY day'), daily);
  });

  test('a rebuild of the two ClickHouse tiers gives the same rows', async () => {
    const [t, a] = [await totalsRows(), await adRows()];
    await c.stores.ch.execScriptStatement('TRUNCATE TABLE engagement_totals_15m');
    await c.stores.ch.execScriptStatement('TRUNCATE TABLE ad_totals_15m');
    await rebuildRollups(c.stores, { views: ['engagement_totals_15m_mv', 'ad_totals_15m_mv'] });
    assert.deepEqual(await totalsRows(), t);
    assert.deepEqual(await adRows(), a);
  });
});
