// The event-dedup acceptance fixture (issue 13): 10,000 video events about 20 known videos, split
// into three overlapping batches of random composition (their union is every event) plus one
// batch repeated as it is, and what the console must answer afterwards, computed here from the
// events themselves: the raw count, the engagement series, trending totals and a video page
// each count every event once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

export const EVENTS = 10_000;
const TYPES = ['view', 'view', 'view', 'like', 'comment', 'share'] as const;

/** mulberry32: a seeded generator, so a failing composition can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface VideoEvent {
  event_id: string;
  ts: string;
  type: (typeof TYPES)[number];
  video_id: number;
  creator_id: number;
  user_id: number;
  watch_ms?: number;
  region: string;
  device: string;
}

export interface DedupFixture {
  seed: number;
  users: Record<string, unknown>[];
  videos: Record<string, unknown>[];
  videoIds: number[];
  events: VideoEvent[];
  /** Three overlapping batches (union = every event; a few lines repeated inside the third), then the first again. */
  batches: VideoEvent[][];
  /** [from, to) on 15-minute boundaries holding every event. */
  window: { from: string; to: string };
}

export function makeFixture(base: number, seed: number, now = Date.now()): DedupFixture {
  const rand = rng(seed);
  const at = new Date(now - 30 * 86_400_000).toISOString();
  const creators = [base + 1, base + 2, base + 3, base + 4];
  const users = creators.map((id) => ({ id, username: `c${id}`, email: `c${id}@dedup.test`, role: 'creator', region: 'IN', updated_at: at }));
  const videoIds = Array.from({ length: 20 }, (_, i) => base + 1 + i);
  const creatorOf = (v: number) => creators[(v - base) % creators.length]!;
  const videos = videoIds.map((id) => ({ id, creator_id: creatorOf(id), title: `Dedup ${id}`, duration_ms: 60_000, region: 'IN', updated_at: at }));
  // Events over the 6 hours before the last whole quarter hour.
  const end = Math.floor(now / 900_000) * 900_000 - 1;
  const start = end - 6 * 3_600_000;
  const events: VideoEvent[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const video = videoIds[Math.floor(rand() * videoIds.length)]!;
    const type = TYPES[Math.floor(rand() * TYPES.length)]!;
    const e: VideoEvent = {
      event_id: randomUUID(),
      ts: new Date(start + Math.floor(rand() * (end - start))).toISOString(),
      type,
      video_id: video,
      creator_id: creatorOf(video),
      user_id: 1 + Math.floor(rand() * 5000),
      region: ['IN', 'US', 'BR'][Math.floor(rand() * 3)]!,
      device: ['ios', 'android', 'web'][Math.floor(rand() * 3)]!,
    };
    if (type === 'view') e.watch_ms = 1000 + Math.floor(rand() * 50_000);
    events.push(e);
  }
  // Each event lands in one or more of three batches (at least one): random composition, overlap.
  const batches: VideoEvent[][] = [[], [], []];
  for (const e of events) {
    const mask = 1 + Math.floor(rand() * 7);
    for (let b = 0; b < 3; b++) if (mask & (1 << b)) batches[b]!.push(e);
  }
  // A few lines repeated inside the third batch, and the batches shuffled.
  batches[2]!.push(...batches[2]!.slice(0, 25));
  for (const b of batches) {
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [b[i], b[j]] = [b[j]!, b[i]!];
    }
  }
  batches.push(batches[0]!.slice());
  return {
    seed,
    users,
    videos,
    videoIds,
    events,
    batches,
    window: { from: new Date(start - (start % 900_000)).toISOString(), to: new Date(end + 1).toISOString() },
  };
}

export const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

interface Counts {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  watchMs: number;
}
const zero = (): Counts => ({ views: 0, likes: 0, comments: 0, shares: 0, watchMs: 0 });
function add(c: Counts, e: VideoEvent) {
  if (e.type === 'view') {
    c.views++;
    c.watchMs += e.watch_ms ?? 0;
  } else if (e.type === 'like') c.likes++;
  else if (e.type === 'comment') c.comments++;
  else if (e.type === 'share') c.shares++;
}

/** What each event counted once makes: per video, per UTC hour, in all. */
export function expected(f: DedupFixture) {
  const total = zero();
  const perVideo = new Map<number, Counts>();
  const perHour = new Map<number, Counts>();
  for (const e of f.events) {
    add(total, e);
    if (!perVideo.has(e.video_id)) perVideo.set(e.video_id, zero());
    add(perVideo.get(e.video_id)!, e);
    const h = Math.floor(Date.parse(e.ts) / 3_600_000) * 3_600_000;
    if (!perHour.has(h)) perHour.set(h, zero());
    add(perHour.get(h)!, e);
  }
  return { total, perVideo, perHour };
}

/**
 * Checks the dashboards of a console holding exactly the fixture's events: the engagement series
 * (per hour and in all), trending totals per video and one video page. `get` is a signed-in GET
 * answering JSON.
 */
export async function checkDashboards(f: DedupFixture, get: (pathname: string) => Promise<any>): Promise<void> {
  const want = expected(f);
  const q = `from=${f.window.from}&to=${f.window.to}&tz=UTC`;
  const eng = await get(`/api/metrics/engagement?${q}&interval=hour`);
  const sum = (rows: Record<string, unknown>[], k: string) => rows.reduce((n, r) => n + Number(r[k] ?? 0), 0);
  assert.deepEqual(
    ['views', 'likes', 'comments', 'shares'].map((k) => sum(eng.series, k)),
    [want.total.views, want.total.likes, want.total.comments, want.total.shares],
    `engagement totals (seed ${f.seed})`,
  );
  const hourViews = eng.series
    .map((r: { views: number }) => Number(r.views))
    .filter((v: number) => v > 0)
    .sort((a: number, b: number) => a - b);
  const wantHourViews = [...want.perHour.values()]
    .map((c) => c.views)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  assert.deepEqual(hourViews, wantHourViews, `engagement views per hour (seed ${f.seed})`);

  const trending = await get(`/api/metrics/trending-videos?${q}&limit=100`);
  const got = new Map<number, number[]>(
    trending.rows
      .filter((r: { videoId: number }) => f.videoIds.includes(r.videoId))
      .map((r: { videoId: number; views: number; likes: number; comments: number; shares: number }) => [r.videoId, [r.views, r.likes, r.comments, r.shares]]),
  );
  for (const [video, c] of want.perVideo)
    assert.deepEqual(got.get(video), [c.views, c.likes, c.comments, c.shares], `trending totals of video ${video} (seed ${f.seed})`);

  const video = f.videoIds[0]!;
  const page = await get(`/api/metrics/videos/${video}?${q}&interval=hour`);
  const c = want.perVideo.get(video)!;
  assert.deepEqual(
    [page.totals.views, page.totals.likes, page.totals.comments, page.totals.shares],
    [c.views, c.likes, c.comments, c.shares],
    `video page ${video} (seed ${f.seed})`,
  );
}
