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
import { buildPlan, DEMO_SIZES, type DemoPlan, type DemoSize, type DemoSizeSpec } from './demo.plan.js';
import { loadClickHouse, mergeAfterLoad } from './demo.clickhouse.js';
import { loadPostgres } from './demo.postgres.js';
import { Progress, type DemoProgress } from './demo.progress.js';

export { DEMO_SIZES, buildPlan };
export type { DemoSize, DemoSizeSpec, DemoPlan, DemoProgress };

export interface DemoSummary {
  size: DemoSize;
  seed: number;
  now: string;
  counts: Record<string, number>;
  seconds: number;
  /** Seconds spent in each step; PostgreSQL and ClickHouse steps overlap in time. */
  steps: Record<string, number>;
  /**
   * With `mergeLater`: ClickHouse's post-load merges (demo.clickhouse.ts, mergeAfterLoad), still
   * running; settles with their seconds. Await it before the console reports ready.
   */
  merging?: Promise<number>;
}

const pgAnyUsers = pgQuery('demo/any_users').returns<{ any: boolean }>();
const pgReviewers = pgQuery('demo/reviewers').returns<{ id: string }>();
const pgHistoryDecisions = pgQuery('demo/history_decisions');
const pgHistoryVisibility = pgQuery('demo/history_visibility');
const pgHistoryAccountActions = pgQuery('demo/history_account_actions');
const pgHistoryAudit = pgQuery('demo/history_audit');
const pgOpenCases = pgQuery('demo/open_cases').returns<{ id: string }>();
const pgAnalyze = pgQuery('demo/analyze');
const pgVacuumReadTables = pgQuery('demo/vacuum_read_tables');
const pgRefreshAccuracy = pgQuery('moderation/refresh_accuracy');
const pgTableCounts = pgQuery('demo/table_counts').returns<Record<string, number>>();
const chAnyVideoEvents = chQuery('demo/any_video_events').returns<{ any: number }>();
const chTableCounts = chQuery('demo/table_counts').returns<Record<string, number>>();

/** True when neither store holds platform data yet: no users in PostgreSQL, no video events in ClickHouse. */
export async function storesAreEmpty(stores: Stores): Promise<boolean> {
  const [pgRow, chRows] = await Promise.all([stores.pg.one(pgAnyUsers, {}), stores.ch.rows(chAnyVideoEvents, {})]);
  return !pgRow?.any && !Number(chRows[0]?.any ?? 0);
}

export async function loadDemoData(
  stores: Stores,
  opts: {
    size: DemoSize;
    seed: number;
    now: Date;
    onProgress?: (p: DemoProgress) => void;
    mergeLater?: boolean;
    /** Run once PostgreSQL's part has committed, beside ClickHouse's part; the load ends when both have. */
    afterPostgres?: () => Promise<void>;
  },
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

  // PostgreSQL's transaction commits once its part is loaded, while ClickHouse loads on: a failure
  // of PostgreSQL's part leaves it empty. What comes next in PostgreSQL (opts.afterPostgres: the
  // accounts and the moderation history) then runs beside ClickHouse's part instead of after it, so
  // each of the two cores has work (docs/demo-load.md, "Session 15"). ClickHouse has no
  // transaction: rows written before a failure stay. Either way the load's record (demo.resume.ts)
  // is not moved on, so the next start clears both stores and loads again.
  const chLoad = loadClickHouse(stores, plan, progress);
  chLoad.catch(() => {}); // awaited below; this only keeps an early rejection from being unhandled
  try {
    await stores.pg.tx((tx) => loadPostgres(tx, plan, progress));
  } catch (err) {
    await chLoad.catch(() => {});
    throw err;
  }
  const beside = opts.afterPostgres?.() ?? Promise.resolve();
  const [ch, after] = await Promise.allSettled([chLoad, beside]);
  if (ch.status === 'rejected') throw ch.reason;
  if (after.status === 'rejected') throw after.reason;

  // The request rollups' merges started during the load; the engagement rollup's follow. Neither
  // needs PostgreSQL: with mergeLater they run beside what the caller does next.
  const requestMerges = ch.value.requestMerges;
  const merging = (async () => {
    const [early, late] = await Promise.allSettled([requestMerges, mergeAfterLoad(stores)]);
    if (early.status === 'rejected') throw early.reason;
    if (late.status === 'rejected') throw late.reason;
    return early.value + late.value;
  })();
  // With mergeLater the caller awaits it; the catch only keeps an early rejection from being unhandled.
  if (opts.mergeLater) merging.catch(() => {});
  else progress.steps['merge rollups'] = await merging;
  const [pgCount, chCount] = await Promise.all([stores.pg.one(pgTableCounts, {}), stores.ch.rows(chTableCounts, {})]);
  const counts = Object.fromEntries(Object.entries({ ...pgCount, ...chCount[0] }).map(([k, v]) => [k, Number(v)]));
  return {
    size: opts.size,
    seed: opts.seed,
    now: opts.now.toISOString(),
    counts,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    steps: Object.fromEntries(Object.entries(progress.steps).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    ...(opts.mergeLater ? { merging } : {}),
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
  await timed('vacuum', () => stores.pg.exec(pgVacuumReadTables, {}));
  await timed('analyze', () => stores.pg.exec(pgAnalyze, {}));
  return written;
}
