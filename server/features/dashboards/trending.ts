// Trending videos without grouping every video of the window (docs/scale.md, "Trending").
//
// The panel ranks videos by views in [from, to). Grouping every video active in a 7-day window
// of the large demo (~800k a day) takes about a second; almost all of them have a few views.
// Each past UTC day keeps a list of its top N videos with their views and θ_d, the views of the
// list's last entry (a video on no list had at most θ_d views on d). The window's parts on days
// without a valid list (today, days changed since their list) are grouped in full, two columns.
// From these alone (trending-bounds.ts) every video gets a lower and an upper bound on its views
// in the window; the few whose upper bound reaches the `limit`-th lower bound are read exactly,
// from a tier sorted by video (only their rows), and their top `limit` is the answer when it beats
// every bound left outside. Otherwise (a flat window, `limit` near the list size) the full
// grouping runs: slower, never wrong.
import type { Stores } from '../../db/index.js';
import { ChStore } from '../../db/stores.js';
import { num } from './dashboards.shapes.js';
import { changePct, engagementRate, ratio } from '../../metrics/registry.js';
import { allowedMediaUrl } from '../../http/media.js';
import {
  chTrendingVideos,
  chTrendingRows,
  chTrendingDayState,
  chTrendingDayTop,
  chTrendingDayListInsert,
  chTrendingDayMetaInsert,
  chTrendingDayCandidates,
  chTrendingWindowTop,
} from './dashboards.queries.js';
import { decide, type ListedDay } from './trending-bounds.js';
import { DAY_MS, QUARTER_MS, decompose, tierMasks } from './tiers.js';

export interface TrendingOptions {
  /** Videos kept per day list (TRENDING_DAY_LIST). */
  listSize: number;
  queryTimeoutMs: number;
  /** A list is made only for a day unchanged this long (default QUIET_MS). */
  quietMs?: number;
}

type Range = { from: Date; to: Date };

/**
 * A day is listed once it has not changed for a minute: a day that changes all the time (today,
 * on a live platform) is read in full instead of having its list made again at every request.
 */
const QUIET_MS = 60_000;

/** Beyond this many videos to read exactly, the full grouping is cheaper than their rows. */
const MAX_EXACT = 20_000;

/** Day lists kept in memory (listRows): up to 1,000 rows each (TRENDING_DAY_LIST), a few hundred kB. */
const KEPT_DAYS = 64;

const utcMs = (day: string) => Date.parse(`${day.replace(' ', 'T')}Z`);

type ListRow = { day: number; videoId: number; views: number };

export class TrendingLists {
  /** Lists being made, by day: concurrent requests wait for the same one. */
  private readonly making = new Map<number, Promise<{ atMs: number; threshold: number }>>();
  /** Lists read, by day, with their version (listRows): most recently used last. */
  private readonly kept = new Map<number, { atMs: number; rows: ListRow[] }>();

  constructor(
    private readonly stores: Stores,
    private readonly opts: TrendingOptions,
  ) {}

  private get bounded() {
    return ChStore.bounded(this.opts.queryTimeoutMs);
  }

  /**
   * The top `limit` videos of ranges[0] by views (ties by id) with their figures over every
   * range (chTrendingVideos' masks), and how the answer was found: `pruned` when the bounds
   * proved it from the `read` videos read exactly, out of `candidates` seen on the lists.
   */
  async rank(ranges: Range[], limit: number) {
    const window = ranges[0]!;
    const listed = await this.listedDays(window);
    const full = fullPieces(
      window,
      listed.map((d) => d.day),
    );
    const ch = this.stores.ch;
    const topAsked = limit + 1;
    const [onLists, top] = await Promise.all([this.listRows(listed), full ? ch.rows(chTrendingWindowTop, { ...full, limit: topAsked }, this.bounded) : []]);
    const decision = decide(
      { from: window.from.getTime(), to: window.to.getTime() },
      listed,
      onLists,
      top.map((r) => ({ videoId: Number(r.videoId), views: num(r.views) })),
      topAsked,
      limit,
    );
    const candidates = decision?.candidates ?? 0;
    if (decision && decision.ids.length <= MAX_EXACT) {
      const rows = await ch.rows(chTrendingRows, { ...rangeSpans(ranges), ids: decision.ids, limit }, this.bounded);
      const last = rows[limit - 1];
      if (rows.length === limit && last && num(last.views) > decision.bound) return { rows, pruned: true, candidates, read: decision.ids.length };
    }
    const rows = await ch.rows(chTrendingVideos, { ...tierMasks(ranges), limit }, this.bounded);
    return { rows, pruned: false, candidates, read: 0 };
  }

