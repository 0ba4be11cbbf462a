// A video-events batch stored a range of lines at a time (INGEST_CHUNK_LINES, here 100): each range
// is checked and inserted under a token of its own while the next is read (docs/ingest-dedup.md,
// "Pipelining a batch in chunks"). Duplicates that straddle ranges count once, the answer's
// rejections and counts are a whole batch's, and a retry of a batch that failed in its second
// range (before its insert, or with the raw part written and a rollup's not) stores each event once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { ndjson } from '../support/dedup-fixture.js';

const CHUNK = 100;
const BASE = 9_000_000 + Math.floor(Math.random() * 100_000) * 100;
const CREATOR = BASE + 1;
const OTHER = BASE + 2;

describe(`ingest in ranges of ${CHUNK} lines on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let key: string;

  const post = (stream: string, body: string) =>
    c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body,
    });
  async function ok(res: Response) {
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  }
  async function count(query: string, video: number) {
    const rs = await c.stores.ch.handle.client.query({ query, query_params: { v: video }, format: 'JSONEachRow' });
    return Number(((await rs.json()) as { n: string }[])[0]!.n);
  }
  const raw = (video: number) => count('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', video);
  const rolled = (video: number) => count('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', video);
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const event = (video: number, i: number, id: string = randomUUID()) => ({
    event_id: id,
    ts: new Date(Date.now() - 3_600_000 + i).toISOString(),
    type: 'view',
    video_id: video,
    creator_id: CREATOR,
    user_id: i,
    watch_ms: 1000,
    region: 'IN',
    device: 'web',
  });

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv, INGEST_CHUNK_LINES: String(CHUNK) });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const res = await admin.call('POST', '/api/admin/api-keys', { name: 'chunks test', scopes: ['ingest'] });
    assert.equal(res.status, 201);
    ({ key } = await res.json());
    const users = [CREATOR, OTHER].map((id) => ({ id, username: `u${id}`, email: `u${id}@chunks.test`, role: 'creator', region: 'IN', updated_at: at }));
    assert.equal((await ok(await post('users', ndjson(users)))).accepted, 2);
    const videos = Array.from({ length: 10 }, (_, i) => ({
      id: BASE + 10 + i,
      creator_id: CREATOR,
      title: `Chunks ${i}`,
      duration_ms: 60_000,
      region: 'IN',
      updated_at: at,
    }));
    assert.equal((await ok(await post('videos', ndjson(videos)))).accepted, videos.length);
  });
  after(async () => c?.stop());

  test('duplicates straddling ranges, stored ids, bad lines and conflicts: the answer and the stores of a whole batch', async () => {
    const video = BASE + 10;
    // 40 events stored by an earlier batch.
    const earlier = Array.from({ length: 40 }, (_, i) => event(video, i));
    assert.equal((await ok(await post('video-events', ndjson(earlier)))).accepted, 40);
    // 350 lines (ranges 1-100, 101-200, 201-300, 301-350): fresh events, repeats of earlier lines of
    // this batch in later ranges, the earlier batch's events, a malformed line and a conflict.
    const lines: string[] = [];
    const good: (ReturnType<typeof event> | undefined)[] = [];
    const kinds: { id?: string; bad?: 'malformed' | 'conflict' }[] = [];
    for (let i = 0; i < 350; i++) {
      let e: ReturnType<typeof event>;
      if (i % 50 === 7) {
        lines.push('{"event_id": nope');
        good.push(undefined);
        kinds.push({ bad: 'malformed' });
        continue;
      } else if (i % 50 === 9) {
        e = { ...event(video, 1000 + i), creator_id: OTHER };
        lines.push(JSON.stringify(e));
        good.push(undefined);
        kinds.push({ bad: 'conflict' });
        continue;
      } else if (i >= 100 && i % 10 === 3) {
        // A line of the range before (a valid one).
        let j = i - 100 + (i % 7);
        while (!good[j]) j++;
        e = good[j]!;
      } else if (i % 25 === 11) e = earlier[i % 40]!;
      else e = event(video, 1000 + i);
      lines.push(JSON.stringify(e));
      good.push(e);
      kinds.push({ id: e.event_id });
    }
    // What a whole batch must answer, from the lines: the first line with an id wins.
    const stored = new Set(earlier.map((e) => e.event_id));
    const seen = new Set<string>();
    let accepted = 0;
    let duplicates = 0;
    for (const k of kinds) {
      if (!k.id) continue;
      if (stored.has(k.id) || seen.has(k.id)) duplicates++;
      else accepted++;
      seen.add(k.id);
    }
    const straddling = kinds.filter((k, i) => k.id && i >= CHUNK && kinds.findIndex((o) => o.id === k.id) < Math.floor(i / CHUNK) * CHUNK).length;
    assert.ok(straddling >= 20, `the fixture repeats ${straddling} ids across ranges`);
    const a = await ok(await post('video-events', lines.join('\n')));
    const bad = kinds.flatMap((k, i) => (k.bad ? [{ line: i + 1, reason: k.bad === 'malformed' ? 'malformed_json' : 'conflict' }] : []));
    assert.deepEqual([a.accepted, a.duplicates, a.rejected, a.orphans], [accepted, duplicates, bad.length, 0]);
    assert.deepEqual(
      a.errors.map((e: { line: number; reason: string }) => ({ line: e.line, reason: e.reason })),
      bad,
    );
    assert.equal(await raw(video), 40 + accepted);
    assert.equal(await rolled(video), 40 + accepted);
    // The same body again: every valid line a duplicate, nothing stored.
    const again = await ok(await post('video-events', lines.join('\n')));
    assert.deepEqual([again.accepted, again.duplicates], [0, accepted + duplicates]);
    assert.equal(await raw(video), 40 + accepted);
  });

  for (const failure of ['before its insert', 'after the raw part, before the rollup'] as const) {
    test(`a retry of a batch that failed in its second range (${failure}) stores each event once`, async () => {
      const video = failure === 'before its insert' ? BASE + 11 : BASE + 12;
      // 250 lines, ids repeated across the first two ranges.
      const events = Array.from({ length: 250 }, (_, i) => event(video, i));
      for (let i = 120; i < 130; i++) events[i] = events[i - 110]!;
      const unique = new Set(events.map((e) => e.event_id)).size;
      const body = ndjson(events);
      const ch = c.stores.ch;
      const insertBatch = ch.insertBatch.bind(ch);
      let calls = 0;
      ch.insertBatch = (async (table: string, rows: readonly object[], opts?: Parameters<typeof insertBatch>[2]) => {
        if (table === 'video_events' && ++calls === 2) {
          if (failure === 'before its insert') throw new Error('injected: the engine failed');
          await ch.handle.client.command({ query: 'DETACH TABLE video_stats_15m_mv' });
          try {
            await insertBatch(table, rows, opts);
          } finally {
            await ch.handle.client.command({ query: 'ATTACH TABLE video_stats_15m_mv' });
          }
          throw new Error('injected: the console died after the raw part');
        }
        return insertBatch(table, rows, opts);
      }) as typeof ch.insertBatch;
      let res: Response;
      try {
        res = await post('video-events', body);
      } finally {
        ch.insertBatch = insertBatch;
      }
      assert.notEqual(res.status, 200, await res.text());
      // The first range landed; the second did (raw only) or did not.
      const landed = failure === 'before its insert' ? CHUNK : 2 * CHUNK - 10;
      assert.equal(await raw(video), landed);
      assert.equal(await rolled(video), CHUNK);
      const retry = await ok(await post('video-events', body));
      assert.deepEqual([retry.accepted, retry.duplicates, retry.rejected], [unique, events.length - unique, 0]);
      assert.equal(await raw(video), unique);
      assert.equal(await rolled(video), unique);
      const again = await ok(await post('video-events', body));
      assert.deepEqual([again.accepted, again.duplicates], [0, events.length]);
      assert.equal(await raw(video), unique);
      assert.equal(await rolled(video), unique);
    });
  }
});
