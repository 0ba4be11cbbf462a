// The ingest API (issue 4, README#ingest-api) over real HTTP on real stores: per-line validation with
// exact accepted counts and rejected line numbers, every valid row read back with its values,
// orphans, idempotent retries in both stores, updated_at ordering, parent checks, reports joining
// moderation cases, and the 401/403/413/415 answers. Expectations are written out by hand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

const NDJSON = 'application/x-ndjson';
const iso = (ms: number) => new Date(ms).toISOString();
/** A distinct id range per test run, so that reruns on one database never collide. */
const BASE = 7_000_000 + Math.floor(Math.random() * 1_000_000) * 100;

describe(`ingest on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let key: string;
  let keyId: number;

  const post = (stream: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': NDJSON, ...headers },
      body: body as BodyInit,
    });
  const lines = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
  async function ok(res: Response) {
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  }
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  async function ch(sql: string, params: Record<string, unknown> = {}) {
    const rs = await c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as Record<string, unknown>[];
  }

  before(async () => {
    // Four concurrent report batches from one key below: above the default of 2 per key (docs/hardening.md).
    c = await startTestConsole({ ...bootstrapAdminEnv, INGEST_BATCHES_PER_KEY: '4' });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    const res = await admin.call('POST', '/api/admin/api-keys', { name: 'ingest test', scopes: ['ingest'] });
    assert.equal(res.status, 201);
    ({ key, id: keyId } = await res.json());
  });
  after(async () => c?.stop());

  // Entities the event tests refer to: creators BASE+1, BASE+2, a viewer BASE+3; video BASE+1 of
  // creator BASE+1; advertiser BASE+1 with campaign BASE+1.
  const T0 = Date.now() - 3 * 3600_000;
  const U1 = BASE + 1,
    U2 = BASE + 2,
    U3 = BASE + 3,
    V1 = BASE + 1,
    A1 = BASE + 1,
    C1 = BASE + 1;
  const user = (id: number, over: Record<string, unknown> = {}) => ({
    id,
    username: `u${id}`,
    email: `u${id}@example.com`,
    display_name: `User ${id}`,
    role: 'creator',
    region: 'IN',
    updated_at: iso(T0),
    ...over,
  });

  test('entity streams: users, videos, advertisers, campaigns, follows, transactions are stored with their values', async () => {
    const u = await ok(await post('users', lines([user(U1), user(U2, { role: 'viewer', status: 'banned' }), user(U3, { created_at: iso(T0 - 86400_000) })])));
    assert.deepEqual(u, { stream: 'users', accepted: 3, rejected: 0, errors: [], orphans: 0, unchanged: 0, duplicates: 0 });
    const rows = await pg(
      'SELECT id::int, username, email, display_name, role, region, status, created_at, updated_at FROM users WHERE id = ANY($1) ORDER BY id',
      [[U1, U2, U3]],
    );
    assert.deepEqual(rows, [
      {
        id: U1,
        username: `u${U1}`,
        email: `u${U1}@example.com`,
        display_name: `User ${U1}`,
        role: 'creator',
        region: 'IN',
        status: 'active',
        created_at: new Date(T0),
        updated_at: new Date(T0),
      },
      {
        id: U2,
        username: `u${U2}`,
        email: `u${U2}@example.com`,
        display_name: `User ${U2}`,
        role: 'viewer',
        region: 'IN',
        status: 'banned',
        created_at: new Date(T0),
        updated_at: new Date(T0),
      },
      {
        id: U3,
        username: `u${U3}`,
        email: `u${U3}@example.com`,
        display_name: `User ${U3}`,
        role: 'creator',
        region: 'IN',
        status: 'active',
        created_at: new Date(T0 - 86400_000),
        updated_at: new Date(T0),
      },
    ]);

    const v = await ok(
      await post(
        'videos',
        lines([
          {
            id: V1,
            creator_id: U1,
            title: 'Street food in Delhi',
            description: 'Part 1',
            tags: ['food', 'travel'],
            duration_ms: 45_000,
            region: 'IN',
            video_url: '/v/1.mp4',
            thumbnail_url: '/t/1.jpg',
            updated_at: iso(T0),
          },
          { id: BASE + 2, creator_id: BASE + 99, title: 'Orphan', duration_ms: 1000, region: 'IN', updated_at: iso(T0) },
        ]),
      ),
    );
    assert.equal(v.accepted, 1);
    assert.deepEqual(v.errors, [
      { line: 2, reason: 'unknown_reference', field: 'creator_id', error: `creator_id ${BASE + 99} is not a known user: send the user first (stream users)` },
    ]);
    assert.deepEqual(
      await pg(
        'SELECT id::int, creator_id::int, title, description, tags, duration_ms, region, visibility, video_url, thumbnail_url FROM videos WHERE id = ANY($1)',
        [[V1, BASE + 2]],
      ),
      [
        {
          id: V1,
          creator_id: U1,
          title: 'Street food in Delhi',
          description: 'Part 1',
          tags: ['food', 'travel'],
          duration_ms: 45_000,
          region: 'IN',
          visibility: 'public',
          video_url: '/v/1.mp4',
          thumbnail_url: '/t/1.jpg',
        },
      ],
    );

    const a = await ok(
      await post(
        'advertisers',
        lines([
          { id: A1, name: 'Saffron Foods', timezone: 'Asia/Kolkata', currency: 'INR', updated_at: iso(T0) },
          { id: A1 + 1, name: 'Bad zone', timezone: '+05:30', currency: 'INR', updated_at: iso(T0) },
          { id: A1 + 2, name: 'Bad money', timezone: 'UTC', currency: 'RUPEES', updated_at: iso(T0) },
        ]),
      ),
    );
    assert.equal(a.accepted, 1);
    assert.deepEqual(
      a.errors.map((e: { line: number; reason: string; field: string }) => [e.line, e.reason, e.field]),
      [
        [2, 'invalid_format', 'timezone'],
        [3, 'invalid_format', 'currency'],
      ],
    );
    assert.deepEqual(await pg('SELECT id::int, name, timezone, currency FROM advertisers WHERE id = ANY($1)', [[A1, A1 + 1, A1 + 2]]), [
      { id: A1, name: 'Saffron Foods', timezone: 'Asia/Kolkata', currency: 'INR' },
    ]);

    const cp = await ok(
      await post(
        'campaigns',
        lines([
          {
            id: C1,
            advertiser_id: A1,
            name: 'Diwali push',
            objective: 'video_views',
            status: 'active',
            budget_micros: 5_000_000_000,
            bid_micros: 1_500_000,
            start_date: '2026-10-01',
            end_date: '2026-11-30',
            updated_at: iso(T0),
          },
          {
            id: C1 + 1,
            advertiser_id: A1 + 50,
            name: 'Nobody',
            objective: 'traffic',
            status: 'paused',
            budget_micros: 1,
            bid_micros: 1,
            start_date: '2026-10-01',
            updated_at: iso(T0),
          },
          {
            id: C1 + 2,
            advertiser_id: A1,
            name: 'Backwards',
            objective: 'traffic',
            status: 'paused',
            budget_micros: 1,
            bid_micros: 1,
            start_date: '2026-10-05',
            end_date: '2026-10-01',
            updated_at: iso(T0),
          },
        ]),
      ),
    );
    assert.equal(cp.accepted, 1);
    assert.deepEqual(
      cp.errors.map((e: { line: number; reason: string }) => [e.line, e.reason]),
      [
        [2, 'unknown_reference'],
        [3, 'out_of_range'],
      ],
    );
    assert.deepEqual(
      await pg(
        'SELECT id::int, advertiser_id::int, name, objective, status, budget_micros::text, bid_micros::int, start_date::text, end_date::text FROM campaigns WHERE id = ANY($1)',
        [[C1, C1 + 1, C1 + 2]],
      ),
      [
        {
          id: C1,
          advertiser_id: A1,
          name: 'Diwali push',
          objective: 'video_views',
          status: 'active',
          budget_micros: '5000000000',
          bid_micros: 1_500_000,
          start_date: '2026-10-01',
          end_date: '2026-11-30',
        },
      ],
    );

    const f = await ok(
      await post(
        'follows',
        lines([
          { follower_id: U3, followee_id: U1, created_at: iso(T0) },
          { follower_id: U3, followee_id: U3, created_at: iso(T0) },
          { follower_id: U3, followee_id: U1, created_at: iso(T0) },
          { follower_id: U2, followee_id: BASE + 98, created_at: iso(T0) },
        ]),
      ),
    );
    assert.deepEqual(
      [f.accepted, f.unchanged, f.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])],
      [
        2,
        1,
        [
          [2, 'out_of_range'],
          [4, 'unknown_reference'],
        ],
      ],
    );
    assert.deepEqual(await pg('SELECT follower_id::int, followee_id::int FROM follows WHERE follower_id = ANY($1)', [[U2, U3]]), [
      { follower_id: U3, followee_id: U1 },
    ]);

    const t = await ok(
      await post(
        'transactions',
        lines([
          { id: BASE + 1, kind: 'gift', amount_minor: 4999, currency: 'INR', user_id: U3, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 2, kind: 'ad_payment', amount_minor: 1_000_000, currency: 'INR', advertiser_id: A1, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 3, kind: 'gift', amount_minor: -5, currency: 'INR', user_id: U3, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 4, kind: 'gift', amount_minor: 5, currency: 'INR', user_id: U3, advertiser_id: A1, occurred_at: iso(T0), updated_at: iso(T0) },
          { id: BASE + 5, kind: 'payout', amount_minor: 5, currency: 'USD', advertiser_id: A1 + 77, occurred_at: iso(T0), updated_at: iso(T0) },
        ]),
      ),
    );
    assert.deepEqual(
      [t.accepted, t.errors.map((e: { line: number; reason: string; error: string }) => [e.line, e.reason, e.error])],
      [
        2,
        [
          [3, 'out_of_range', 'amount_minor must be at least 0 (got -5)'],
          [4, 'missing_field', 'user_id exactly one of user_id and advertiser_id must be given'],
          [5, 'unknown_reference', `advertiser_id ${A1 + 77} is not a known advertiser: send the advertiser first (stream advertisers)`],
        ],
      ],
    );
    assert.deepEqual(
      await pg('SELECT id::int, kind, amount_minor::int, currency, user_id::int, advertiser_id::int FROM transactions WHERE id BETWEEN $1 AND $2 ORDER BY id', [
        BASE + 1,
        BASE + 5,
      ]),
      [
        { id: BASE + 1, kind: 'gift', amount_minor: 4999, currency: 'INR', user_id: U3, advertiser_id: null },
        { id: BASE + 2, kind: 'ad_payment', amount_minor: 1_000_000, currency: 'INR', user_id: null, advertiser_id: A1 },
      ],
    );
  });

  test('video-events: every kind of bad line is rejected by number, every valid line stored with its values', async () => {
    const t = Date.now() - 60_000;
    const ev = (over: Record<string, unknown> = {}) => ({
      event_id: randomUUID(),
      ts: iso(t),
      type: 'view',
      video_id: V1,
      creator_id: U1,
      user_id: U3,
      watch_ms: 12_000,
      region: 'IN',
      device: 'android',
      ...over,
    });
    const good = [
      ev(),
      ev({ type: 'like', watch_ms: 0, video_id: BASE + 500, creator_id: U2 }),
      ev({ type: 'share', ts: iso(t - 1000), watch_ms: 0 }),
      ev({ watch_ms: undefined, device: 'ios' }),
    ];
    const body = lines([
      good[0], // 1
      '{"event_id": "8e0f", "ts": ', // 2 malformed JSON
      good[1], // 3 about an unknown video: stored, an orphan
      ev({ video_id: 'abc' }), // 4 wrong type
      { ...ev(), event_id: undefined }, // 5 missing field
      ev({ watch_ms: -5 }), // 6 out of range
      ev({ ts: iso(Date.now() + 3600_000) }), // 7 future timestamp
      ev({ type: 'vew' }), // 8 unknown enum
      ev({ device: 'x'.repeat(33) }), // 9 oversized string
      '', // 10 blank: skipped
      good[2], // 11
      '[1,2]', // 12 not an object
      ev({ creator_id: U2 }), // 13 names another creator than the video's
      good[3], // 14
      ev({ ts: 'yesterday' }), // 15 not a timestamp
    ]);
    const res = await ok(await post('video-events', body));
    assert.equal(res.accepted, 4);
    assert.equal(res.rejected, 10);
    assert.equal(res.orphans, 1);
    assert.deepEqual(
      res.errors.map((e: { line: number; reason: string; field: string | null }) => [e.line, e.reason, e.field]),
      [
        [2, 'malformed_json', null],
        [4, 'invalid_type', 'video_id'],
        [5, 'missing_field', 'event_id'],
        [6, 'out_of_range', 'watch_ms'],
        [7, 'future_timestamp', 'ts'],
        [8, 'invalid_enum', 'type'],
        [9, 'too_long', 'device'],
        [12, 'not_an_object', null],
        [13, 'conflict', 'creator_id'],
        [15, 'invalid_timestamp', 'ts'],
      ],
    );
    const byLine = new Map(res.errors.map((e: { line: number; error: string }) => [e.line, e.error]));
    assert.equal(byLine.get(4), 'video_id must be a number (got the string "abc")');
    assert.equal(byLine.get(5), 'event_id is required');
    assert.equal(byLine.get(6), 'watch_ms must be at least 0 (got -5)');
    assert.equal(byLine.get(8), 'type must be one of view, like, comment, share, follow (got "vew")');
    assert.equal(byLine.get(9), 'device must have at most 32 characters (got 33)');
    assert.equal(byLine.get(13), `creator_id ${U2} is not the creator of video ${V1} (user ${U1} is)`);
    assert.match(byLine.get(2) as string, /^not valid JSON \(/);
    assert.match(byLine.get(7) as string, /^ts is .* more than 5 minutes in the future/);

    const stored = await ch(
      "SELECT toString(event_id) AS id, formatDateTime(ts, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') AS t, toString(type) AS type, video_id, creator_id, user_id, watch_ms, region, device FROM video_events WHERE event_id IN {ids:Array(UUID)} ",
      { ids: good.map((g) => g.event_id) },
    );
    // ClickHouse keeps milliseconds (DateTime64(3)); formatDateTime's %f prints six digits.
    const want = good.map((g) => [g.event_id, g.ts.replace(/Z$/, '000Z'), g.type, g.video_id, g.creator_id, g.user_id, g.watch_ms ?? 0, g.region, g.device]);
    const got = stored.map((r) => [r.id, r.t, r.type, Number(r.video_id), Number(r.creator_id), Number(r.user_id), Number(r.watch_ms), r.region, r.device]);
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    assert.deepEqual(got.sort(byId), want.sort(byId));
    // Recorded for the data-quality panels.
    const [batch] = await pg(
      "SELECT id::int, lines, accepted, rejected, orphans, api_key_id::int, duplicates, transport FROM ingest_batches WHERE stream = 'video-events' ORDER BY id DESC LIMIT 1",
    );
    assert.deepEqual(
      { ...batch, id: undefined },
      { id: undefined, lines: 15, accepted: 4, rejected: 10, orphans: 1, api_key_id: keyId, duplicates: 0, transport: 'http' },
    );
    const rej = await pg('SELECT line, reason, field, stream, sample, message FROM ingest_rejections WHERE batch_id = $1 ORDER BY line', [batch.id]);
    assert.deepEqual(
      rej.map((r) => [r.line, r.reason, r.stream]),
      [
        [2, 'malformed_json', 'video-events'],
        [4, 'invalid_type', 'video-events'],
        [5, 'missing_field', 'video-events'],
        [6, 'out_of_range', 'video-events'],
        [7, 'future_timestamp', 'video-events'],
        [8, 'invalid_enum', 'video-events'],
        [9, 'too_long', 'video-events'],
        [12, 'not_an_object', 'video-events'],
        [13, 'conflict', 'video-events'],
        [15, 'invalid_timestamp', 'video-events'],
      ],
    );
    assert.equal(rej[0].sample, '{"event_id": "8e0f", "ts": ');
    assert.equal(rej[1].message, 'video_id must be a number (got the string "abc")');
  });

  test('samples are truncated to 500 characters', async () => {
    const res = await ok(await post('request-metrics', lines([{ ts: iso(Date.now()), service: 'x'.repeat(900) }])));
    assert.equal(res.rejected, 1);
    const [row] = await pg("SELECT length(sample) AS n FROM ingest_rejections WHERE stream = 'request-metrics' ORDER BY id DESC LIMIT 1");
    assert.equal(row.n, 500);
  });

  test('ad-events and request-metrics: stored with their values; unknown campaigns are orphans, a foreign advertiser is rejected', async () => {
    const t = Date.now() - 120_000;
    const ad = (over: Record<string, unknown>) => ({
      event_id: randomUUID(),
      ts: iso(t),
      type: 'impression',
      advertiser_id: A1,
      campaign_id: C1,
      user_id: U3,
      region: 'IN',
      device: 'android',
      ...over,
    });
    const a = [
      ad({ cost_micros: 2500 }),
      ad({ type: 'conversion', conversion_value_micros: 990_000, campaign_id: C1 + 40 }),
      ad({ advertiser_id: A1 + 3 }),
      ad({ type: 'p75', play_ms: 9000 }),
    ];
    const res = await ok(await post('ad-events', lines(a)));
    assert.deepEqual([res.accepted, res.orphans, res.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])], [3, 1, [[3, 'conflict']]]);
    const rows = await ch(
      'SELECT toString(event_id) AS id, toString(type) AS type, campaign_id, cost_micros, conversion_value_micros, play_ms FROM ad_events WHERE event_id IN {ids:Array(UUID)} ORDER BY play_ms, cost_micros',
      { ids: a.map((x) => x.event_id) },
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.type, Number(r.campaign_id), Number(r.cost_micros), Number(r.conversion_value_micros), Number(r.play_ms)]),
      [
        [a[1]!.event_id, 'conversion', C1 + 40, 0, 990_000, 0],
        [a[0]!.event_id, 'impression', C1, 2500, 0, 0],
        [a[3]!.event_id, 'p75', C1, 0, 0, 9000],
      ],
    );

    const service = `svc-${BASE}`;
    const m = await ok(
      await post(
        'request-metrics',
        lines([
          { ts: iso(t), service, route: '/v1/feed', method: 'GET', status: 200, duration_ms: 12.5, instance: 'api-1' },
          { ts: iso(t), service, route: '/v1/videos/123456', method: 'GET', status: 200, duration_ms: 3 },
          { ts: iso(t), service, route: '/v1/videos/:id', method: 'FETCH', status: 200, duration_ms: 3 },
          { ts: iso(t), service, route: '/v1/videos/:id', method: 'POST', status: 503, duration_ms: 812 },
        ]),
      ),
    );
    assert.deepEqual(
      [m.accepted, m.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])],
      [
        2,
        [
          [2, 'invalid_format'],
          [3, 'invalid_enum'],
        ],
      ],
    );
    const mr = await ch('SELECT route, method, status, duration_ms, instance FROM request_metrics WHERE service = {s:String} ORDER BY status', { s: service });
    assert.deepEqual(
      mr.map((r) => [r.route, r.method, Number(r.status), Number(r.duration_ms), r.instance]),
      [
        ['/v1/feed', 'GET', 200, 12.5, 'api-1'],
        ['/v1/videos/:id', 'POST', 503, 812, ''],
      ],
    );

    // Timestamps with an offset land at the same UTC instant.
    const kolkata = new Date(t + 5.5 * 3600_000).toISOString().replace('Z', '+05:30');
    const offset = ad({ ts: kolkata.replace(/\.\d{3}/, '.250') });
    await ok(await post('ad-events', lines([offset])));
    const [stamped] = await ch("SELECT formatDateTime(ts, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') AS t FROM ad_events WHERE event_id = {id:UUID}", {
      id: offset.event_id,
    });
    assert.equal(stamped!.t, new Date(t).toISOString().replace(/\.\d{3}Z$/, '.250000Z'));
  });

  test('Idempotency-Key: a retried event batch counts once in the raw table and the rollups, even when the first answer was lost', async () => {
    const video = BASE + 600; // unknown to PostgreSQL: its own rollup rows
    const t = Date.now() - 30_000;
    const body = lines(
      [1, 2, 3].map((i) => ({
        event_id: randomUUID(),
        ts: iso(t + i),
        type: 'view',
        video_id: video,
        creator_id: U1,
        user_id: U3,
        watch_ms: 1000 * i,
        region: 'IN',
        device: 'web',
      })),
    );
    const k = `retry-${randomUUID()}`;
    const first = await post('video-events', body, { 'idempotency-key': k });
    assert.equal(first.headers.get('idempotent-replayed'), 'false');
    const firstBody = await ok(first);
    const again = await post('video-events', body, { 'idempotency-key': k });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await ok(again), firstBody);
    const counts = async () => ({
      raw: Number((await ch('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: video }))[0]!.n),
      views: Number((await ch('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }))[0]!.n),
      watch: Number((await ch('SELECT sum(watch_ms) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }))[0]!.n),
      batches: (await pg("SELECT count(*)::int AS n FROM ingest_batches WHERE stream = 'video-events' AND idempotency_key = $1", [k]))[0].n,
    });
    assert.deepEqual(await counts(), { raw: 3, views: 3, watch: 6000, batches: 1 });
    // The answer was lost after ClickHouse stored the rows (the batch record is gone): the retry
    // finds its own insert token on the three events, inserts the same block with the same token,
    // and ClickHouse drops it in the table and the rollups.
    await pg("DELETE FROM ingest_batches WHERE stream = 'video-events' AND idempotency_key = $1", [k]);
    const third = await post('video-events', body, { 'idempotency-key': k });
    assert.equal(third.headers.get('idempotent-replayed'), 'false');
    assert.deepEqual(await ok(third).then((a) => [a.accepted, a.duplicates]), [3, 0]);
    assert.deepEqual(await counts(), { raw: 3, views: 3, watch: 6000, batches: 1 });
    // Later inserts without a key are not mistaken for duplicates (chDB session settings do not
    // leak); the same event sent again without a key is a duplicate by its event_id.
    const later = lines([
      { event_id: randomUUID(), ts: iso(t), type: 'view', video_id: video, creator_id: U1, user_id: U3, watch_ms: 500, region: 'IN', device: 'web' },
    ]);
    assert.deepEqual(await ok(await post('video-events', later)).then((a) => [a.accepted, a.duplicates]), [1, 0]);
    assert.deepEqual(await ok(await post('video-events', later)).then((a) => [a.accepted, a.duplicates]), [0, 1]);
    assert.deepEqual(await counts(), { raw: 4, views: 4, watch: 6500, batches: 1 });
    // The same key with another body is refused.
    const other = await post('video-events', later, { 'idempotency-key': k });
    assert.equal(other.status, 422);
    assert.equal((await other.json()).error.code, 'idempotency_key_reused');
  });

  test('entities: an older row never overwrites a newer one; a retried batch changes nothing', async () => {
    const id = BASE + 20;
    const newer = user(id, { display_name: 'Newest name', updated_at: iso(T0 + 2000) });
    const r1 = await ok(
      await post(
        'users',
        lines([user(id, { display_name: 'First', updated_at: iso(T0) }), newer, user(id, { display_name: 'Stale in batch', updated_at: iso(T0 + 1000) })]),
      ),
    );
    assert.deepEqual([r1.accepted, r1.unchanged], [3, 2]);
    const r2 = await ok(await post('users', lines([user(id, { display_name: 'Older', region: 'BR', updated_at: iso(T0 + 1000) })])));
    assert.deepEqual([r2.accepted, r2.unchanged], [1, 1]);
    assert.deepEqual(await pg('SELECT display_name, region, updated_at FROM users WHERE id = $1', [id]), [
      { display_name: 'Newest name', region: 'IN', updated_at: new Date(T0 + 2000) },
    ]);
    const r3 = await ok(await post('users', lines([user(id, { display_name: 'Newer still', updated_at: iso(T0 + 3000) })])));
    assert.deepEqual([r3.accepted, r3.unchanged], [1, 0]);
    assert.equal((await pg('SELECT display_name FROM users WHERE id = $1', [id]))[0].display_name, 'Newer still');
    // A username held by another user is a conflict for that line only.
    const r4 = await ok(await post('users', lines([user(BASE + 21, { username: `u${U1}` }), user(BASE + 22)])));
    assert.deepEqual([r4.accepted, r4.errors], [1, [{ line: 1, reason: 'conflict', field: 'username', error: `username "u${U1}" belongs to user ${U1}` }]]);

    const k = `users-${randomUUID()}`;
    const batch = lines([user(BASE + 23, { display_name: 'Keyed' })]);
    const a = await ok(await post('users', batch, { 'idempotency-key': k }));
    await pg('UPDATE users SET display_name = $1 WHERE id = $2', ['Changed since', BASE + 23]);
    const b = await post('users', batch, { 'idempotency-key': k });
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await ok(b), a);
    assert.equal((await pg('SELECT display_name FROM users WHERE id = $1', [BASE + 23]))[0].display_name, 'Changed since');
  });

  test('reports join the open case of their video, open one when none is, and a retry counts once', async () => {
    const video = BASE + 30;
    await ok(await post('videos', lines([{ id: video, creator_id: U1, title: 'Reported', duration_ms: 5000, region: 'IN', updated_at: iso(T0) }])));
    const r0 = Date.now() - 2 * 3600_000;
    const rep = (id: number, over: Record<string, unknown>) => ({
      id: BASE + id,
      video_id: video,
      source: 'user',
      reason: 'spam',
      created_at: iso(r0),
      ...over,
    });
    const k = `reports-${randomUUID()}`;
    const body = lines([
      rep(1, { reporter_id: U2, reason: 'spam' }),
      rep(2, { reporter_id: U3, reason: 'violence', created_at: iso(r0 + 600_000) }),
      rep(3, { reporter_id: null, source: 'automated', reason: 'spam', details: 'Flagged by spam-graph-v2 (score 0.91)', created_at: iso(r0 + 1_200_000) }),
      rep(4, { reporter_id: U2, reason: 'hate', created_at: iso(r0 + 1_800_000) }),
      rep(5, { video_id: BASE + 31, reporter_id: U2 }), // unknown video
      rep(6, { source: 'user' }), // a user report without its reporter
    ]);
    const res = await ok(await post('reports', body, { 'idempotency-key': k }));
    assert.deepEqual(
      [res.accepted, res.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])],
      [
        4,
        [
          [5, 'unknown_reference'],
          [6, 'missing_field'],
        ],
      ],
    );
    const cases = async () =>
      pg(
        'SELECT id::int, status, report_count, distinct_reporters, reasons, first_reported_at, last_reported_at, sla_due_at, priority, priority_parts FROM moderation_cases WHERE video_id = $1 ORDER BY id',
        [video],
      );
    const [cs] = await cases();
    // 4 reports, 2 distinct reporters (U2, U3; the automated one has none), violence makes it urgent.
    const reporters = 15 * Math.log(3);
    const recency = 10 * Math.exp(-(Date.now() - (r0 + 1_800_000)) / 86_400_000);
    assert.deepEqual(
      { ...cs, id: 0, priority: 0, priority_parts: 0 },
      {
        id: 0,
        status: 'open',
        report_count: 4,
        distinct_reporters: 2,
        reasons: ['hate', 'spam', 'violence'],
        first_reported_at: new Date(r0),
        last_reported_at: new Date(r0 + 1_800_000),
        sla_due_at: new Date(r0 + 4 * 3600_000),
        priority: 0,
        priority_parts: 0,
      },
    );
    // The video has no views in ClickHouse: the reach part is 5·ln(1 + 0) = 0.
    assert.deepEqual(cs.priority_parts, { reporters: Math.round(reporters * 100) / 100, severity: 25, recency: Math.round(recency * 100) / 100, reach: 0 });
    assert.ok(Math.abs(cs.priority - (reporters + 25 + recency)) < 0.011, `priority ${cs.priority}`);
    assert.deepEqual(await pg('SELECT count(*)::int AS n, min(case_id)::int AS c, max(case_id)::int AS d FROM content_reports WHERE video_id = $1', [video]), [
      { n: 4, c: cs.id, d: cs.id },
    ]);

    // The retry changes no count.
    const again = await post('reports', body, { 'idempotency-key': k });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const [after1] = await cases();
    assert.equal(after1.report_count, 4);
    // Replayed report ids without the key change nothing either.
    const replay = await ok(await post('reports', lines([rep(1, { reporter_id: U2 })])));
    assert.deepEqual([replay.accepted, replay.unchanged], [1, 1]);
    assert.equal((await cases())[0].report_count, 4);

    // A later report joins the same open case; once the case is resolved, a report opens a new one.
    await ok(await post('reports', lines([rep(7, { reporter_id: U1, reason: 'other', created_at: iso(r0 + 2_400_000) })])));
    assert.deepEqual(
      (await cases()).map((x) => [x.status, x.report_count, x.distinct_reporters]),
      [['open', 5, 3]],
    );
    await pg("UPDATE moderation_cases SET status = 'resolved', resolved_at = now() WHERE video_id = $1", [video]);
    await ok(await post('reports', lines([rep(8, { reporter_id: U3, reason: 'copyright', created_at: iso(r0 + 3_000_000) })])));
    const two = await cases();
    assert.deepEqual(
      two.map((x) => [x.status, x.report_count, x.reasons, x.sla_due_at]),
      [
        ['resolved', 5, ['hate', 'other', 'spam', 'violence'], new Date(r0 + 4 * 3600_000)],
        ['open', 1, ['copyright'], new Date(r0 + 3_000_000 + 24 * 3600_000)],
      ],
    );
    assert.equal((await pg('SELECT case_id::int AS c FROM content_reports WHERE id = $1', [BASE + 8]))[0].c, two[1].id);
  });

  test('concurrent report batches for one video share one open case', async () => {
    const video = BASE + 40;
    await ok(await post('videos', lines([{ id: video, creator_id: U1, title: 'Brigaded', duration_ms: 5000, region: 'IN', updated_at: iso(T0) }])));
    const at = iso(Date.now() - 60_000);
    const results = await Promise.all(
      [0, 1, 2, 3].map((b) =>
        post(
          'reports',
          lines(
            [0, 1].map((j) => ({
              id: BASE + 100 + b * 10 + j,
              video_id: video,
              source: 'user',
              reporter_id: [U1, U2, U3][(b + j) % 3],
              reason: 'hate',
              created_at: at,
            })),
          ),
        ),
      ),
    );
    for (const r of results) assert.equal((await ok(r)).accepted, 2);
    assert.deepEqual(await pg('SELECT status, report_count, distinct_reporters FROM moderation_cases WHERE video_id = $1', [video]), [
      { status: 'open', report_count: 8, distinct_reporters: 3 },
    ]);
  });

  test('gzip bodies are accepted; 413 over 16 MiB sent, 64 MiB decompressed or 100,000 lines; 415 on other types', async () => {
    const ev = {
      event_id: randomUUID(),
      ts: iso(Date.now() - 5000),
      type: 'view',
      video_id: V1,
      creator_id: U1,
      user_id: U3,
      watch_ms: 1,
      region: 'IN',
      device: 'web',
    };
    const gz = await ok(await post('video-events', zlib.gzipSync(lines([ev])), { 'content-encoding': 'gzip' }));
    assert.equal(gz.accepted, 1);
    assert.equal(Number((await ch('SELECT count() AS n FROM video_events WHERE event_id = {id:UUID}', { id: ev.event_id }))[0]!.n), 1);

    const big = Buffer.alloc(16 * 1024 * 1024 + 1, 0x20);
    const r1 = await post('video-events', big);
    assert.equal(r1.status, 413);
    assert.equal((await r1.json()).error.code, 'payload_too_large');
    // A gzip body may decompress past 16 MiB (a full 100,000-line batch is ~20 MB), up to 64 MiB.
    const padded = zlib.gzipSync(Buffer.concat([Buffer.from(JSON.stringify({ ...ev, event_id: randomUUID() })), Buffer.alloc(17 * 1024 * 1024, 0x20)]));
    assert.deepEqual(await ok(await post('video-events', padded, { 'content-encoding': 'gzip' })).then((r) => [r.accepted, r.rejected]), [1, 0]);
    // 65 MiB of spaces gzip to ~65 KB: refused on the decompressed size.
    const bomb = zlib.gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < 200_000);
    const r2 = await post('video-events', bomb, { 'content-encoding': 'gzip' });
    assert.equal(r2.status, 413);
    assert.match((await r2.json()).error.message, /once decompressed/);
    const r3 = await post('video-events', '{}\n'.repeat(100_001));
    assert.equal(r3.status, 413);
    assert.match((await r3.json()).error.message, /more than 100000 lines/);
    // Exactly 100,000 lines is allowed (blank lines count as lines, and are skipped).
    const r4 = await ok(await post('video-events', '\n'.repeat(99_999) + JSON.stringify({ ...ev, event_id: randomUUID() })));
    assert.deepEqual([r4.accepted, r4.rejected], [1, 0]);

    const r5 = await post('video-events', JSON.stringify(ev), { 'content-type': 'application/json' });
    assert.equal(r5.status, 415);
    assert.equal((await r5.json()).error.code, 'unsupported_media_type');
    assert.equal((await post('video-events', lines([ev]), { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await post('video-events', lines([ev]), { 'content-encoding': 'zstd' })).status, 415);
    assert.equal((await post('video-events', lines([ev]), { 'content-type': 'application/x-ndjson; charset=latin1' })).status, 415);
    const bad = await post('video-events', Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'bad_encoding');
    assert.equal((await post('comments', lines([ev]))).status, 404);
    assert.equal((await post('video-events', lines([ev]), { 'idempotency-key': 'has space' })).status, 400);
    // The server keeps serving after all of that.
    assert.equal((await c.get('/api/health')).status, 200);
  });

  test('401 without a valid key, 403 without the ingest scope, before the body is read', async () => {
    const body = lines([{ id: 1 }]);
    const anon = await c.get('/api/v1/ingest/users', { method: 'POST', headers: { 'content-type': NDJSON }, body });
    assert.equal(anon.status, 401);
    assert.equal((await anon.json()).error.code, 'unauthorized');
    assert.equal((await post('users', body, { authorization: 'Bearer pk_000000000000_nope' })).status, 401);
    // A session is not an API key.
    assert.equal((await admin.call('POST', '/api/v1/ingest/users', undefined, { 'content-type': NDJSON })).status, 401);
    // 401 comes before 413 and 415: the body is never looked at.
    assert.equal(
      (await c.get('/api/v1/ingest/users', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.alloc(17 * 1024 * 1024, 0x20) })).status,
      401,
    );

    const created = await (await admin.call('POST', '/api/admin/api-keys', { name: 'scopeless', scopes: ['ingest'] })).json();
    await c.stores.pg.handle.pool.query("UPDATE api_keys SET scopes = '{}' WHERE id = $1", [created.id]);
    const noScope = await c.get('/api/v1/ingest/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'text/plain' },
      body,
    });
    assert.equal(noScope.status, 403);
    assert.equal((await noScope.json()).error.code, 'forbidden');
    await c.stores.pg.handle.pool.query("UPDATE api_keys SET scopes = '{ingest}' WHERE id = $1", [created.id]);
    assert.equal((await admin.call('DELETE', `/api/admin/api-keys/${created.id}`)).status, 204);
    const revoked = await c.get('/api/v1/ingest/users', { method: 'POST', headers: { authorization: `Bearer ${created.key}`, 'content-type': NDJSON }, body });
    assert.equal(revoked.status, 401);

    // The OpenAPI document says how to call it.
    const op = (await (await c.get('/api/openapi.json')).json()).paths['/api/v1/ingest/{stream}'].post;
    assert.deepEqual(op.security, [{ apiKey: ['ingest'] }]);
    assert.deepEqual(Object.keys(op.requestBody.content), ['application/x-ndjson']);
  });
});
