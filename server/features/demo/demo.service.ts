// The deterministic demo data set (docs/architecture.md#demo-data): a believable month ending at `now` in both
// stores, generated inside the engines (set-based inserts over generate_series / numbers), chunked
// so progress can be reported and memory stays flat. Same size, seed and now → identical rows in
// both stores (test/integration/demo.test.ts proves it with checksums).
//
// Randomness: PostgreSQL hashint8extended(i, seed + k), ClickHouse cityHash64(n, seed, k); never
// random(). Entity ids are 1..N. Whatever both engines must agree on is an INTEGER formula that
// each computes the same way (plan constants from demo.plan.ts, vocabulary from
// demo.vocabulary.ts, both passed as parameters):
//   mix(x, k) = let a = ((x + salt + k*1000003) * 2654435761) % 2147483647,
//                   b = ((a xor (a >> 15)) * 2246822519) % 2147483647
//               in  b xor (b >> 13)                      (salt = seed % 1000003)
//   user u:     creator iff u <= creators; signed up at users_start + (u-1)*user_span/users ms;
//               region = regions[bucket of mix(u, 1) % 1000 in region_starts]
//   video v:    uploaded at videos_start + (v-1)*video_span/videos; creator =
//               1 + least(mix(v,2) % creators, mix(v,3) % creators); duration =
//               5000 + x*x/175000 ms, x = mix(v,4) % 175001; region = its creator's
//   campaign c: advertiser 1 + (c-1) % advertisers; status, dates, objective and bid from
//               mix(c, 5..9) (queries/postgres/demo/campaigns.sql spells them out)
//   advertiser a: zone (timezone, currency, fx) = ADVERTISER_ZONES[(a-1) % 10]
// So ClickHouse events name exactly the videos, creators, users and campaigns PostgreSQL holds,
// except the designed orphans.
//
// Injected incidents, all relative to now (demo.plan.ts holds the numbers, per size):
//   (a) latency: GET /v1/feed (service api) in [now-3h, now-2h15m): every request 8-12x slower
//       (p95 ~10x normal) and ~8% 5xx, plus `latencyIncidentExtra` client retries in the window.
//   (b) view collapse: plan.viewDrop.videoId, a top-20 video (evergreen popularity rank 3),
//       gets `viewDropBoost` extra views in [now-70m, now-10m) and only `viewDropTrickle` views in
//       [now-10m, now) (its ordinary views there go to the rank-1 video): last 10 minutes < 10%
//       of its 10-minute average over the previous hour.
//   (c) brigades: plan.brigades — 3 videos (popularity ranks ~40, 60, 80) reported 150, 140 and
//       130 times by distinct accounts (a ring of consecutive sign-ups), reasons hate/harassment,
//       in [now-6h, now-4h), [now-14h, now-12h), [now-22h, now-20h): the top 3 of the open queue.
//   (d) bad data: ~1% of the video events of UTC day (today - 3) have region ''; `orphanVideoEvents`
//       video events over the last 3 days name videos videos+1..videos+37 (absent from PostgreSQL);
//       `ingestRejections` ingest_rejections rows over the last 5 days.
//   (e) revenue: transactions follow a daily cycle (peak 20:00 UTC), payouts are paid between
//       02:00 and 04:00 UTC daily, and the last complete UTC day (today - 1) misses 45% of its
//       revenue (non-payout) transactions: a day-over-day drop.
// Moderation: reports of the last 7 days form one open case per video, older ones resolved cases;
// priority = 15*ln(1 + distinct reporters) + reason severity + 10*exp(-hours since last/24)
// (queries/postgres/demo/moderation_cases.sql).
//
// Video events: an evergreen pool (videos uploaded before the month, viewed evenly) and a fresh
// pool (recent uploads, a rise-and-decay lifecycle), each Zipf-ranked; evening peak at 20:00 UTC
// (queries/clickhouse/demo/video_events.sql).
//
// PostgreSQL loads in one transaction while ClickHouse loads at the same time: PGlite runs on
// this thread and chDB on its own, so the two overlap on a 2-core machine (default size: ~19 s
// wall on 2 cores, PostgreSQL's foreign-key checks on follows being the longest step).
import { performance } from 'node:perf_hooks';
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { buildPlan, DEMO_SIZES, OPEN_CASE_WINDOW_MS, type DemoPlan, type DemoSize, type DemoSizeSpec } from './demo.plan.js';
import {
  ADVERTISER_NAMES_A,
  ADVERTISER_NAMES_B,
  ADVERTISER_ZONES,
  CAMPAIGN_THEMES,
  EXTRA_TAGS,
  FIRST_NAMES,
  HANDLE_WORDS,
  LAST_NAMES,
  REGION_STARTS,
  REGIONS,
  TITLE_ENDINGS,
  TITLE_OPENERS,
  TITLE_TOPICS,
} from './demo.vocabulary.js';