  /**
   * The rows of the lists given (each day's list of that version or newer: chTrendingDayCandidates),
   * read once per day and version: a list's rows never change under its version (a day that
   * changes gets a new list, a new version, a new key), so the same list read again by the next
   * request is the rows kept here. Only the days not kept are read.
   */
  private async listRows(listed: (ListedDay & { atMs: number })[]) {
    const missing = listed.filter((d) => this.kept.get(d.day)?.atMs !== d.atMs);
    if (missing.length) {
      const rows = await this.stores.ch.rows(
        chTrendingDayCandidates,
        { days: missing.map((d) => new Date(d.day)), versions_ms: missing.map((d) => d.atMs) },
        this.bounded,
      );
      const byDay = new Map(missing.map((d) => [d.day, [] as ListRow[]]));
      for (const r of rows) {
        const day = utcMs(r.day);
        byDay.get(day)?.push({ day, videoId: Number(r.videoId), views: num(r.views) });
      }
      for (const d of missing) this.keep(d.day, d.atMs, byDay.get(d.day)!);
    }
    return listed.flatMap((d) => this.kept.get(d.day)?.rows ?? []);
  }

  private keep(day: number, atMs: number, rows: ListRow[]) {
    this.kept.delete(day);
    this.kept.set(day, { atMs, rows });
    while (this.kept.size > KEPT_DAYS) this.kept.delete(this.kept.keys().next().value!);
  }

  /** The UTC days of the window that have a valid list (made now if missing), each with its version and θ. */
  private async listedDays(window: Range): Promise<(ListedDay & { atMs: number })[]> {
    const days = utcDays(window);
    const { lists, changes, engineNow } = await this.dayState(days);
    const quietSince = engineNow - (this.opts.quietMs ?? QUIET_MS);
    const out: (ListedDay & { atMs: number })[] = [];
    await Promise.all(
      days.map(async (day) => {
        const changed = changes.get(day);
        // A day with no recorded change is read in full (its rollup rows, if any, predate the record).
        if (changed === undefined) return;
        let list = lists.get(day);
        if (!list || list.atMs <= changed) {
          if (changed > quietSince) return;
          // Versioned a second before the engine's now (read before the list's read starts), so
          // a change during the read makes the list stale.
          list = await this.make(day, engineNow - 1000);
        }
        out.push({ day, atMs: list.atMs, threshold: list.threshold });
      }),
    );
    return out.sort((a, b) => a.day - b.day);
  }

  /**
   * Makes the lists of the range's UTC days that have changed and have no valid list, newest day
   * first, one at a time, without waiting for the days to be quiet: for a store just filled in
   * bulk (the demo load), whose days no longer change. A request in the minute after such a load
   * would otherwise find every day just changed and group the whole window (docs/scale.md,
   * "Trending"). A day changed during its list's read gets a stale list, made again later as
   * usual. Answers how many lists were made.
   */
  async prepare(range: Range): Promise<number> {
    const days = utcDays(range);
    const { lists, changes, engineNow } = await this.dayState(days);
    let made = 0;
    for (const day of days.reverse()) {
      const changed = changes.get(day);
      const list = lists.get(day);
      if (changed === undefined || (list && list.atMs > changed)) continue;
      await this.make(day, engineNow - 1000);
      made++;
    }
    return made;
  }

  /** Each day's newest list and last change, and the engine's clock (chTrendingDayState). */
  private async dayState(days: number[]) {
    const state = await this.stores.ch.rows(chTrendingDayState, { days: days.map((d) => new Date(d)) }, this.bounded);
    const lists = new Map<number, { atMs: number; threshold: number }>();
    const changes = new Map<number, number>();
    let engineNow = 0;
    for (const s of state) {
      const day = utcMs(s.day);
      if (s.kind === 'list') lists.set(day, { atMs: num(s.atMs), threshold: num(s.threshold) });
      else if (s.kind === 'change') changes.set(day, num(s.atMs));
      else engineNow = num(s.atMs);
    }
    return { lists, changes, engineNow };
  }

