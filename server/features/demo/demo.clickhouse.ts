// The ClickHouse half of the demo load (demo.service.ts explains the shared formulas): set-based
// inserts over numbers(), CH_CHUNK rows per statement.
import { performance } from 'node:perf_hooks';
import type { Stores } from '../../db/index.js';
import { chQuery } from '../../db/index.js';
import type { DemoPlan } from './demo.plan.js';
import { chunks, type Progress } from './demo.progress.js';
import { ADVERTISER_ZONES, REGION_STARTS, REGIONS } from './demo.vocabulary.js';

const chDropVideoOrder = chQuery('demo/drop_video_order');
const chCreateVideoOrder = chQuery('demo/create_video_order');
const chVideoOrder = chQuery('demo/video_order');
const chVideoEvents = chQuery('demo/video_events');
const chAdEvents = chQuery('demo/ad_events');
const chRequestMetrics = chQuery('demo/request_metrics');
const chMergeTable = chQuery('demo/merge_table');
const chTableCounts = chQuery('demo/table_counts').returns<{ video_events: number | string }>();

/**
 * Merged once the demo has written them (embedded only: a server merges in the background, and a
 * cluster's OPTIMIZE would go to each shard's local table): the small time-bucket rollups whose
 * unmerged rows every window would sum again (on the large demo engagement_15m held 574k rows for
 * 130k keys). The request rollups are written first and merged beside the ad and video events
 * (~10 s on one core at large, route_stats_1m 6 of them: docs/demo-load.md, "Session 15"), the
 * engagement rollup once the video events are in (~1 s).
 */
const MERGED_AFTER_REQUESTS = ['route_stats_15m', 'route_stats_1m', 'route_totals_15m', 'route_stats_15m_fine', 'route_stats_1h', 'route_stats_1d'];
const MERGED_AFTER_LOAD = ['engagement_15m'];

/**
 * Rows per statement. While PGlite runs a statement on the event loop's thread, the next chunk
 * cannot be sent to chDB, so fewer, longer statements leave chDB idle less often; the generator
 * statements keep blocks of ~500k rows (min_insert_block_size_rows), the size whose views cost
 * least per row (docs/demo-load.md).
 */
const CH_CHUNK = 2_000_000;

/**
 * Video events per statement of pass 2 (docs/demo-load.md, "Session 16" and "Session 17"): the load's
 * month is cut into equal spans of at most this many events, one statement each, which reads its
 * span in time order (video_events.sql: ORDER BY ts_ms), so each ~500k-event insert block
 * (min_insert_block_size_rows) holds hours of events at full density. The large demo (50M) is one
 * statement: the next statement can only be sent when the event loop's thread is free, and PGlite
 * holds that thread for up to a minute at a time (the keys and indexes rebuilt, the moderation
 * history). With ten ~5M-event spans the engine sat idle for ~45 s of a large load; that a span
 * ended behind such a statement is inferred from buffered log times, not seen.
 */
const VIDEO_SPAN_EVENTS = 50_000_000;

/** Pass 1's parameters (video_order.sql) for rows from..from+count-1 of the stream. */
export function videoOrderParams(plan: DemoPlan, from: number, count: number) {
  return {
    seed: plan.seed,
    now_ms: plan.nowMs,
    lo_ms: plan.loMs,
    from,
    count,
    videos: plan.spec.videos,
    videos_start_ms: plan.videosStartMs,
    video_span_ms: plan.videoSpanMs,
    evergreen_count: plan.evergreenCount,
    video_perm: plan.videoPerm,
    video_offset: plan.videoOffset,
    fresh_first: plan.freshFirst,
    fresh_count: plan.freshCount,
    fresh_perm: plan.freshPerm,
    fresh_offset: plan.freshOffset,
    base: plan.baseVideoEvents,
    boost: plan.viewDrop.boost,
    trickle: plan.viewDrop.trickle,
    drop_video: plan.viewDrop.videoId,
    remap_video: plan.viewDrop.remapVideoId,
    drop_from_ms: plan.viewDrop.trickleFromMs,
    orphan_first: plan.orphans.firstVideoId,
    orphan_videos: plan.orphans.distinctVideos,
  };
}

/**
 * The rows in video_events now, read beside a running statement (ChStore.rowsBeside): pass 2's
 * statement commits its parts block by block, so while it runs this grows with the rows written.
 */
export async function videoEventsWritten(stores: Stores): Promise<number> {
  const [row] = await stores.ch.rowsBeside(chTableCounts);
  return Number(row?.video_events ?? 0);
}

/** Pass 2's parameters (video_events.sql) for the events of one time span. */
export function videoEventsParams(plan: DemoPlan, span: { fromMs: number; toMs: number }) {
  const { spec } = plan;
  return {
    ...peopleParams(plan),
    creators: spec.creators,
    bad_day_ms: plan.badRegionDayMs,
    from_ms: span.fromMs,
    to_ms: span.toMs,
  };
}