export { DEMO_SIZES, buildPlan };
export type { DemoSize, DemoSizeSpec, DemoPlan };

/** done/total count rows written (the moderation step counts the reports it groups into cases). */
export interface DemoProgress {
  step: string;
  done: number;
  total: number;
}

export interface DemoSummary {
  size: DemoSize;
  seed: number;
  now: string;
  counts: Record<string, number>;
  seconds: number;
  /** Seconds spent in each step; PostgreSQL and ClickHouse steps overlap in time. */
  steps: Record<string, number>;
}

type Ms = { now_ms: number };
type UserSpan = { users: number; users_start_ms: number; user_span_ms: number };

const pgAnyUsers = pgQuery('demo/any_users').returns<{ any: boolean }>();
const pgAdvertisers = pgQuery('demo/advertisers');
const pgCampaigns = pgQuery('demo/campaigns');
const pgUsers = pgQuery('demo/users');
const pgVideos = pgQuery('demo/videos');
const pgFollowAllocation = pgQuery('demo/follow_allocation').returns<{ total_weight: number; remainder: number }>();
const pgFollows = pgQuery('demo/follows');
const pgTransactions = pgQuery('demo/transactions');
const pgContentReports = pgQuery('demo/content_reports');
const pgBrigadeReports = pgQuery('demo/brigade_reports');
const pgModerationCases = pgQuery('demo/moderation_cases');
const pgLinkReportsToCases = pgQuery('demo/link_reports_to_cases');
const pgReviewers = pgQuery('demo/reviewers').returns<{ id: string }>();
const pgHistoryDecisions = pgQuery('demo/history_decisions');
const pgHistoryVisibility = pgQuery('demo/history_visibility');
const pgHistoryAccountActions = pgQuery('demo/history_account_actions');
const pgHistoryAudit = pgQuery('demo/history_audit');
const pgOpenCases = pgQuery('demo/open_cases').returns<{ id: string }>();
const pgAnalyze = pgQuery('demo/analyze');
const pgRefreshAccuracy = pgQuery('moderation/refresh_accuracy');
const pgIngestRejections = pgQuery('demo/ingest_rejections');
const pgResetSequences = pgQuery('demo/reset_sequences');
const pgTableCounts = pgQuery('demo/table_counts').returns<Record<string, number>>();

type ChChunk = { from: number; count: number; seed: number; now_ms: number; lo_ms: number };
type ChUsers = UserSpan & { salt: number; regions: string[]; region_starts: number[] };
const chAnyVideoEvents = chQuery('demo/any_video_events').returns<{ any: number }>();
const chVideoEvents = chQuery('demo/video_events');
const chAdEvents = chQuery('demo/ad_events');
const chRequestMetrics = chQuery('demo/request_metrics');
const chTableCounts = chQuery('demo/table_counts').returns<Record<string, number>>();

// PGlite runs on the event loop's thread: while one of its statements runs, no ClickHouse chunk
// can be dispatched. Short PostgreSQL statements (~25k rows, well under a second) keep chDB busy
// (measured on the large size: 100k-row statements left ClickHouse idle most of the time).
const PG_CHUNK = 25_000;
const CH_CHUNK = 1_000_000;

/** True when neither store holds platform data yet: no users in PostgreSQL, no video events in ClickHouse. */
export async function storesAreEmpty(stores: Stores): Promise<boolean> {
  const [pgRow, chRows] = await Promise.all([stores.pg.one(pgAnyUsers, {}), stores.ch.rows(chAnyVideoEvents, {})]);
  return !pgRow?.any && !Number(chRows[0]?.any ?? 0);
}

class Progress {
  done = 0;
  readonly steps: Record<string, number> = {};
  constructor(
    readonly total: number,
    private readonly onProgress?: (p: DemoProgress) => void,
  ) {}

  /** Runs one chunk of a step, then reports `units` more done. */
  async run<T>(step: string, units: number | ((result: T) => number), fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await fn();
    this.steps[step] = (this.steps[step] ?? 0) + (performance.now() - t0) / 1000;
    this.done += typeof units === 'function' ? units(result) : units;
    this.onProgress?.({ step, done: this.done, total: this.total });
    return result;
  }
}

function chunks(total: number, size: number): { from: number; count: number }[] {
  const out: { from: number; count: number }[] = [];
  for (let from = 0; from < total; from += size) out.push({ from, count: Math.min(size, total - from) });
  return out;
}

