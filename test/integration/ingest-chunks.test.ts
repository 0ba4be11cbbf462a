// A video-events batch read and checked a range of lines at a time (INGEST_CHUNK_LINES, here 100):
// each range's ids are checked while the next range is read, and the fresh rows of every range go
// to ClickHouse as one insert under the batch's token (docs/ingest-dedup.md, "One insert per
// batch"). Duplicates that straddle ranges count once, the answer's rejections and counts are a
// whole batch's, and a retry of a multi-range batch whose insert failed (before it, or with the raw
// part written and a rollup's not) stores each event once.
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
    const ch = c.stores.ch;
    const insertBatch = ch.insertBatch.bind(ch);
    let inserts = 0;
    ch.insertBatch = (async (table: string, rows: readonly object[], opts?: Parameters<typeof insertBatch>[2]) => {
      if (table === 'video_events') inserts++;
      return insertBatch(table, rows, opts);
    }) as typeof ch.insertBatch;
    let a: { accepted: number; duplicates: number; rejected: number; orphans: number; errors: { line: number; reason: string }[] };
    try {
      a = await ok(await post('video-events', lines.join('\n')));
    } finally {
      ch.insertBatch = insertBatch;
    }
    // Four ranges read and checked, one insert.
    assert.equal(inserts, 1);
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

  test('ad events over three ranges: each campaign looked up once and its answer kept, conflicts and orphans in every range', async () => {
    const advertiser = BASE + 1;
    const campaign = BASE + 1;
    const at = new Date(Date.now() - 86_400_000).toISOString();
    assert.equal(
      (await ok(await post('advertisers', ndjson([{ id: advertiser, name: 'Chunks ads', timezone: 'UTC', currency: 'USD', updated_at: at }])))).accepted,
      1,
    );
    const camp = {
      id: campaign,
      advertiser_id: advertiser,
      name: 'Chunks campaign',
      objective: 'video_views',
      status: 'active',
      budget_micros: 1_000_000_000,
      bid_micros: 1_000_000,
      start_date: '2026-01-01',
      end_date: '2027-12-31',
      updated_at: at,
    };
    assert.equal((await ok(await post('campaigns', ndjson([camp])))).accepted, 1);
    // 250 lines: the known campaign in every range, an unknown one (an orphan), and in each range a
    // line naming another advertiser for the known campaign (a conflict), answered from the first
    // range's look-up in the later ones.
    const unknown = campaign + 77;
    const lines = Array.from({ length: 250 }, (_, i) => ({
      event_id: randomUUID(),
      ts: new Date(Date.now() - 3_600_000 + i).toISOString(),
      type: 'impression',
      advertiser_id: i % 100 === 42 ? advertiser + 5 : advertiser,
      campaign_id: i % 10 === 3 ? unknown : campaign,
      user_id: i,
      region: 'IN',
      device: 'web',
    }));
    const pg = c.stores.pg;
    const rows = pg.rows.bind(pg);
    const asked: number[][] = [];
    pg.rows = (async (h: { name: string }, params: { ids?: number[] }) => {
      if (h.name === 'ingest/known_campaigns') asked.push([...params.ids!]);
      return rows(h as never, params as never);
    }) as typeof pg.rows;
    let a: { accepted: number; orphans: number; errors: { line: number; reason: string }[] };
    try {
      a = await ok(await post('ad-events', ndjson(lines)));
    } finally {
      pg.rows = rows;
    }
    const conflicts = [43, 143, 243];
    assert.deepEqual(
      a.errors.map((e) => [e.line, e.reason]),
      conflicts.map((l) => [l, 'conflict']),
    );
    assert.deepEqual([a.accepted, a.orphans], [247, 25]);
    // The first range asks for both campaigns; the later ones name no new campaign.
    assert.deepEqual(
      asked.map((ids) => ids.sort((x, y) => x - y)),
      [[campaign, unknown]],
    );
    const n = await c.stores.ch.handle.client.query({
      query: 'SELECT count() AS n, sum(orphan) AS o FROM ad_events WHERE advertiser_id = {a:UInt64}',
      query_params: { a: advertiser },
      format: 'JSONEachRow',
    });
    const [stored] = (await n.json()) as { n: string; o: string }[];
    assert.deepEqual([Number(stored!.n), Number(stored!.o)], [247, 25]);
  });

  for (const failure of ['before its insert', 'after the raw part, before the rollup'] as const) {
    test(`a retry of a multi-range batch whose insert failed (${failure}) stores each event once`, async () => {
      const video = failure === 'before its insert' ? BASE + 11 : BASE + 12;
      // 250 lines (three ranges), ids repeated across the first two.
      const events = Array.from({ length: 250 }, (_, i) => event(video, i));
      for (let i = 120; i < 130; i++) events[i] = events[i - 110]!;
      const unique = new Set(events.map((e) => e.event_id)).size;
      const body = ndjson(events);
      const ch = c.stores.ch;
      const insertBatch = ch.insertBatch.bind(ch);
      let calls = 0;
      ch.insertBatch = (async (table: string, rows: readonly object[], opts?: Parameters<typeof insertBatch>[2]) => {
        if (table === 'video_events' && ++calls === 1) {
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
      // Nothing landed, or the raw part alone (every event once).
      assert.equal(await raw(video), failure === 'before its insert' ? 0 : unique);
      assert.equal(await rolled(video), 0);
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
