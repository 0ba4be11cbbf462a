// The ClickHouse half of the demo load (demo.service.ts explains the shared formulas): set-based
// inserts over numbers(), CH_CHUNK rows per statement.
import { performance } from 'node:perf_hooks';
import type { Stores } from '../../db/index.js';
import { chQuery } from '../../db/index.js';
import type { DemoPlan } from './demo.plan.js';
import { chunks, type Progress } from './demo.progress.js';
import { ADVERTISER_ZONES, REGION_STARTS, REGIONS } from './demo.vocabulary.js';

const chVideoEvents = chQuery('demo/video_events');
const chAdEvents = chQuery('demo/ad_events');
const chRequestMetrics = chQuery('demo/request_metrics');
const chMergeTable = chQuery('demo/merge_table');

/**
 * Merged after the load (embedded only: a server merges in the background, and a cluster's
 * OPTIMIZE would go to each shard's local table): the table trending reads by video, and the
 * small time-bucket rollups whose unmerged rows every window would sum again (on the large demo
 * engagement_15m held 574k rows for 130k keys). ~4 s on the large demo, plus 11 s for the first:
 * mergeAfterLoad runs them beside PostgreSQL's part of the start-up that follows the load
 * (accounts, moderation history), so each of the two cores has work (docs/demo-load.md).
 */
const MERGED_AFTER_LOAD = [
  'video_stats_1h_by_video',
  'engagement_15m',
  'route_stats_15m',
  'route_stats_1m',
  'route_totals_15m',
  'route_stats_15m_fine',
  'route_stats_1h',
  'route_stats_1d',
];

/**
 * Rows per statement. While PGlite runs a statement on the event loop's thread, the next chunk
 * cannot be sent to chDB, so fewer, longer statements leave chDB idle less often; the generator
 * statements keep blocks of ~500k rows (min_insert_block_size_rows), the size whose views cost
 * least per row (docs/demo-load.md).
 */
const CH_CHUNK = 2_000_000;

export async function loadClickHouse(stores: Stores, plan: DemoPlan, progress: Progress): Promise<void> {
  const { spec, seed, salt } = plan;
  const common = {
    seed,
    salt,
    now_ms: plan.nowMs,
    lo_ms: plan.loMs,
    users: spec.users,
    users_start_ms: plan.usersStartMs,
    user_span_ms: plan.userSpanMs,
    regions: REGIONS,
    region_starts: REGION_STARTS,
  };
  for (const c of chunks(spec.videoEvents, CH_CHUNK)) {
    await progress.run('video_events', c.count, () =>
      stores.ch.command(chVideoEvents, {
        ...common,
        from: c.from,
        count: c.count,
        videos: spec.videos,
        creators: spec.creators,
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
        bad_day_ms: plan.badRegionDayMs,
      }),
    );
  }
  for (const c of chunks(spec.adEvents, CH_CHUNK)) {
    await progress.run('ad_events', c.count, () =>
      stores.ch.command(chAdEvents, {
        ...common,
        from: c.from,
        count: c.count,
        day0_ms: plan.day0Ms,
        campaigns: spec.campaigns,
        advertisers: spec.advertisers,
        fx_per_100usd: ADVERTISER_ZONES.map((z) => z.fxPer100Usd),
      }),
    );
  }
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
}

/** The merges of MERGED_AFTER_LOAD (embedded only); answers the seconds they took. */
export async function mergeAfterLoad(stores: Stores): Promise<number> {
  const t0 = performance.now();
  if (stores.ch.mode === 'embedded') {
    for (const table of MERGED_AFTER_LOAD) await stores.ch.tableCommand(chMergeTable, table);
  }
  return (performance.now() - t0) / 1000;
}