  /** Makes day's list under version atMs (engine clock, before its read starts). */
  private make(day: number, atMs: number) {
    let p = this.making.get(day);
    if (!p) {
      p = (async () => {
        const ch = this.stores.ch;
        const top = await ch.rows(chTrendingDayTop, { day: new Date(day), n: this.opts.listSize }, this.bounded);
        const threshold = top.length === this.opts.listSize ? num(top[top.length - 1]!.views) : 0;
        const params = { day: new Date(day), version_ms: atMs };
        await ch.command(chTrendingDayListInsert, { ...params, ids: top.map((r) => r.videoId), views: top.map((r) => r.views) });
        await ch.command(chTrendingDayMetaInsert, { ...params, threshold, listed: top.length });
        return { atMs, threshold };
      })().finally(() => this.making.delete(day));
      this.making.set(day, p);
    }
    return p;
  }
}

/** The UTC days (epoch ms) that [from, to) touches. */
function utcDays(range: Range): number[] {
  const days: number[] = [];
  for (let d = Math.floor(range.from.getTime() / DAY_MS) * DAY_MS; d < range.to.getTime(); d += DAY_MS) days.push(d);
  return days;
}

/** The tier buckets of the window outside the listed days, or null when there are none. */
function fullPieces(window: Range, listed: number[]) {
  const skip = new Set(listed);
  const keep = (b: number) => !skip.has(Math.floor(b / DAY_MS) * DAY_MS);
  const p = decompose(window.from.getTime(), window.to.getTime());
  const q = p.quarters.filter(keep),
    h = p.hours.filter(keep),
    d = p.days.filter(keep);
  if (!q.length && !h.length && !d.length) return null;
  const dates = (xs: number[]) => xs.map((x) => new Date(x));
  return { q_buckets: dates(q), h_buckets: dates(h), d_buckets: dates(d) };
}

/**
 * The parameters of trending_rows.sql for up to four ranges: range i as [rf[i], rt[i]) (an empty
 * range [0, 0) for the ones not asked), and [from, to), the span of them all, read by the sort key.
 */
export function rangeSpans(ranges: Range[]) {
  if (ranges.length > 4) throw new Error('trending_rows.sql reads at most four ranges');
  if (ranges.some((r) => r.from.getTime() % QUARTER_MS !== 0 || r.to.getTime() % QUARTER_MS !== 0)) {
    throw new Error('a tiered range starts and ends on 15-minute boundaries');
  }
  const asked = ranges.filter((r) => r.to > r.from);
  const rf = ranges.map((r) => r.from);
  const rt = ranges.map((r) => r.to);
  while (rf.length < 4) {
    rf.push(new Date(0));
    rt.push(new Date(0));
  }
  const from = new Date(asked.length ? Math.min(...asked.map((r) => r.from.getTime())) : 0);
  const to = new Date(asked.length ? Math.max(...asked.map((r) => r.to.getTime())) : 0);
  return { rf, rt, from, to };
}

type RankedRow = Awaited<ReturnType<TrendingLists['rank']>>['rows'][number];
type VideoMeta = { id: number | string; title: string | null; thumbnailUrl: string | null; creatorId: number | string; creatorUsername: string | null };

/**
 * The panel's rows: ranked figures with each video's title, thumbnail (media allowlist) and creator,
 * all from PostgreSQL's videos (none for a video it does not hold: events that name an unknown video).
 */
export function trendingRows(rows: RankedRow[], meta: VideoMeta[], mediaOrigins: readonly string[]) {
  const byId = new Map(meta.map((m) => [Number(m.id), m]));
  return rows.map((r) => {
    const v = byId.get(Number(r.videoId));
    const [views, likes, comments, shares] = [num(r.views), num(r.likes), num(r.comments), num(r.shares)];
    return {
      videoId: Number(r.videoId),
      title: v?.title ?? null,
      thumbnailUrl: allowedMediaUrl(v?.thumbnailUrl, mediaOrigins) || null,
      creatorId: v ? Number(v.creatorId) : null,
      creatorUsername: v?.creatorUsername ?? null,
      views,
      likes,
      comments,
      shares,
      engagementRate: engagementRate({ likes, comments, shares, views }),
      avgWatchMs: ratio(num(r.watchMs), views),
      growthVelocity: (num(r.d1) - num(r.d4)) / 3,
      changePct: changePct(views, num(r.prevViews)),
    };
  });
}