/** Creator rank ranges holding ~PG_CHUNK follows each (the weights of follows.sql, approximately). */
function followRanges(spec: DemoSizeSpec): { from: number; to: number }[] {
  const weights = Array.from({ length: spec.creators }, (_, i) => Math.floor(1e9 / (i + 1) ** 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: { from: number; to: number }[] = [];
  let from = 1;
  let acc = 0;
  weights.forEach((w, i) => {
    acc += (spec.follows * w) / total;
    if (acc >= PG_CHUNK || i === weights.length - 1) {
      out.push({ from, to: i + 1 });
      from = i + 2;
      acc = 0;
    }
  });
  return out;
}

async function loadPostgres(tx: PgRunner, plan: DemoPlan, progress: Progress): Promise<void> {
  const { spec, seed, salt } = plan;
  const userSpan = { users: spec.users, users_start_ms: plan.usersStartMs, user_span_ms: plan.userSpanMs };
  const zones = ADVERTISER_ZONES;

  await progress.run('advertisers', spec.advertisers, () =>
    tx.exec(pgAdvertisers, {
      advertisers: spec.advertisers,
      salt,
      lo_ms: plan.loMs,
      timezones: zones.map((z) => z.timezone),
      currencies: zones.map((z) => z.currency),
      names_a: ADVERTISER_NAMES_A,
      names_b: ADVERTISER_NAMES_B,
    }),
  );
  await progress.run('campaigns', spec.campaigns, () =>
    tx.exec(pgCampaigns, {
      campaigns: spec.campaigns,
      advertisers: spec.advertisers,
      seed,
      salt,
      day0_ms: plan.day0Ms,
      fx_per_100usd: zones.map((z) => z.fxPer100Usd),
      themes: CAMPAIGN_THEMES,
    }),
  );
  for (const c of chunks(spec.users, PG_CHUNK)) {
    await progress.run('users', c.count, () =>
      tx.exec(pgUsers, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        creators: spec.creators,
        seed,
        salt,
        ...userSpan,
        regions: REGIONS,
        region_starts: REGION_STARTS,
        first_names: FIRST_NAMES,
        last_names: LAST_NAMES,
        handle_words: HANDLE_WORDS,
      }),
    );
  }
  const specialIds = [plan.viewDrop.remapVideoId, plan.viewDrop.videoId, ...plan.brigades.map((b) => b.videoId)];
  for (const c of chunks(spec.videos, PG_CHUNK)) {
    await progress.run('videos', c.count, () =>
      tx.exec(pgVideos, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        videos: spec.videos,
        creators: spec.creators,
        seed,
        salt,
        videos_start_ms: plan.videosStartMs,
        video_span_ms: plan.videoSpanMs,
        now_ms: plan.nowMs,
        regions: REGIONS,
        region_starts: REGION_STARTS,
        special_ids: specialIds,
        openers: TITLE_OPENERS,
        topics: TITLE_TOPICS.map(([t]) => t),
        topic_tags: TITLE_TOPICS.map(([, tag]) => tag),
        endings: TITLE_ENDINGS,
        extra_tags: EXTRA_TAGS,
      }),
    );
  }
  const allocation = await tx.one(pgFollowAllocation, { follows: spec.follows, creators: spec.creators });
  for (const r of followRanges(spec)) {
    await progress.run(
      'follows',
      (n: number) => n,
      () =>
        tx.exec(pgFollows, {
          from_rank: r.from,
          to_rank: r.to,
          follows: spec.follows,
          seed,
          now_ms: plan.nowMs,
          lo_ms: plan.loMs,
          follow_step: plan.followStep,
          total_weight: allocation!.total_weight,
          remainder: allocation!.remainder,
          ...userSpan,
        }),
    );
  }
  for (const c of chunks(spec.transactions, PG_CHUNK)) {
    await progress.run('transactions', c.count, () =>
      tx.exec(pgTransactions, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        seed,
        now_ms: plan.nowMs,
        lo_ms: plan.loMs,
        transactions: spec.transactions,
        creators: spec.creators,
        advertisers: spec.advertisers,
        drop_day_ms: plan.revenueDropDayMs,
        currencies: zones.map((z) => z.currency),
        minor_per_100usd: zones.map((z) => z.minorPer100Usd),
        ...userSpan,
      }),
    );
  }
  for (const c of chunks(plan.streamReports, PG_CHUNK)) {
    await progress.run('content_reports', c.count, () =>
      tx.exec(pgContentReports, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        seed,
        now_ms: plan.nowMs,
        lo_ms: plan.loMs,
        videos: spec.videos,
        videos_start_ms: plan.videosStartMs,
        video_span_ms: plan.videoSpanMs,
        pool: plan.reportPool,
        video_perm: plan.reportPerm,
        report_offset: plan.reportOffset,
        ...userSpan,
      }),
    );
  }
  await progress.run('content_reports', spec.contentReports - plan.streamReports, () =>
    tx.exec(pgBrigadeReports, {
      seed,
      video_ids: plan.brigades.map((b) => b.videoId),
      starts_ms: plan.brigades.map((b) => b.fromMs),
      sizes: plan.brigades.map((b) => b.reports),
      reporter_bases: plan.brigades.map((b) => b.reporterBase),
      first_ids: plan.brigades.map((b) => b.firstReportId),
    }),
  );
  await progress.run('moderation_cases', spec.contentReports, async () => {
    await tx.exec(pgModerationCases, { seed, now_ms: plan.nowMs, open_window_ms: OPEN_CASE_WINDOW_MS });
    await tx.exec(pgLinkReportsToCases, {});
  });
  await progress.run('ingest_rejections', spec.ingestRejections, () =>
    tx.exec(pgIngestRejections, { count: spec.ingestRejections, seed, now_ms: plan.nowMs, videos: spec.videos }),
  );
  await tx.rows(pgResetSequences, {});
}