/** Who acts and where: the users' shared formulas, read by the video events' pass 2 and the ad events. */
function peopleParams(plan: DemoPlan) {
  return {
    seed: plan.seed,
    salt: plan.salt,
    now_ms: plan.nowMs,
    users: plan.spec.users,
    users_start_ms: plan.usersStartMs,
    user_span_ms: plan.userSpanMs,
    regions: REGIONS,
    region_starts: REGION_STARTS,
  };
}

/** The time spans of pass 2: equal spans of [lo, now), the first and last open-ended, so every row falls in exactly one. */
export function videoSpans(plan: DemoPlan): { fromMs: number; toMs: number }[] {
  const k = Math.max(1, Math.ceil(plan.spec.videoEvents / VIDEO_SPAN_EVENTS));
  const span = (plan.nowMs - plan.loMs) / k;
  return Array.from({ length: k }, (_, i) => ({
    fromMs: i === 0 ? 0 : Math.round(plan.loMs + i * span),
    toMs: i === k - 1 ? Number.MAX_SAFE_INTEGER : Math.round(plan.loMs + (i + 1) * span),
  }));
}

/**
 * The three event streams (request metrics first, then video events, then ads). Answers the merges
 * of the request rollups (MERGED_AFTER_REQUESTS), started once those are written and still running
 * beside the rest: they settle with their seconds.
 */
export async function loadClickHouse(stores: Stores, plan: DemoPlan, progress: Progress): Promise<{ requestMerges: Promise<number> }> {
  const { spec, seed } = plan;
  const people = peopleParams(plan);
  for (const c of chunks(spec.requestMetrics, CH_CHUNK)) {
    await progress.run('request_metrics', c.count, () =>
      stores.ch.command(chRequestMetrics, {
        seed,
        now_ms: plan.nowMs,
        lo_ms: plan.loMs,
        from: c.from,
        count: c.count,
        base: plan.baseRequestMetrics,
        incident_from_ms: plan.latency.fromMs,
        incident_to_ms: plan.latency.toMs,
      }),
    );
  }
  // Their rollups are complete: merged on a session of their own, beside the rest of the load.
  const requestMerges = mergeTables(stores, MERGED_AFTER_REQUESTS, true);
  requestMerges.catch(() => {}); // answered below; this only keeps an early rejection from being unhandled
  try {
    // Video events in two passes (docs/demo-load.md, "Time-ordered video events"): when and which
    // video for every row into a scratch table sorted by time, then the rows a time span at a time.
    await stores.ch.command(chDropVideoOrder, {});
    await stores.ch.command(chCreateVideoOrder, {});
    // Pass 1 in one statement: it streams (blocks of 1M rows, each sorted into a part of its own).
    await progress.run('video_events', 0, () => stores.ch.command(chVideoOrder, videoOrderParams(plan, 0, spec.videoEvents)));
    const spans = videoSpans(plan);
    for (const [i, w] of spans.entries()) {
      const share = Math.round(((i + 1) * spec.videoEvents) / spans.length) - Math.round((i * spec.videoEvents) / spans.length);
      // One statement holds the large demo's 50M events (VIDEO_SPAN_EVENTS): the bar moves with the
      // rows it has written so far (the table was empty before the load; the earlier spans wrote theirs).
      const earlier = Math.round((i * spec.videoEvents) / spans.length);
      await progress.runWatched(
        'video_events',
        share,
        () => stores.ch.command(chVideoEvents, videoEventsParams(plan, w)),
        async () => ((await videoEventsWritten(stores)) - earlier) / share,
      );
    }
    await stores.ch.command(chDropVideoOrder, {});
    for (const c of chunks(spec.adEvents, CH_CHUNK)) {
      await progress.run('ad_events', c.count, () =>
        stores.ch.command(chAdEvents, {
          ...people,
          lo_ms: plan.loMs,
          from: c.from,
          count: c.count,
          day0_ms: plan.day0Ms,
          campaigns: spec.campaigns,
          advertisers: spec.advertisers,
          fx_per_100usd: ADVERTISER_ZONES.map((z) => z.fxPer100Usd),
        }),
      );
    }
  } catch (err) {
    await requestMerges.catch(() => {});
    throw err;
  }
  return { requestMerges };
}

/** The merges of MERGED_AFTER_LOAD (embedded only); answers the seconds they took. */
export function mergeAfterLoad(stores: Stores): Promise<number> {
  return mergeTables(stores, MERGED_AFTER_LOAD, false);
}

/**
 * `OPTIMIZE … FINAL` of each table in turn (embedded only), on a session of its own when `beside`
 * (ChStore.tableCommandBeside), else through the console's session; answers the seconds taken.
 */
async function mergeTables(stores: Stores, tables: string[], beside: boolean): Promise<number> {
  const t0 = performance.now();
  if (stores.ch.mode === 'embedded') {
    for (const table of tables) await (beside ? stores.ch.tableCommandBeside(chMergeTable, table) : stores.ch.tableCommand(chMergeTable, table));
  }
  return (performance.now() - t0) / 1000;
}
