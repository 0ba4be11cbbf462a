// Every event counted once (issue 13) over real HTTP on real stores: 10,000 video events as three
// overlapping batches of random composition plus one repeated batch, two of them concurrently,
// without Idempotency-Keys → the raw table, the rollups, the engagement series, trending totals
// and the video page count each event once, and the answers say how many lines were duplicates.
// Then: ad events, request metrics (no id: stored as sent), the horizon, a crash between the two
// stores, and two consoles sharing one PostgreSQL taking the same dedup lock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import fs from 'node:fs';
import { startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { spawnConsole, stopConsole, type ChildConsole } from '../support/child-console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { checkDashboards, EVENTS, makeFixture, ndjson } from '../support/dedup-fixture.js';
import { DEDUP_LOCK_KEYS, EventDedup } from '../../server/features/ingest/dedup.js';

const BASE = 8_000_000 + Math.floor(Math.random() * 100_000) * 100;
const SEED = Number(process.env.DEDUP_SEED ?? Math.floor(Math.random() * 2 ** 31));
const iso = (ms: number) => new Date(ms).toISOString();

describe(`event dedup on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} (seed ${SEED})`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let key: string;

  const post = (stream: string, body: string, headers: Record<string, string> = {}, to: TestConsole = c) =>
    to.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', ...headers },
      body,
    });
  async function ok(res: Response) {
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  }
  async function ch(sql: string, params: Record<string, unknown> = {}) {
    const rs = await c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as Record<string, unknown>[];
  }
  const count = async (sql: string, params: Record<string, unknown> = {}) => Number((await ch(sql, params))[0]!.n);

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv, INGEST_BATCHES_PER_KEY: '2' }); // two batches of one key at once (the lock tests)
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    const res = await admin.call('POST', '/api/admin/api-keys', { name: 'dedup test', scopes: ['ingest'] });
    assert.equal(res.status, 201);
    ({ key } = await res.json());
  });
  after(async () => c?.stop());

  test('10,000 events in three overlapping batches and a repeat, two concurrently, no keys: every event counted once', async () => {
    const f = makeFixture(BASE, SEED);
    assert.equal((await ok(await post('users', ndjson(f.users)))).accepted, f.users.length);
    assert.equal((await ok(await post('videos', ndjson(f.videos)))).accepted, f.videos.length);
    const [b1, b2, b3, repeat] = f.batches.map((b) => ndjson(b));
    // The first two at once, then the third, then the first again.
    const [a1, a2] = await Promise.all([post('video-events', b1!).then(ok), post('video-events', b2!).then(ok)]);
    const a3 = await ok(await post('video-events', b3!));
    const a4 = await ok(await post('video-events', repeat!));
    const answers = [a1, a2, a3, a4];
    const lines = f.batches.reduce((n, b) => n + b.length, 0);
    // Every line is either stored once or a duplicate; no line is rejected or an orphan.
    assert.equal(
      answers.reduce((n, a) => n + a.accepted, 0),
      EVENTS,
      JSON.stringify(answers.map(({ errors: _e, ...a }) => a)),
    );
    assert.equal(
      answers.reduce((n, a) => n + a.duplicates, 0),
      lines - EVENTS,
    );
    for (const [i, a] of answers.entries()) assert.deepEqual([a.rejected, a.orphans, a.accepted + a.duplicates], [0, 0, f.batches[i]!.length]);
    // The third batch stores exactly what the first two did not hold; the repeat stores nothing.
    const firstTwo = new Set([...f.batches[0]!, ...f.batches[1]!].map((e) => e.event_id));
    assert.equal(a3.accepted, new Set(f.batches[2]!.map((e) => e.event_id).filter((id) => !firstTwo.has(id))).size);
    assert.deepEqual([a4.accepted, a4.duplicates], [0, f.batches[3]!.length]);

    const videos = { v: f.videoIds };
    assert.equal(await count('SELECT count() AS n FROM video_events WHERE video_id IN {v:Array(UInt64)}', videos), EVENTS);
    assert.equal(await count('SELECT uniqExact(event_id) AS n FROM video_events WHERE video_id IN {v:Array(UInt64)}', videos), EVENTS);
    const views = f.events.filter((e) => e.type === 'view').length;
    assert.equal(await count('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id IN {v:Array(UInt64)}', videos), views);
    assert.equal(
      await count(
        'SELECT sum(views) + sum(likes) + sum(comments) + sum(shares) AS n FROM engagement_15m WHERE bucket >= {from:DateTime64(3)} AND bucket < {to:DateTime64(3)}',
        { from: f.window.from.replace('T', ' ').replace('Z', ''), to: f.window.to.replace('T', ' ').replace('Z', '') },
      ),
      EVENTS,
    );
    await checkDashboards(f, async (p) => {
      const res = await admin.call('GET', p);
      assert.equal(res.status, 200, p);
      return res.json();
    });
    // The batch records keep the duplicates apart from accepted lines.
    const rows = (
      await c.stores.pg.handle.pool.query(
        "SELECT sum(accepted)::int AS a, sum(duplicates)::int AS d FROM ingest_batches WHERE stream = 'video-events' AND transport = 'http'",
      )
    ).rows[0];
    assert.deepEqual(rows, { a: EVENTS, d: lines - EVENTS });
  });

  test('the lock: two batches checking the same ids at once store them once, the second waiting for the first insert', async () => {
    // EventDedup on this console's stores; each insert is held 300 ms after its check, so without
    // the table's lock the second batch would check while the first is still inserting, find
    // nothing and store every event again (measured: with the lock removed this test fails).
    const dedup = new EventDedup(c.stores, { horizonDays: 30, now: () => new Date() });
    const video = BASE + 904;
    const t = Date.now() - 1_800_000;
    const events = () =>
      Array.from({ length: 50 }, (_, i) => ({
        event_id: ids[i]!,
        ts: iso(t + i),
        type: 'view',
        video_id: video,
        creator_id: BASE + 1,
        user_id: i,
        watch_ms: 10,
        region: 'IN',
        device: 'web',
      }));
    const ids = Array.from({ length: 50 }, () => randomUUID());
    const order: string[] = [];
    const batch = (name: string) =>
      dedup.storeNew('video_events', events(), { token: `lock-test-${name}-${randomUUID()}`, recorded: async () => false }, async (fresh) => {
        order.push(`${name} checked`);
        await new Promise((r) => setTimeout(r, 300));
        await c.stores.ch.insert('video_events', fresh, { settings: { date_time_input_format: 'best_effort' } });
        order.push(`${name} inserted`);
      });
    const [first, second] = await Promise.all([batch('a'), batch('b')]);
    assert.deepEqual([first.fresh.length, first.duplicates, second.fresh.length, second.duplicates], [50, 0, 0, 50]);
    // b found everything stored, so its store step never ran.
    assert.deepEqual(order, ['a checked', 'a inserted']);
    assert.equal(await count('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: video }), 50);
  });

  test('ad events: a repeated event_id is not counted again in ad_events nor in ad_stats_15m', async () => {
    const t = Date.now() - 3_600_000;
    const campaign = BASE + 77; // unknown to PostgreSQL: orphans, stored all the same
    const ads = Array.from({ length: 300 }, (_, i) => ({
      event_id: randomUUID(),
      ts: iso(t + i * 1000),
      type: i % 3 === 0 ? 'click' : 'impression',
      advertiser_id: BASE + 7,
      campaign_id: campaign,
      user_id: i,
      cost_micros: 10,
      region: 'IN',
      device: 'web',
    }));
    const first = await ok(await post('ad-events', ndjson(ads.slice(0, 200))));
    const second = await ok(await post('ad-events', ndjson(ads.slice(100))));
    assert.deepEqual([first.accepted, first.duplicates, first.orphans, second.accepted, second.duplicates, second.orphans], [200, 0, 200, 100, 100, 100]);
    assert.equal(await count('SELECT count() AS n FROM ad_events WHERE campaign_id = {c:UInt64}', { c: campaign }), 300);
    assert.deepEqual(
      (
        await ch('SELECT sum(impressions) AS i, sum(clicks) AS k, sum(spend_micros) AS s FROM ad_stats_15m WHERE campaign_id = {c:UInt64}', { c: campaign })
      ).map((r) => [Number(r.i), Number(r.k), Number(r.s)]),
      [[200, 100, 3000]],
    );
  });

  test('request metrics carry no id: the same lines sent twice are stored twice, a retried Idempotency-Key once', async () => {
    const service = `svc-dedup-${BASE}`;
    const body = ndjson([{ ts: iso(Date.now() - 60_000), service, route: '/v1/feed', method: 'GET', status: 200, duration_ms: 5 }]);
    for (let i = 0; i < 2; i++) assert.deepEqual(await ok(await post('request-metrics', body)).then((a) => [a.accepted, a.duplicates]), [1, 0]);
    const k = `metrics-${randomUUID()}`;
    await ok(await post('request-metrics', body, { 'idempotency-key': k }));
    await ok(await post('request-metrics', body, { 'idempotency-key': k }));
    assert.equal(await count('SELECT count() AS n FROM request_metrics WHERE service = {s:String}', { s: service }), 3);
  });

  test('the horizon: a repeat 20 days after its event time is dropped; one older than INGEST_DEDUP_HORIZON_DAYS (30) is stored again', async () => {
    const video = BASE + 900;
    const ev = (daysAgo: number) => ({
      event_id: randomUUID(),
      ts: iso(Date.now() - daysAgo * 86_400_000),
      type: 'view',
      video_id: video,
      creator_id: BASE + 1,
      user_id: 1,
      watch_ms: 10,
      region: 'IN',
      device: 'web',
    });
    const recent = ev(20);
    const old = ev(40);
    const first = await ok(await post('video-events', ndjson([recent, old])));
    // Another body (an identical one would also be dropped by ClickHouse's block dedup on its token).
    const again = await ok(await post('video-events', ndjson([old, recent])));
    assert.deepEqual([first.accepted, first.duplicates, again.accepted, again.duplicates], [2, 0, 1, 1]);
    assert.deepEqual(
      (await ch('SELECT toString(event_id) AS id, count() AS n FROM video_events WHERE video_id = {v:UInt64} GROUP BY id ORDER BY n', { v: video })).map(
        (r) => [r.id, Number(r.n)],
      ),
      [
        [recent.event_id, 1],
        [old.event_id, 2],
      ],
    );
  });

  test('a crash between the two stores: rows that reached ClickHouse without a batch record are found by id, the rest stored once', async () => {
    const video = BASE + 901;
    const t = Date.now() - 600_000;
    const events = Array.from({ length: 6 }, (_, i) => ({
      event_id: randomUUID(),
      ts: iso(t + i),
      type: 'view',
      video_id: video,
      creator_id: BASE + 1,
      user_id: i,
      watch_ms: 100,
      region: 'IN',
      device: 'web',
    }));
    // A console stored the first four in ClickHouse (raw table and rollups) and died before
    // PostgreSQL recorded the batch: what a retry of the whole batch finds.
    await c.stores.ch.insert('video_events', events.slice(0, 4), { settings: { date_time_input_format: 'best_effort' } });
    const retry = await ok(await post('video-events', ndjson(events)));
    assert.deepEqual([retry.accepted, retry.duplicates], [2, 4]);
    assert.equal(await count('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: video }), 6);
    assert.equal(await count('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }), 6);
  });

  test('a crash in the middle of an insert (raw part written, rollup part not): the retry of the batch completes the rollups, counting once', async () => {
    const video = BASE + 903;
    const t = Date.now() - 900_000;
    const events = Array.from({ length: 5 }, (_, i) => ({
      event_id: randomUUID(),
      ts: iso(t + i),
      type: 'view',
      video_id: video,
      creator_id: BASE + 1,
      user_id: i,
      watch_ms: 100 * (i + 1),
      region: 'IN',
      device: 'web',
    }));
    const body = ndjson(events);
    // The token the console derives from the stream and the body (no key): see docs/ingest-dedup.md.
    const sha = (x: string) => createHash('sha256').update(x).digest('hex');
    const token = `ingest-${sha(`video-events\n\n${sha(body)}`)}`;
    // A console wrote the raw part under that token and died before the rollup's part.
    await c.stores.ch.handle.client.command({ query: 'DETACH TABLE video_stats_15m_mv' });
    try {
      await c.stores.ch.insert(
        'video_events',
        events.map((e) => ({ ...e, ingest_token: token })),
        { dedupToken: token, settings: { date_time_input_format: 'best_effort' } },
      );
    } finally {
      await c.stores.ch.handle.client.command({ query: 'ATTACH TABLE video_stats_15m_mv' });
    }
    assert.equal(await count('SELECT count() AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }), 0);
    const retry = await ok(await post('video-events', body));
    assert.deepEqual([retry.accepted, retry.duplicates], [5, 0]);
    assert.equal(await count('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: video }), 5);
    assert.deepEqual(
      (await ch('SELECT sum(views) AS v, sum(watch_ms) AS w FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video })).map((r) => [
        Number(r.v),
        Number(r.w),
      ]),
      [[5, 1500]],
    );
    // Once recorded, the same body is a duplicate like any other copy.
    const again = await ok(await post('video-events', body));
    assert.deepEqual([again.accepted, again.duplicates], [0, 5]);
    assert.equal(await count('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }), 5);
  });

  test('two consoles on one PostgreSQL take the same dedup lock: a batch waits while another console holds it', {
    skip: process.env.TEST_DATABASE_URL ? false : 'PGlite serves one process: two consoles need the PostgreSQL run (TEST_DATABASE_URL)',
  }, async () => {
    // A second console in its own process (its own chDB) on this console's PostgreSQL database.
    const dbUrl = (c.stores.pg.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const dataDir = tempDataDir();
    const holder = new pg.Client({ connectionString: dbUrl });
    let c2: ChildConsole | undefined;
    try {
      c2 = await spawnConsole({ DATABASE_URL: dbUrl, DATA_DIR: dataDir });
      // Another console (here: this test's connection) holds the video_events dedup lock.
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1)', [DEDUP_LOCK_KEYS.video_events]);
      const ev = {
        event_id: randomUUID(),
        ts: iso(Date.now() - 60_000),
        type: 'view',
        video_id: BASE + 902,
        creator_id: BASE + 1,
        user_id: 1,
        watch_ms: 1,
        region: 'IN',
        device: 'web',
      };
      let settled = false;
      const pending = fetch(`${c2.url}/api/v1/ingest/video-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: ndjson([ev]),
      }).finally(() => (settled = true));
      // Wait until the second console is seen waiting on the advisory lock.
      for (;;) {
        const { rows } = await holder.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(settled, false);
      await holder.query('SELECT pg_advisory_unlock($1)', [DEDUP_LOCK_KEYS.video_events]);
      assert.deepEqual(await ok(await pending).then((a) => [a.accepted, a.duplicates]), [1, 0]);
    } finally {
      await holder.end().catch(() => {});
      if (c2) await stopConsole(c2);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
