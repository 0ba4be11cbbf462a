// Trending videos without grouping every video of the window (docs/scale.md, "Trending").
//
// The panel ranks videos by views in [from, to). Grouping every video active in a 7-day window
// of the large demo (~800k a day) takes about a second; almost all of them have a few views.
// Threshold pruning (Fagin's threshold algorithm, on days): each past UTC day d keeps a list of
// its top N videos by views and θ_d, the views of the list's last entry, so a video on no list
// had at most θ_d views on d, and so at most θ_d in any part of d. For a window covering days D:
//   - the days with a valid list give candidates (the union of their lists) and the bound Σ θ_d;
//   - the other days' parts (today, days changed since their list) are grouped in full, which
//     gives each video's exact part there, E(v), and the top `limit` of E become candidates too;
//   - the candidates' exact figures are read (only their rows), and a video that is not a
//     candidate had at most B = Σ θ_d + E_(limit+1) views in the window.
// If the `limit`-th candidate has more than B views, no other video can be shown: the answer is
// exactly the full grouping's. Otherwise (a short window, a flat day) the full grouping runs.
import type { Stores } from '../../db/index.js';
import { ChStore } from '../../db/stores.js';
import { num } from './dashboards.shapes.js';
import {
  chTrendingVideos,
  chTrendingDayState,
  chTrendingDayTop,
  chTrendingDayListInsert,
  chTrendingDayMetaInsert,
  chTrendingDayCandidates,
  chTrendingWindowTop,
} from './dashboards.queries.js';
import { DAY_MS, decompose, tierMasks } from './tiers.js';

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

export class TrendingLists {
  /** Lists being made, by day: concurrent requests wait for the same one. */
  private readonly making = new Map<number, Promise<{ atMs: number; threshold: number }>>();

  constructor(
    private readonly stores: Stores,
    private readonly opts: TrendingOptions,
  ) {}

  private get bounded() {
    return ChStore.bounded(this.opts.queryTimeoutMs);
  }

  /**
   * The top `limit` videos of ranges[0] by views (ties by id) with their figures over every
   * range (chTrendingVideos' masks), and how the answer was found.
   */
  async rank(ranges: Range[], limit: number) {
    const masks = tierMasks(ranges);
    const window = ranges[0]!;
    const pruned = await this.prunedDays(window);
    const full = fullPieces(window, pruned.days);
    const ch = this.stores.ch;
    const [listed, top] = await Promise.all([
      pruned.days.length ? ch.rows(chTrendingDayCandidates, { days: pruned.days.map((d) => new Date(d)), versions_ms: pruned.versions }, this.bounded) : [],
      full ? ch.rows(chTrendingWindowTop, { ...full, limit: limit + 1 }, this.bounded) : [],
    ]);
    const ids = new Set<number>(listed.map((r) => Number(r.videoId)));
    for (const r of top.slice(0, limit)) ids.add(Number(r.videoId));
    const bound = pruned.thresholds + (top.length > limit ? num(top[limit]!.views) : 0);
    if (ids.size >= limit) {
      const rows = await ch.rows(chTrendingVideos, { ...masks, ids: [...ids], limit }, this.bounded);
      const last = rows[limit - 1];
      if (rows.length === limit && last && num(last.views) > bound) return { rows, pruned: true, candidates: ids.size };
    }
    return { rows: await ch.rows(chTrendingVideos, { ...masks, ids: [], limit }, this.bounded), pruned: false, candidates: ids.size };
  }

  /** The UTC days of the window that have a valid list (made now if missing), their versions and Σ θ. */
  private async prunedDays(window: Range) {
    const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
    const days: number[] = [];
    for (let d = first; d < window.to.getTime(); d += DAY_MS) days.push(d);
    const state = await this.stores.ch.rows(chTrendingDayState, { days: days.map((d) => new Date(d)) }, this.bounded);
    const lists = new Map<number, { atMs: number; threshold: number }>();
    const changes = new Map<number, number>();
    let engineNow = 0;
    for (const s of state) {
      const day = Date.parse(`${s.day.replace(' ', 'T')}Z`);
      if (s.kind === 'list') lists.set(day, { atMs: num(s.atMs), threshold: num(s.threshold) });
      else if (s.kind === 'change') changes.set(day, num(s.atMs));
      else engineNow = num(s.atMs);
    }
    const quietSince = engineNow - (this.opts.quietMs ?? QUIET_MS);
    const out = { days: [] as number[], versions: [] as number[], thresholds: 0 };
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
        out.days.push(day);
        out.versions.push(list.atMs);
        out.thresholds += list.threshold;
      }),
    );
    return out;
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
