// Event lines of both readers (event-scan.ts: plain lines go to ClickHouse as their own text; the
// others through JSON.parse, the fast check or zod, then JSON.stringify) over real HTTP on real
// stores, in one batch: every row read back whole, the console's own columns included
// (video_duration_ms, orphan, ingest_token), and counted once in the rollup. Expectations are
// written out by hand from the lines below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';

const BASE = 9_000_000 + Math.floor(Math.random() * 100_000) * 100;
const iso = (ms: number) => new Date(ms).toISOString();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe(`event lines of both readers on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let key: string;
  const post = (stream: string, body: string) =>
    c.get(`/api/v1/ingest/${stream}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, body });
  async function ok(res: Response) {
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  }
  async function ch(sql: string, params: Record<string, unknown> = {}) {
    const rs = await c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as Record<string, unknown>[];
  }

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const res = await admin.call('POST', '/api/admin/api-keys', { name: 'lines test', scopes: ['ingest'] });
    assert.equal(res.status, 201);
    ({ key } = await res.json());
    const at = iso(Date.now() - 86_400_000);
    const user = { id: BASE + 1, username: `l${BASE}`, email: `l${BASE}@example.com`, role: 'creator', region: 'US', updated_at: at };
    assert.equal((await ok(await post('users', JSON.stringify(user)))).accepted, 1);
    const video = { id: BASE + 1, creator_id: BASE + 1, title: 'Lines', duration_ms: 45_000, region: 'US', updated_at: at };
    assert.equal((await ok(await post('videos', JSON.stringify(video)))).accepted, 1);
  });
  after(async () => c?.stop());

  test('video events: plain lines and lines JSON.parse reads are stored alike, with the console columns', async () => {
    const t = iso(Date.now() - 60_000);
    const V = BASE + 1;
    const U = BASE + 1;
    const id = Array.from({ length: 8 }, () => randomUUID());
    const body = [
      // 1 plain, no watch_ms (0)
      `{"event_id":"${id[0]}","ts":"${t}","type":"like","video_id":${V},"creator_id":${U},"user_id":3,"region":"US","device":"ios"}`,
      // 2 plain, spaced and reordered, upper-case id, an orphan video
      ` { "device" : "web", "watch_ms":1500, "region":"BR","user_id":4,"creator_id":${U},"video_id":${V + 7},"type":"view","ts":"${t}","event_id":"${id[1]!.toUpperCase()}" } `,
      // 3 an unknown field (dropped by the schema)
      `{"event_id":"${id[2]}","ts":"${t}","type":"view","video_id":${V},"creator_id":${U},"user_id":5,"watch_ms":2000,"region":"US","device":"tv","extra":"x"}`,
      // 4 an escape in a string
      `{"event_id":"${id[3]}","ts":"${t}","type":"view","video_id":${V},"creator_id":${U},"user_id":6,"watch_ms":2500,"region":"US","device":"t\\u00e9l\\u00e9"}`,
      // 5 a field twice (JSON.parse keeps the last: watch_ms 3000)
      `{"event_id":"${id[4]}","ts":"${t}","type":"view","video_id":${V},"creator_id":${U},"user_id":7,"watch_ms":1,"watch_ms":3000,"region":"US","device":"ios"}`,
      // 6 integers written as 7.0 and 3e3
      `{"event_id":"${id[5]}","ts":"${t}","type":"view","video_id":${V},"creator_id":${U},"user_id":7.0,"watch_ms":3e3,"region":"US","device":"ios"}`,
      // 7 a device with a surrogate pair (zod decides)
      `{"event_id":"${id[6]}","ts":"${t}","type":"share","video_id":${V},"creator_id":${U},"user_id":8,"region":"US","device":"i\ud83d\ude00"}`,
      // 8 plain, the same id as line 1 (a duplicate)
      `{"event_id":"${id[0]}","ts":"${t}","type":"view","video_id":${V},"creator_id":${U},"user_id":9,"region":"US","device":"ios"}`,
    ].join('\n');
    const a = await ok(await post('video-events', body));
    assert.deepEqual([a.accepted, a.rejected, a.orphans, a.duplicates], [7, 0, 1, 1]);
    const token = `ingest-${sha256(`video-events\n\n${sha256(body)}`)}`;
    const rows = await ch(
      `SELECT toString(event_id) AS id, formatDateTime(ts, '%Y-%m-%dT%H:%i:%S.%fZ', 'UTC') AS t, toString(type) AS type, video_id, creator_id, user_id,
              watch_ms, region, device, video_duration_ms, orphan, ingest_token FROM video_events WHERE event_id IN {ids:Array(UUID)} ORDER BY user_id`,
      { ids: id },
    );
    const t6 = t.replace(/Z$/, '000Z');
    assert.deepEqual(
      rows.map((r) => [r.id, r.t, r.type, Number(r.video_id), Number(r.creator_id), Number(r.user_id), Number(r.watch_ms), r.region, r.device]),
      [
        [id[0], t6, 'like', V, U, 3, 0, 'US', 'ios'],
        [id[1], t6, 'view', V + 7, U, 4, 1500, 'BR', 'web'],
        [id[2], t6, 'view', V, U, 5, 2000, 'US', 'tv'],
        [id[3], t6, 'view', V, U, 6, 2500, 'US', 'télé'],
        [id[4], t6, 'view', V, U, 7, 3000, 'US', 'ios'],
        [id[5], t6, 'view', V, U, 7, 3000, 'US', 'ios'],
        [id[6], t6, 'share', V, U, 8, 0, 'US', 'i\ud83d\ude00'],
      ],
    );
    assert.deepEqual(
      rows.map((r) => [Number(r.video_duration_ms), Number(r.orphan), r.ingest_token]),
      [[45_000, 0, token], [0, 1, token], ...Array.from({ length: 5 }, () => [45_000, 0, token])],
    );
    // The rollup counts each once: four views of this video (lines 3-6; line 2 is another video), 2,000 + 2,500 + 3,000 + 3,000 ms.
    const [stats] = await ch('SELECT sum(views) AS views, sum(watch_ms) AS watch FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: V });
    assert.deepEqual([Number(stats!.views), Number(stats!.watch)], [4, 10_500]);
    // The same body again: every line a duplicate.
    const again = await ok(await post('video-events', body));
    assert.deepEqual([again.accepted, again.duplicates], [0, 8]);
  });

  test('ad events: plain lines with optional fields left out, and a line JSON.parse reads (campaign unknown: orphans)', async () => {
    const t = iso(Date.now() - 60_000);
    const id = [randomUUID(), randomUUID(), randomUUID()];
    const A = BASE + 1;
    const body = [
      `{"event_id":"${id[0]}","ts":"${t}","type":"impression","advertiser_id":${A},"campaign_id":${BASE + 50},"user_id":1,"region":"US","device":"ios"}`,
      `{"event_id":"${id[1]}","ts":"${t}","type":"conversion","advertiser_id":${A},"campaign_id":${BASE + 50},"user_id":2,"cost_micros":10,"conversion_value_micros":990000,"play_ms":4,"region":"US","device":"ios"}`,
      `{"event_id":"${id[2]}","ts":"${t}","type":"click","advertiser_id":${A},"campaign_id":${BASE + 50},"user_id":3,"cost_micros":2.5e3,"region":"US","device":"ios","note":1}`,
    ].join('\n');
    const a = await ok(await post('ad-events', body));
    assert.deepEqual([a.accepted, a.rejected, a.orphans, a.duplicates], [3, 0, 3, 0]);
    const token = `ingest-${sha256(`ad-events\n\n${sha256(body)}`)}`;
    const rows = await ch(
      `SELECT toString(event_id) AS id, toString(type) AS type, user_id, cost_micros, conversion_value_micros, play_ms, orphan, ingest_token
       FROM ad_events WHERE event_id IN {ids:Array(UUID)} ORDER BY user_id`,
      { ids: id },
    );
    assert.deepEqual(
      rows.map((r) => [
        r.id,
        r.type,
        Number(r.user_id),
        Number(r.cost_micros),
        Number(r.conversion_value_micros),
        Number(r.play_ms),
        Number(r.orphan),
        r.ingest_token,
      ]),
      [
        [id[0], 'impression', 1, 0, 0, 0, 1, token],
        [id[1], 'conversion', 2, 10, 990_000, 4, 1, token],
        [id[2], 'click', 3, 2500, 0, 0, 1, token],
      ],
    );
  });
});
