// The demo data set (docs/architecture.md#demo-data) on real stores: exact counts from the size table, ClickHouse
// events that reference exactly what PostgreSQL holds (but for the designed orphans), the five
// injected incidents found by plain queries written here, and determinism (same seed and now →
// identical content; another seed → different content). Expected numbers are written out by
// hand from the `small` row of the size table, not read from the generator.
// chDB binds one data directory per process: the repeated loads truncate and reload that one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openStores, type Stores } from '../../server/db/index.js';
import { migrate } from '../../server/db/migrate.js';
import { loadDemoData, storesAreEmpty, type DemoProgress, type DemoSummary } from '../../server/features/demo/demo.service.js';
import { createTestDatabase } from '../support/console.js';

// A fixed time of today's UTC date: the load is deterministic within the run, and a date fixed
// for ever would go stale (request_metrics has a 90-day TTL, so its rows would expire on insert).
const NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 14 * 3_600_000 + 23 * 60_000 + 45_678);
const SEED = 7;
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow);
/** ClickHouse DateTime64(3) parameter text. */
const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

describe(`demo data, size small, on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} + chDB`, () => {
  let dir: string;
  let stores: Stores;
  let dropDatabase: (() => Promise<void>) | undefined;
  let summary: DemoSummary;
  const progress: DemoProgress[] = [];
  let emptyBefore: boolean;

  const pg = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await stores.pg.handle.pool.query(sql, params)).rows as T[];
  const ch = async <T = Record<string, unknown>>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> => {
    const rs = await stores.ch.handle.client.query({
      query: sql,
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return (await rs.json()) as T[];
  };

  async function checksums(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const pgTables: [string, string][] = [
      ['users', 'id'],
      ['follows', 'follower_id, followee_id'],
      ['videos', 'id'],
      ['advertisers', 'id'],
      ['campaigns', 'id'],
      ['transactions', 'id'],
      ['content_reports', 'id'],
      ['moderation_cases', 'id'],
      ['ingest_rejections', 'id'],
    ];
    for (const [table, key] of pgTables) {
      const [row] = await pg<{ md5: string }>(`SELECT md5(string_agg(t::text, '|' ORDER BY ${key})) AS md5 FROM ${table} AS t`);
      out[table] = row!.md5;
    }
    for (const table of ['video_events', 'ad_events', 'request_metrics']) {
      const [row] = await ch<{ h: string }>(`SELECT toString(sum(cityHash64(*))) AS h FROM ${table}`);
      out[table] = row!.h;
    }
    return out;
  }

  async function truncateAll(): Promise<void> {
    await pg(`TRUNCATE users, follows, videos, moderation_cases, content_reports, moderation_decisions, advertisers, campaigns,
              transactions, ingest_rejections RESTART IDENTITY CASCADE`);
    for (const t of ['video_events', 'ad_events', 'request_metrics', 'video_stats_15m', 'engagement_15m', 'ad_stats_15m', 'route_stats_15m']) {
      await stores.ch.handle.client.command({ query: `TRUNCATE TABLE ${t}` });
    }
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-demo-'));
    let databaseUrl: string | undefined;
    if (process.env.TEST_DATABASE_URL) {
      const db = await createTestDatabase(process.env.TEST_DATABASE_URL);
      databaseUrl = db.url;
      dropDatabase = db.drop;
    }
    stores = await openStores({ dataDir: dir, databaseUrl });
    await migrate(stores, path.resolve('queries/migrations'), pino({ level: 'silent' }));
    emptyBefore = await storesAreEmpty(stores);
    summary = await loadDemoData(stores, { size: 'small', seed: SEED, now: NOW, onProgress: (p) => progress.push(p) });
  });

  after(async () => {
    await stores?.close();
    await dropDatabase?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the stores count as empty before the load and not after; progress ends at its total', async () => {
    assert.equal(emptyBefore, true);
    assert.equal(await storesAreEmpty(stores), false);
    assert.ok(progress.length >= 10);
    const last = progress.at(-1)!;
    assert.equal(last.done, last.total);
    assert.ok(progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done));
    assert.equal(summary.size, 'small');
    assert.equal(summary.seed, SEED);
    assert.equal(summary.now, NOW.toISOString());
    assert.ok(summary.seconds > 0 && summary.seconds < 30);
  });

  test('exact entity and event counts from the size table', async () => {
    const expected = {
      users: 2000,
      follows: 6000,
      videos: 4000,
      advertisers: 6,
      campaigns: 18,
      transactions: 3000,
      content_reports: 1500,
      ingest_rejections: 24,
      video_events: 50000,
      ad_events: 20000,
      request_metrics: 10000,
    };
    for (const [table, n] of Object.entries(expected)) {
      const rows =
        table in { video_events: 1, ad_events: 1, request_metrics: 1 }
          ? await ch<{ n: number }>(`SELECT count() AS n FROM ${table}`)
          : await pg<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      assert.equal(rows[0]!.n, n, table);
      assert.equal(summary.counts[table], n, `summary ${table}`);
    }
    const [roles] = await pg<{ creators: number; banned: number; banned_creators: number }>(
      `SELECT count(*) FILTER (WHERE role = 'creator')::int AS creators, count(*) FILTER (WHERE status = 'banned')::int AS banned,
              count(*) FILTER (WHERE status = 'banned' AND role = 'creator')::int AS banned_creators FROM users`,
    );
    assert.equal(roles!.creators, 200);
    assert.ok(roles!.banned > 0 && roles!.banned < 40, `banned ${roles!.banned}`);
    assert.equal(roles!.banned_creators, 0);
    // Rollups are fed by the materialized views from the same rows.
    const [views] = await ch<{ raw: number; rollup: number }>(
      `SELECT (SELECT countIf(type = 'view') FROM video_events) AS raw, (SELECT sum(views) FROM video_stats_15m) AS rollup`,
    );
    assert.equal(views!.rollup, views!.raw);
    assert.equal((await pg<{ n: number }>('SELECT count(*)::int AS n FROM moderation_decisions'))[0]!.n, 0);
  });

  test('every video event names a PostgreSQL video and its creator, except exactly 100 orphans', async () => {
    const videos = new Map((await pg<{ id: number; creator_id: number }>('SELECT id, creator_id FROM videos')).map((v) => [v.id, v.creator_id]));
    const pairs = await ch<{ video_id: number; creator_id: number; n: number }>(
      'SELECT video_id, creator_id, count() AS n FROM video_events GROUP BY video_id, creator_id',
    );
    let orphans = 0;
    const orphanIds = new Set<number>();
    for (const p of pairs) {
      if (videos.get(p.video_id) === p.creator_id) continue;
      orphans += p.n;
      orphanIds.add(p.video_id);
    }
    assert.equal(orphans, 100);
    assert.ok(
      [...orphanIds].every((id) => id > 4000 && !videos.has(id)),
      'orphans name ids above the last video',
    );
    // Users exist; a user's events carry the region PostgreSQL holds (7% travel, 1% of one day blank).
    const [u] = await ch<{ lo: number; hi: number }>('SELECT min(user_id) AS lo, max(user_id) AS hi FROM video_events');
    assert.ok(u!.lo >= 1 && u!.hi <= 2000);
    const home = new Map((await pg<{ id: number; region: string }>('SELECT id, region FROM users')).map((r) => [r.id, r.region]));
    const byUser = await ch<{ user_id: number; region: string; n: number }>('SELECT user_id, region, count() AS n FROM video_events GROUP BY user_id, region');
    const total = byUser.reduce((a, r) => a + r.n, 0);
    const matching = byUser.filter((r) => home.get(r.user_id) === r.region).reduce((a, r) => a + r.n, 0);
    assert.ok(matching / total > 0.9 && matching / total < 0.97, `home region share ${matching / total}`);
  });

  test('views: Zipf-like popularity, evening peak, realistic type mix, watch time against the duration', async () => {
    const types = Object.fromEntries(
      (await ch<{ type: string; n: number }>('SELECT toString(type) AS type, count() AS n FROM video_events GROUP BY type')).map((r) => [r.type, r.n]),
    );
    assert.ok(
      types.view! > 8 * types.like! && types.like! > types.comment! && types.comment! > types.share! && types.share! > types.follow!,
      JSON.stringify(types),
    );
    const [top] = await ch<{ top20: number; all: number }>(
      `SELECT sum(n) FILTER (WHERE rk <= 20) AS top20, sum(n) AS all FROM
         (SELECT count() AS n, row_number() OVER (ORDER BY count() DESC) AS rk FROM video_events WHERE type = 'view' GROUP BY video_id)`,
    );
    assert.ok(top!.top20 / top!.all > 0.15, `top 20 of 4000 videos take ${top!.top20 / top!.all}`);
    const [cycle] = await ch<{ evening: number; morning: number }>(
      `SELECT countIf(toHour(ts) BETWEEN 18 AND 21) AS evening, countIf(toHour(ts) BETWEEN 6 AND 9) AS morning FROM video_events WHERE type = 'view'`,
    );
    assert.ok(cycle!.evening > 2 * cycle!.morning, JSON.stringify(cycle));
    const [range] = await ch<{ lo: string; hi: string; late: number }>(
      `SELECT min(ts) >= {lo:DateTime64(3, 'UTC')} AS lo, max(ts) < {now:DateTime64(3, 'UTC')} AS hi,
              countIf(type != 'view' AND watch_ms != 0) AS late FROM video_events`,
      { lo: chTime(at(30 * DAY)), now: chTime(NOW) },
    );
    assert.deepEqual([Number(range!.lo), Number(range!.hi), range!.late], [1, 1, 0]);
    const durations = await pg<{ id: number; duration_ms: number }>('SELECT id, duration_ms FROM videos ORDER BY id');
    assert.ok(durations.every((d) => d.duration_ms >= 5000 && d.duration_ms <= 180000));
    const [watch] = await ch<{ views: number; over: number; complete: number; replays_over_2x: number }>(
      `WITH transform(video_id, {ids:Array(UInt64)}, {durations:Array(UInt32)}, toUInt32(0)) AS duration
       SELECT count() AS views, countIf(watch_ms > duration) AS over, countIf(watch_ms >= duration) AS complete,
              countIf(watch_ms > 2 * duration) AS replays_over_2x
       FROM video_events WHERE type = 'view' AND video_id <= 4000`,
      { ids: durations.map((d) => d.id), durations: durations.map((d) => d.duration_ms) },
    );
    assert.equal(watch!.replays_over_2x, 0);
    assert.ok(watch!.over / watch!.views < 0.08, 'watch time stays mostly below the duration');
    assert.ok(watch!.complete / watch!.views > 0.15 && watch!.complete / watch!.views < 0.5, `completion ${watch!.complete / watch!.views}`);
  });

  test('advertisers in several zones with their currencies; campaigns and ad events agree with PostgreSQL', async () => {
    const advertisers = await pg<{ id: number; timezone: string; currency: string }>('SELECT id, timezone, currency FROM advertisers ORDER BY id');
    const zones = new Map(advertisers.map((a) => [a.timezone, a.currency.trim()]));
    assert.equal(zones.get('Asia/Kolkata'), 'INR');
    assert.equal(zones.get('Asia/Kathmandu'), 'NPR');
    assert.equal(zones.get('America/Los_Angeles'), 'USD');
    assert.ok(zones.size >= 6);
    const [orphanCampaigns] = await pg<{ n: number }>(
      'SELECT count(*)::int AS n FROM campaigns c LEFT JOIN advertisers a ON a.id = c.advertiser_id WHERE a.id IS NULL',
    );
    assert.equal(orphanCampaigns!.n, 0);
    const campaigns = await pg<{
      id: number;
      advertiser_id: number;
      start_date: string;
      end_date: string | null;
      status: string;
      timezone: string;
      bid_micros: number;
    }>(
      `SELECT c.id, c.advertiser_id, c.start_date::text, c.end_date::text, c.status, a.timezone, c.bid_micros
       FROM campaigns c JOIN advertisers a ON a.id = c.advertiser_id ORDER BY c.id`,
    );
    assert.ok(new Set(campaigns.map((c) => c.status)).size >= 2);
    const byId = new Map(campaigns.map((c) => [c.id, c]));
    const spans = await ch<{ campaign_id: number; advertiser_id: number; first: string; last: string; imp: number; clk: number; conv: number }>(
      `SELECT campaign_id, advertiser_id, toString(min(ts)) AS first, toString(max(ts)) AS last,
              countIf(type = 'impression') AS imp, countIf(type = 'click') AS clk, countIf(type = 'conversion') AS conv
       FROM ad_events GROUP BY campaign_id, advertiser_id`,
    );
    const localDate = (utc: string, tz: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(utc.replace(' ', 'T') + 'Z'));
    for (const s of spans) {
      const c = byId.get(s.campaign_id);
      assert.ok(c, `campaign ${s.campaign_id} exists`);
      assert.equal(s.advertiser_id, c.advertiser_id);
      assert.ok(localDate(s.first, c.timezone) >= c.start_date, `campaign ${c.id} starts ${c.start_date}, first event ${s.first}`);
      if (c.end_date) assert.ok(localDate(s.last, c.timezone) <= c.end_date, `campaign ${c.id} ends ${c.end_date}, last event ${s.last}`);
    }
    const totals = spans.reduce((a, s) => ({ imp: a.imp + s.imp, clk: a.clk + s.clk, conv: a.conv + s.conv }), { imp: 0, clk: 0, conv: 0 });
    assert.ok(totals.clk / totals.imp > 0.01 && totals.clk / totals.imp < 0.03, `CTR ${totals.clk / totals.imp}`);
    assert.ok(totals.conv / totals.clk > 0.02 && totals.conv / totals.clk < 0.1, `CVR ${totals.conv / totals.clk}`);
    const funnel = (await ch<{ type: string; n: number }>(`SELECT toString(type) AS type, count() AS n FROM ad_events GROUP BY type`)).reduce<
      Record<string, number>
    >((a, r) => ({ ...a, [r.type]: r.n }), {});
    const order = ['impression', 'view_2s', 'view_6s', 'p25', 'p50', 'p75', 'p100'];
    order.slice(1).forEach((t, i) => assert.ok(funnel[t]! < funnel[order[i]!]!, `${t} < ${order[i]}`));
    const [money] = await ch<{ bad_cost: number; bad_value: number; bad_play: number; users_hi: number }>(
      `SELECT countIf(cost_micros > 0 AND type NOT IN ('impression', 'click')) AS bad_cost,
              countIf((conversion_value_micros > 0) != (type = 'conversion')) AS bad_value,
              countIf((play_ms > 0) != (type IN ('view_2s', 'view_6s', 'p25', 'p50', 'p75', 'p100'))) AS bad_play,
              max(user_id) AS users_hi FROM ad_events`,
    );
    assert.deepEqual([money!.bad_cost, money!.bad_value, money!.bad_play], [0, 0, 0]);
    assert.ok(money!.users_hi <= 2000);
  });

  test('incident (a): GET /v1/feed is ~10x slower with ~8% 5xx between now-3h and now-2h15m', async () => {
    const [w] = await ch<{ n: number; p95: number; err: number; base_p95: number }>(
      `SELECT
         countIf(inside) AS n,
         quantileIf(0.95)(duration_ms, inside) AS p95,
         countIf(inside AND status >= 500) / countIf(inside) AS err,
         quantileIf(0.95)(duration_ms, NOT inside AND ts >= {from:DateTime64(3, 'UTC')} - INTERVAL 7 DAY) AS base_p95
       FROM (SELECT *, ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AS inside
             FROM request_metrics WHERE service = 'api' AND route = '/v1/feed' AND method = 'GET')`,
      { from: chTime(at(3 * HOUR)), to: chTime(at(2 * HOUR + 15 * MIN)) },
    );
    assert.ok(w!.n >= 200, `requests in the window: ${w!.n}`);
    assert.ok(w!.p95 / w!.base_p95 > 7 && w!.p95 / w!.base_p95 < 14, `p95 ${w!.p95} vs ${w!.base_p95}`);
    assert.ok(w!.err > 0.05 && w!.err < 0.11, `5xx share ${w!.err}`);
    // Outside the window no 15-minute bucket of any route comes near that.
    const hot = await ch<{ bucket: string }>(
      `SELECT toString(toStartOfFifteenMinutes(ts)) AS bucket FROM request_metrics WHERE route != '/v1/upload'
       GROUP BY bucket HAVING count() >= 5 AND quantile(0.5)(duration_ms) > 400 ORDER BY bucket`,
    );
    // NOW is at 14:23:45.678, so the window is 11:23:45.678-12:08:45.678: buckets 11:15 to 12:00.
    const quarter = 15 * MIN;
    const expectedBuckets: string[] = [];
    for (let b = Math.floor(at(3 * HOUR).getTime() / quarter) * quarter; b < at(2 * HOUR + 15 * MIN).getTime(); b += quarter) {
      expectedBuckets.push(new Date(b).toISOString().replace('T', ' ').slice(0, 19));
    }
    assert.deepEqual(
      hot.map((h) => h.bucket),
      expectedBuckets,
    );
    const templated = await ch<{ route: string }>(`SELECT DISTINCT route FROM request_metrics WHERE match(route, '/[0-9]+(/|$)')`);
    assert.deepEqual(templated, []);
    const instances = await ch<{ instance: string }>('SELECT DISTINCT instance FROM request_metrics ORDER BY instance');
    assert.deepEqual(
      instances.map((i) => i.instance),
      ['api-1', 'api-2', 'api-3'],
    );
  });

  test('incident (b): one top-20 video collapses: last 10 minutes below 10% of its 10-minute average over the hour before', async () => {
    const drops = await ch<{ video_id: number; prev: number; last: number }>(
      `SELECT video_id,
              countIf(ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 70 MINUTE AND ts < {now:DateTime64(3, 'UTC')} - INTERVAL 10 MINUTE) AS prev,
              countIf(ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 10 MINUTE) AS last
       FROM video_events
       WHERE type = 'view' AND ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 70 MINUTE AND ts < {now:DateTime64(3, 'UTC')}
       GROUP BY video_id HAVING prev / 6 >= 10 AND last < 0.1 * prev / 6`,
      { now: chTime(NOW) },
    );
    assert.equal(drops.length, 1, JSON.stringify(drops));
    assert.equal(drops[0]!.last, 2);
    assert.ok(drops[0]!.prev >= 300);
    // Only this video mattered in that hour (an average of 10+ views per 10 minutes).
    const [busy] = await ch<{ n: number }>(
      `SELECT count() AS n FROM (SELECT video_id FROM video_events WHERE type = 'view'
         AND ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 70 MINUTE AND ts < {now:DateTime64(3, 'UTC')} - INTERVAL 10 MINUTE
         GROUP BY video_id HAVING count() >= 60)`,
      { now: chTime(NOW) },
    );
    assert.equal(busy!.n, 1);
    const top = await ch<{ video_id: number }>(
      `SELECT video_id FROM video_events WHERE type = 'view' GROUP BY video_id ORDER BY count() DESC, video_id LIMIT 20`,
    );
    assert.ok(
      top.some((t) => t.video_id === drops[0]!.video_id),
      'the collapsing video is a top-20 video of the month',
    );
    const [v] = await pg<{ visibility: string }>('SELECT visibility FROM videos WHERE id = $1', [drops[0]!.video_id]);
    assert.equal(v!.visibility, 'public');
  });

  test('incident (c): three brigaded videos, 120+ distinct reporters within 2 hours in the last day, top the open queue', async () => {
    const brigades = await pg<{ video_id: number; reporters: number; span: number; reasons: string[] }>(
      `SELECT video_id, count(DISTINCT reporter_id)::int AS reporters,
              extract(epoch FROM max(created_at) - min(created_at))::float8 AS span, array_agg(DISTINCT reason ORDER BY reason) AS reasons
       FROM content_reports WHERE created_at >= $1 AND reason IN ('hate', 'harassment')
       GROUP BY video_id HAVING count(DISTINCT reporter_id) >= 120 ORDER BY video_id`,
      [at(DAY)],
    );
    assert.equal(brigades.length, 3);
    for (const b of brigades) {
      assert.ok(b.span <= 2 * 3600, `within 2 hours: ${b.span} s`);
      assert.deepEqual(b.reasons, ['harassment', 'hate']);
    }
    const queue = await pg<{ video_id: number; priority: number; report_count: number; distinct_reporters: number }>(
      `SELECT video_id, priority, report_count, distinct_reporters FROM moderation_cases WHERE status <> 'resolved'
       ORDER BY priority DESC, first_reported_at, id LIMIT 4`,
    );
    assert.deepEqual(
      queue
        .slice(0, 3)
        .map((q) => q.video_id)
        .sort((a, b) => a - b),
      brigades.map((b) => b.video_id),
    );
    assert.ok(queue[3]!.priority < queue[2]!.priority);
    assert.ok(queue.slice(0, 3).every((q) => q.distinct_reporters >= 130));
  });

  test('moderation: one open case per video over the last 7 days, resolved cases before, counts and priority parts consistent', async () => {
    const [c] = await pg<{
      open: number;
      resolved_recent: number;
      bad_recent: number;
      open_videos: number;
      reports_in_cases: number;
      unlinked: number;
      stale_open: number;
      unresolved_old: number;
    }>(
      `SELECT
         (SELECT count(*)::int FROM moderation_cases WHERE status = 'open') AS open,
         (SELECT count(*)::int FROM moderation_cases WHERE status = 'resolved' AND last_reported_at >= $1) AS resolved_recent,
         (SELECT count(*)::int FROM moderation_cases WHERE status = 'resolved' AND last_reported_at >= $1
            AND (distinct_reporters >= 20 OR resolved_at <= last_reported_at OR resolved_at > $2)) AS bad_recent,
         (SELECT count(DISTINCT video_id)::int FROM content_reports WHERE created_at >= $1) AS open_videos,
         (SELECT sum(report_count)::int FROM moderation_cases) AS reports_in_cases,
         (SELECT count(*)::int FROM content_reports WHERE case_id IS NULL) AS unlinked,
         (SELECT count(*)::int FROM content_reports r JOIN moderation_cases m ON m.id = r.case_id
            WHERE m.status = 'open' AND (r.created_at < $1 OR r.resolved_at IS NOT NULL)) AS stale_open,
         (SELECT count(*)::int FROM content_reports r JOIN moderation_cases m ON m.id = r.case_id
            WHERE r.created_at < $1 AND (m.status <> 'resolved' OR r.resolved_at IS NULL OR r.resolved_at < r.created_at)) AS unresolved_old`,
      [at(7 * DAY), NOW],
    );
    // One case per video reported in the window: open, or (about half of the small quiet ones)
    // resolved after its last report and before now.
    assert.equal(c!.open + c!.resolved_recent, c!.open_videos);
    assert.ok(c!.resolved_recent > 0.2 * c!.open_videos && c!.resolved_recent < 0.6 * c!.open_videos, JSON.stringify(c));
    assert.equal(c!.bad_recent, 0);
    assert.equal(c!.reports_in_cases, 1500);
    assert.deepEqual([c!.unlinked, c!.stale_open, c!.unresolved_old], [0, 0, 0]);
    const cases = await pg<{
      id: number;
      priority: number;
      parts: { reporters: number; severity: number; recency: number };
      distinct_reporters: number;
      reasons: string[];
      sla_hours: number;
      report_count: number;
      counted: number;
      reporters_counted: number;
    }>(
      `SELECT m.id, m.priority, m.priority_parts AS parts, m.distinct_reporters, m.reasons,
              extract(epoch FROM m.sla_due_at - m.first_reported_at)::int / 3600 AS sla_hours, m.report_count,
              count(r.id)::int AS counted, count(DISTINCT r.reporter_id)::int AS reporters_counted
       FROM moderation_cases m JOIN content_reports r ON r.case_id = m.id GROUP BY m.id`,
    );
    const severity: Record<string, number> = {
      self_harm: 30,
      violence: 25,
      nudity: 20,
      hate: 20,
      harassment: 15,
      misinformation: 10,
      copyright: 8,
      spam: 5,
      other: 3,
    };
    for (const k of cases) {
      assert.equal(k.report_count, k.counted);
      assert.equal(k.distinct_reporters, k.reporters_counted);
      assert.equal(k.sla_hours, k.reasons.some((r) => ['self_harm', 'violence', 'nudity'].includes(r)) ? 4 : 24);
      assert.equal(k.parts.severity, Math.max(...k.reasons.map((r) => severity[r]!)));
      assert.ok(Math.abs(k.parts.reporters - 15 * Math.log(1 + k.distinct_reporters)) < 0.006);
      assert.ok(k.parts.recency >= 0 && k.parts.recency <= 10);
      assert.ok(Math.abs(k.priority - (k.parts.reporters + k.parts.severity + k.parts.recency)) < 0.02);
    }
    const [seq] = await pg<{ next: number; max: number }>(
      `SELECT nextval('moderation_cases_id_seq')::int AS next, (SELECT max(id)::int FROM moderation_cases) AS max`,
    );
    assert.equal(seq!.next, seq!.max + 1);
    const [sources] = await pg<{ automated_with_reporter: number; automated: number }>(
      `SELECT count(*) FILTER (WHERE source = 'automated' AND reporter_id IS NOT NULL)::int AS automated_with_reporter,
              count(*) FILTER (WHERE source = 'automated')::int AS automated FROM content_reports`,
    );
    assert.equal(sources!.automated_with_reporter, 0);
    assert.ok(sources!.automated > 100);
  });

  test('incident (d): one day with ~1% blank regions, orphans above the last video id, a few dozen ingest rejections', async () => {
    const blank = await ch<{ day: string; share: number }>(
      `SELECT toString(toDate(ts)) AS day, countIf(region = '') / count() AS share FROM video_events GROUP BY day HAVING countIf(region = '') > 0`,
    );
    assert.equal(blank.length, 1);
    assert.equal(blank[0]!.day, new Date(Math.floor(NOW.getTime() / DAY) * DAY - 3 * DAY).toISOString().slice(0, 10)); // today - 3
    assert.ok(blank[0]!.share > 0.004 && blank[0]!.share < 0.02, `blank share ${blank[0]!.share}`);
    const [orphans] = await ch<{ n: number; first: string }>(`SELECT count() AS n, toString(min(ts)) AS first FROM video_events WHERE video_id > 4000`);
    assert.equal(orphans!.n, 100);
    assert.ok(orphans!.first >= chTime(at(3 * DAY)));
    const rejections = await pg<{ at: Date; stream: string; reason: string; field: string | null; sample: string }>(
      'SELECT at, stream, reason, field, sample FROM ingest_rejections',
    );
    assert.equal(rejections.length, 24);
    assert.ok(rejections.every((r) => r.at >= at(5 * DAY) && r.at < NOW && r.sample.length > 20));
    assert.ok(new Set(rejections.map((r) => r.stream)).size >= 3);
    assert.ok(rejections.some((r) => r.field === null && r.reason === 'malformed_json') || rejections.every((r) => r.field !== null));
    const [seq] = await pg<{ next: number }>(`SELECT nextval('ingest_rejections_id_seq')::int AS next`);
    assert.equal(seq!.next, 25);
  });

  test('incident (e): revenue with an evening peak, a daily payout stream, and a drop on the last complete day', async () => {
    const days = await pg<{ day: string; revenue: number; payouts: number }>(
      `SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day,
              count(*) FILTER (WHERE kind <> 'payout')::int AS revenue, count(*) FILTER (WHERE kind = 'payout')::int AS payouts
       FROM transactions WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1 ORDER BY 1`,
      [new Date(Math.ceil(at(30 * DAY).getTime() / DAY) * DAY), new Date(Math.floor(NOW.getTime() / DAY) * DAY)], // the complete UTC days
    );
    assert.equal(days.length, 29);
    const last = days.at(-1)!;
    const before = days.at(-2)!;
    assert.equal(last.day, new Date(Math.floor(NOW.getTime() / DAY) * DAY - DAY).toISOString().slice(0, 10)); // yesterday
    assert.ok(last.revenue < 0.75 * before.revenue, `day over day ${last.revenue} vs ${before.revenue}`);
    const lastRatio = last.revenue / before.revenue;
    for (let i = 1; i < days.length - 1; i++) {
      assert.ok(days[i]!.revenue / days[i - 1]!.revenue > lastRatio + 0.1, `no drop like it on ${days[i]!.day}`);
    }
    assert.ok(
      days.every((d) => d.payouts >= 1),
      'payouts every day',
    );
    const [hours] = await pg<{ evening: number; morning: number; payouts_off_hours: number; bad_owner: number }>(
      `SELECT count(*) FILTER (WHERE kind <> 'payout' AND extract(hour FROM occurred_at AT TIME ZONE 'UTC') BETWEEN 18 AND 21)::int AS evening,
              count(*) FILTER (WHERE kind <> 'payout' AND extract(hour FROM occurred_at AT TIME ZONE 'UTC') BETWEEN 6 AND 9)::int AS morning,
              count(*) FILTER (WHERE kind = 'payout' AND extract(hour FROM occurred_at AT TIME ZONE 'UTC') NOT IN (2, 3))::int AS payouts_off_hours,
              count(*) FILTER (WHERE (kind = 'ad_payment') <> (advertiser_id IS NOT NULL))::int AS bad_owner
       FROM transactions`,
    );
    assert.ok(hours!.evening > 2 * hours!.morning, JSON.stringify(hours));
    assert.equal(hours!.payouts_off_hours, 0);
    assert.equal(hours!.bad_owner, 0);
    const [currencies] = await pg<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM transactions t LEFT JOIN advertisers a ON a.id = t.advertiser_id
       WHERE t.currency <> coalesce(a.currency, 'USD')`,
    );
    assert.equal(currencies!.wrong, 0);
  });

  test('follows, users and videos look like a platform: growth, no self-follow, local media paths', async () => {
    const [f] = await pg<{ first_week: number; last_week: number; top: number; self: number; before_accounts: number }>(
      `SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at < $1::timestamptz + interval '7 days')::int AS first_week,
              count(*) FILTER (WHERE created_at >= $2)::int AS last_week,
              (SELECT max(n)::int FROM (SELECT count(*) AS n FROM follows GROUP BY followee_id) x) AS top,
              count(*) FILTER (WHERE follower_id = followee_id)::int AS self,
              (SELECT count(*)::int FROM follows fo JOIN users u ON u.id IN (fo.follower_id, fo.followee_id) WHERE fo.created_at < u.created_at) AS before_accounts
       FROM follows`,
      [at(30 * DAY), at(7 * DAY)],
    );
    assert.ok(f!.last_week > 1.3 * f!.first_week, JSON.stringify(f));
    assert.ok(f!.top > (6000 / 200) * 5, 'popular creators have many followers');
    assert.deepEqual([f!.self, f!.before_accounts], [0, 0]);
    const [v] = await pg<{ external: number; bad_creator: number; regions: number; public_share: number }>(
      `SELECT count(*) FILTER (WHERE video_url NOT LIKE '/media/video/%' OR thumbnail_url NOT LIKE '/media/thumb/%.svg')::int AS external,
              count(*) FILTER (WHERE u.role <> 'creator' OR v.created_at < u.created_at OR v.region <> u.region)::int AS bad_creator,
              count(DISTINCT v.region)::int AS regions,
              avg((visibility = 'public')::int)::float8 AS public_share
       FROM videos v JOIN users u ON u.id = v.creator_id`,
    );
    assert.deepEqual([v!.external, v!.bad_creator], [0, 0]);
    assert.ok(v!.regions >= 10 && v!.public_share > 0.85);
    const [ts] = await pg<{ bad: number }>(
      `SELECT ((SELECT count(*) FROM transactions WHERE occurred_at < $1 OR occurred_at >= $2)
             + (SELECT count(*) FROM content_reports WHERE created_at < $1 OR created_at >= $2)
             + (SELECT count(*) FROM users WHERE created_at >= $2)
             + (SELECT count(*) FROM videos WHERE created_at >= $2))::int AS bad`,
      [at(30 * DAY), NOW],
    );
    assert.equal(ts!.bad, 0);
  });

  test('same seed and now give identical content in both stores; another seed gives different content', async () => {
    const first = await checksums();
    await truncateAll();
    assert.equal(await storesAreEmpty(stores), true);
    await loadDemoData(stores, { size: 'small', seed: SEED, now: NOW });
    assert.deepEqual(await checksums(), first);
    await truncateAll();
    await loadDemoData(stores, { size: 'small', seed: SEED + 1, now: NOW });
    const other = await checksums();
    for (const [table, sum] of Object.entries(first)) assert.notEqual(other[table], sum, `${table} differs with another seed`);
  });
});