async function loadClickHouse(stores: Stores, plan: DemoPlan, progress: Progress): Promise<void> {
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

export async function loadDemoData(
  stores: Stores,
  opts: { size: DemoSize; seed: number; now: Date; onProgress?: (p: DemoProgress) => void },
): Promise<DemoSummary> {
  const started = performance.now();
  const plan = buildPlan(opts.size, opts.seed, opts.now);
  const { spec } = plan;
  const total =
    spec.advertisers +
    spec.campaigns +
    spec.users +
    spec.videos +
    spec.follows +
    spec.transactions +
    2 * spec.contentReports +
    spec.ingestRejections +
    spec.videoEvents +
    spec.adEvents +
    spec.requestMetrics;
  const progress = new Progress(total, opts.onProgress);

  // The PostgreSQL transaction commits only once ClickHouse has finished too: a failure on either
  // side leaves PostgreSQL empty. ClickHouse has no transaction: rows written before a failure
  // stay, and storesAreEmpty() then answers false (start again from an empty DATA_DIR).
  const chLoad = loadClickHouse(stores, plan, progress);
  chLoad.catch(() => {}); // awaited below; this only keeps an early rejection from being unhandled
  try {
    await stores.pg.tx(async (tx) => {
      await loadPostgres(tx, plan, progress);
      await chLoad;
    });
  } catch (err) {
    await chLoad.catch(() => {});
    throw err;
  }

  const [pgCount, chCount] = await Promise.all([stores.pg.one(pgTableCounts, {}), stores.ch.rows(chTableCounts, {})]);
  const counts = Object.fromEntries(Object.entries({ ...pgCount, ...chCount[0] }).map(([k, v]) => [k, Number(v)]));
  return {
    size: opts.size,
    seed: opts.seed,
    now: opts.now.toISOString(),
    counts,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    steps: Object.fromEntries(Object.entries(progress.steps).map(([k, v]) => [k, Math.round(v * 100) / 100])),
  };
}

/**
 * The demo's moderation history, once its reviewer accounts exist (after the demo accounts are
 * created): the decision that resolved each resolved case (several moderators, realistic
 * handle times), the videos' visibility after them, some account actions (warnings, suspensions,
 * a lift, warnings for abusive reporting), their audit rows, and the reporter-accuracy part of
 * the open cases' priority. One transaction; answers what it wrote.
 */
export async function loadDemoHistory(
  stores: Stores,
  opts: { size: DemoSize; seed: number; now: Date },
): Promise<{ decisions: number; accountActions: number; steps: Record<string, number> }> {
  const plan = buildPlan(opts.size, opts.seed, opts.now);
  const specialIds = [plan.viewDrop.remapVideoId, plan.viewDrop.videoId, ...plan.brigades.map((b) => b.videoId)];
  const steps: Record<string, number> = {};
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      steps[step] = Math.round(performance.now() - t0) / 1000;
    }
  };
  const written = await stores.pg.tx(async (tx) => {
    const reviewers = (await tx.rows(pgReviewers, {})).map((r) => Number(r.id));
    if (reviewers.length === 0) return { decisions: 0, accountActions: 0, steps };
    const decisions = await timed('decisions', () => tx.exec(pgHistoryDecisions, { reviewer_ids: reviewers, special_ids: specialIds, seed: opts.seed }));
    await timed('visibility', () => tx.exec(pgHistoryVisibility, {}));
    const accountActions = await timed('account_actions', () => tx.exec(pgHistoryAccountActions, {}));
    await timed('audit', () => tx.exec(pgHistoryAudit, {}));
    const open = (await tx.rows(pgOpenCases, {})).map((r) => Number(r.id));
    await timed('reporter_accuracy', () => tx.exec(pgRefreshAccuracy, { case_ids: open }));
    return { decisions, accountActions, steps };
  });
  await timed('analyze', () => stores.pg.exec(pgAnalyze, {}));
  return written;
}
