// The demo data set (docs/architecture.md#demo-data) on real stores: exact counts from the size table, ClickHouse
// events that reference exactly what PostgreSQL holds (but for the designed orphans), the shape
// of views, ads, follows and videos, and determinism (same seed and now → identical content;
// another seed → different content). The five injected incidents are in demo-incidents.test.ts;
// the load is test/support/demo-fixture.ts's. Expected numbers are written out by
// hand from the `small` row of the size table, not read from the generator.
// chDB binds one data directory per process: the repeated loads truncate and reload that one.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stores } from '../../server/db/index.js';
import { loadDemoData, storesAreEmpty, type DemoProgress, type DemoSummary } from '../../server/features/demo/demo.service.js';
import { DAY, NOW, SEED, at, chTime, useDemoStores } from '../support/demo-fixture.js';

describe(`demo data, size small, on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} + chDB`, () => {
  const demo = useDemoStores();
  const { pg, ch } = demo;
  let stores: Stores;
  let summary: DemoSummary;
  let progress: DemoProgress[];
  let emptyBefore: boolean;
  before(() => {
    ({ stores, summary, progress, emptyBefore } = demo);
  });

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
