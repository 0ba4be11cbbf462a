// Trending by day lists (docs/scale.md, "Trending"): the panel's answer equals the ranking worked
// out here from the raw events sent, whether the lists prove it (pruned) or the full grouping
// runs; a late event on a listed day makes that day's list stale, and the video it lifts is shown.
// Fixture: 30 videos over five UTC days, video k (1-based) with about 600 / k² views a day
// (Zipf-like, as a platform's are), sent through ingest with the console's clock on 2026-06-10;
// lists of 3 videos a day, so a day's threshold is its third video's views.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { TrendingLists } from '../../server/features/dashboards/trending.js';

const NOW = new Date('2026-06-10T12:00:00Z');
const DAY = 86_400_000;
const FIRST_DAY = Date.parse('2026-06-04T00:00:00Z');
const VIDEO = (k: number) => 7100 + k;
const CREATOR = 7091;

type Ev = { ts: number; videoId: number };
function makeViews(): Ev[] {
  const out: Ev[] = [];
  for (let d = 0; d < 5; d++)
    for (let k = 1; k <= 30; k++) {
      // A day's views spread over its hours; the day's index shifts the counts a little.
      const n = Math.floor(600 / (k * k)) + ((d + k) % 3);
      for (let i = 0; i < n; i++) out.push({ ts: FIRST_DAY + d * DAY + Math.floor(((i + 0.5) * DAY) / n), videoId: VIDEO(k) });
    }
  return out;
}
const EVENTS = makeViews();

/** The panel's ranking from raw views: views in [from, to), descending, ties by id. */
function expected(events: Ev[], from: number, to: number, limit: number) {
  const by = new Map<number, number>();
  for (const e of events) if (e.ts >= from && e.ts < to) by.set(e.videoId, (by.get(e.videoId) ?? 0) + 1);
  return [...by]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([videoId, views]) => ({ videoId, views }));
}

