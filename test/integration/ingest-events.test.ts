// The ingest API's event streams (issue 4, README#ingest-api) over real HTTP on real stores:
// per-line validation of video events with exact accepted counts and rejected line numbers, every
// valid row read back from ClickHouse with its values, orphans, the batch and its rejections recorded
// in PostgreSQL, truncated samples, ad events and request metrics, and timestamps with an offset.
// Expectations are written out by hand; the entities the tests refer to (users U1-U3, video V1,
// advertiser A1, campaign C1) are seeded by test/support/ingest-fixture.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ingestConsole, ingestIds, iso, lines, ok, seedEntities } from '../support/ingest-fixture.js';

describe(`ingest: event streams on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const ing = ingestConsole();
  const { post, pg, ch } = ing;
  const ids = ingestIds();
  const { BASE, U1, U2, U3, V1, A1, C1 } = ids;

  before(async () => {
    await ing.start();
    await seedEntities(ing, ids);
  });
  after(() => ing.stop());

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
      { id: undefined, lines: 15, accepted: 4, rejected: 10, orphans: 1, api_key_id: ing.keyId, duplicates: 0, transport: 'http' },
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
});