describe('trending by day lists', () => {
  let c: TestConsole;
  let analyst: TestSession;
  let key: string;
  const sent: Ev[] = [];
  const send = async (events: Ev[]) => {
    const res = await c.get('/api/v1/ingest/video-events', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${events
        .map((e) =>
          JSON.stringify({
            event_id: randomUUID(),
            ts: new Date(e.ts).toISOString(),
            type: 'view',
            video_id: e.videoId,
            creator_id: CREATOR,
            user_id: 0,
            watch_ms: 1000,
            region: 'US',
            device: 'web',
          }),
        )
        .join('\n')}\n`,
    });
    const body = (await res.json()) as { accepted: number };
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.accepted, events.length);
    sent.push(...events);
  };
  // Lists are made at once here (the console waits for a day to be quiet for a minute).
  const lists = (listSize: number) => new TrendingLists(c.stores, { listSize, queryTimeoutMs: 15_000, quietMs: 0 });
  const window = (from: string, to: string) => [{ from: new Date(from), to: new Date(to) }];
  const pick = (rows: { videoId: number | string; views: number | string }[]) => rows.map((r) => ({ videoId: Number(r.videoId), views: Number(r.views) }));

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv, TRENDING_DAY_LIST: '3' }, { now: () => NOW });
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const keyRes = await admin.call('POST', '/api/admin/api-keys', { name: 'trending lists', scopes: ['ingest'] });
    key = ((await keyRes.json()) as { key: string }).key;
    await send(EVENTS);
    const res = await admin.call('POST', '/api/admin/accounts', {
      email: 'analyst@trend.test',
      password: 'trend-password-long',
      role: 'analyst',
      timezone: 'UTC',
    });
    assert.equal(res.status, 201, await res.text());
    analyst = await login(c, 'analyst@trend.test', 'trend-password-long');
  });
  after(async () => c?.stop());

  test('a window from 09:15 Kathmandu (03:30Z) over three days and a half: the lists prove the top 2', async () => {
    const from = '2026-06-05T03:30:00Z';
    const to = '2026-06-08T18:15:00Z';
    const got = await lists(3).rank(window(from, to), 2);
    const want = expected(sent, Date.parse(from), Date.parse(to), 2);
    // By hand: video 1 has 600 + (d+1)%3 views a day, video 2 has 150 + (d+2)%3; both lead by far.
    assert.deepEqual(
      want.map((w) => w.videoId),
      [VIDEO(1), VIDEO(2)],
    );
    assert.deepEqual(pick(got.rows), want);
    assert.equal(got.pruned, true, 'proven from the lists');
    // Candidates: the lists of the four days touched (videos 1–3 on each) and no other.
    assert.equal(got.candidates, 3);
  });

  test('the same window through the API answers the same', async () => {
    const from = '2026-06-05T03:30:00Z';
    const to = '2026-06-08T18:15:00Z';
    const res = await analyst.call('GET', `/api/metrics/trending-videos?from=${from}&to=${to}&tz=Asia%2FKathmandu&limit=2`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rows: { videoId: number; views: number }[] };
    assert.deepEqual(
      body.rows.map((r) => ({ videoId: r.videoId, views: r.views })),
      expected(sent, Date.parse(from), Date.parse(to), 2),
    );
  });

  test('more rows than the lists can prove: the full grouping answers, the same as by hand', async () => {
    const from = '2026-06-04T00:00:00Z';
    const to = '2026-06-09T00:00:00Z';
    const got = await lists(3).rank(window(from, to), 6);
    assert.equal(got.pruned, false);
    assert.deepEqual(pick(got.rows), expected(sent, Date.parse(from), Date.parse(to), 6));
  });

  test('a window shorter than an hour: too few views for a proof, still exact', async () => {
    const from = '2026-06-06T10:15:00Z';
    const to = '2026-06-06T10:45:00Z';
    const got = await lists(3).rank(window(from, to), 2);
    assert.deepEqual(pick(got.rows), expected(sent, Date.parse(from), Date.parse(to), 2));
  });

  test('a late event on a listed day: the list is stale and the video it lifts is shown', async () => {
    const from = '2026-06-05T00:00:00Z';
    const to = '2026-06-08T00:00:00Z';
    const before = await lists(3).rank(window(from, to), 2);
    assert.equal(before.pruned, true);
    assert.ok(!pick(before.rows).some((r) => r.videoId === VIDEO(20)));
    // Video 20 had 1–3 views a day; 2,000 views at noon on 2026-06-06 put it first.
    await send(Array.from({ length: 2000 }, (_, i) => ({ ts: Date.parse('2026-06-06T12:00:00Z') + i * 10, videoId: VIDEO(20) })));
    const got = await lists(3).rank(window(from, to), 2);
    const want = expected(sent, Date.parse(from), Date.parse(to), 2);
    assert.equal(want[0]!.videoId, VIDEO(20));
    assert.deepEqual(pick(got.rows), want);
    assert.equal(got.pruned, true, 'the day list was made again and proves the answer');
  });

  test('a burst early on a partly covered day: its list overstates the part, and the exact read decides', async () => {
    // Video 25 had 0-2 views a day; 5,000 views at 02:00-02:50Z on 2026-06-07 put it first on that
    // day's list. The window starts at 12:00Z that day, so the burst is outside it.
    await send(Array.from({ length: 5000 }, (_, i) => ({ ts: Date.parse('2026-06-07T02:00:00Z') + i * 600, videoId: VIDEO(25) })));
    const from = '2026-06-07T12:00:00Z';
    const to = '2026-06-09T00:00:00Z';
    const got = await lists(3).rank(window(from, to), 1);
    const want = expected(sent, Date.parse(from), Date.parse(to), 1);
    assert.equal(want[0]!.videoId, VIDEO(1));
    assert.deepEqual(pick(got.rows), want);
    // By hand: lists of 06-07 (videos 25, 1, 2) and 06-08 (1, 2, 3). Video 1's lower bound is its
    // 06-08 views (~600); video 25's upper bound counts its whole 06-07 (~5,000): both are read
    // exactly; video 2 (at most ~150 + ~150) and video 3 are ruled out by the bounds alone.
    assert.equal(got.pruned, true);
    assert.equal(got.read, 2);
    assert.equal(got.candidates, 4);
  });

  test('after a bulk write: prepare makes the lists of the changed days at once, so a day changed seconds ago is ranked from its list', async () => {
    // The console's own lists: a day is listed at first use only once it has been quiet a minute.
    const consoleLists = new TrendingLists(c.stores, { listSize: 3, queryTimeoutMs: 15_000 });
    const days = { from: new Date('2026-06-04T00:00:00Z'), to: new Date('2026-06-09T00:00:00Z') };
    // A list is versioned a second before the engine's clock at its read, so it counts only the
    // writes a second older than that: after a second, every day's list is made valid here...
    const aSecond = () => new Promise((r) => setTimeout(r, 1100));
    await aSecond();
    await consoleLists.prepare(days);
    assert.equal(await consoleLists.prepare(days), 0, '...and none is left to make');
    // 300 more views of video 4 on 2026-06-05: that day changes now, after its list was made above.
    await send(Array.from({ length: 300 }, (_, i) => ({ ts: Date.parse('2026-06-05T06:00:00Z') + i * 1000, videoId: VIDEO(4) })));
    const from = '2026-06-05T00:00:00Z';
    const to = '2026-06-06T00:00:00Z';
    const want = expected(sent, Date.parse(from), Date.parse(to), 1);
    const unlisted = await consoleLists.rank(window(from, to), 1);
    assert.deepEqual(pick(unlisted.rows), want);
    // Seen: the top limit + 1 = 2 rows of the day read in full, no list (a list would add its 3).
    assert.equal(unlisted.candidates, 2, 'the day changed seconds ago: no list, read in full');
    await aSecond();
    assert.equal(await consoleLists.prepare(days), 1, 'only 06-05 changed since');
    const listed = await consoleLists.rank(window(from, to), 1);
    assert.deepEqual(pick(listed.rows), want);
    assert.equal(listed.candidates, 3, "seen: the 3 videos of 06-05's new list, nothing read in full");
    assert.equal(await consoleLists.prepare(days), 0, 'nothing left to make');
  });
});
