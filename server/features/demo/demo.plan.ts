// The demo data plan: per-size counts and everything derived from (size, seed, now) before a
// single row is written — time anchors, the permutations that spread popularity over ids, and
// the videos and windows of the injected incidents. Pure: unit-testable, no I/O.
//
// The integer formulas shared by PostgreSQL and ClickHouse (see demo.service.ts) take their
// constants from here, so the two engines cannot disagree on them.

export type DemoSize = 'small' | 'default' | 'large';

export interface DemoSizeSpec {
  users: number;
  /** Users 1..creators are creators (the oldest accounts); the rest are viewers. */
  creators: number;
  videos: number;
  follows: number;
  advertisers: number;
  campaigns: number;
  transactions: number;
  /** All content reports, the brigades' included. */
  contentReports: number;
  ingestRejections: number;
  /** All video events, the incident and orphan rows included. */
  videoEvents: number;
  adEvents: number;
  /** All request metrics, the latency incident's extra rows included. */
  requestMetrics: number;
  /** Video events whose video_id exists nowhere (incident d). */
  orphanVideoEvents: number;
  /** Extra views of the collapsing video in [now-70m, now-10m) (incident b). */
  viewDropBoost: number;
  /** Its only views in [now-10m, now) (incident b). */
  viewDropTrickle: number;
  /** Extra GET /v1/feed requests (client retries) inside the latency incident (incident a). */
  latencyIncidentExtra: number;
}

export const DEMO_SIZES: Record<DemoSize, DemoSizeSpec> = {
  small: {
    users: 2_000,
    creators: 200,
    videos: 4_000,
    follows: 6_000,
    advertisers: 6,
    campaigns: 18,
    transactions: 3_000,
    contentReports: 1_500,
    ingestRejections: 24,
    videoEvents: 50_000,
    adEvents: 20_000,
    requestMetrics: 10_000,
    orphanVideoEvents: 100,
    viewDropBoost: 300,
    viewDropTrickle: 2,
    latencyIncidentExtra: 200,
  },
  default: {
    users: 50_000,
    creators: 5_000,
    videos: 100_000,
    follows: 300_000,
    advertisers: 40,
    campaigns: 200,
    transactions: 60_000,
    contentReports: 20_000,
    ingestRejections: 48,
    videoEvents: 2_000_000,
    adEvents: 1_000_000,
    requestMetrics: 500_000,
    orphanVideoEvents: 300,
    viewDropBoost: 1_200,
    viewDropTrickle: 5,
    latencyIncidentExtra: 300,
  },
  large: {
    users: 500_000,
    creators: 50_000,
    videos: 1_000_000,
    follows: 3_000_000,
    advertisers: 200,
    campaigns: 1_000,
    transactions: 600_000,
    contentReports: 200_000,
    ingestRejections: 96,
    videoEvents: 50_000_000,
    adEvents: 10_000_000,
    requestMetrics: 5_000_000,
    orphanVideoEvents: 1_000,
    viewDropBoost: 6_000,
    viewDropTrickle: 20,
    latencyIncidentExtra: 1_500,
  },
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** The demo's month: its events fall in [now - DEMO_DAYS days, now). */
export const DEMO_DAYS = 30;

/** Users signed up over the two years before now; videos were uploaded over the last 180 days. */
export const USER_HISTORY_DAYS = 730;
export const VIDEO_HISTORY_DAYS = 180;
/** Videos uploaded since lo - 10 days form the "fresh" pool (a rise-and-decay lifecycle). */
export const FRESH_LEAD_DAYS = 10;
/** Reports older than this belong to resolved cases; newer ones to the open case of their video. */
export const OPEN_CASE_WINDOW_MS = 7 * DAY_MS;
/** The three brigades (incident c): reports from distinct reporters within a 2-hour window. */
export const BRIGADE_REPORTS = [150, 140, 130] as const;
export const BRIGADE_STARTS_AGO_MS = [6 * HOUR_MS, 14 * HOUR_MS, 22 * HOUR_MS] as const;
export const BRIGADE_WINDOW_MS = 2 * HOUR_MS;
export const LATENCY_ROUTE = { method: 'GET', route: '/v1/feed' } as const;

export interface DemoPlan {
  size: DemoSize;
  spec: DemoSizeSpec;
  seed: number;
  /** seed folded below 1,000,003: the additive salt of the shared integer mix. */
  salt: number;
  nowMs: number;
  /** now - 30 days: the start of the demo month. */
  loMs: number;
  /** UTC midnight of now's day. */
  day0Ms: number;
  usersStartMs: number;
  userSpanMs: number;
  videosStartMs: number;
  videoSpanMs: number;
  /** Videos 1..evergreenCount were uploaded before lo: the evergreen pool. */
  evergreenCount: number;
  /** Popularity rank r (1 = most viewed) of the evergreen pool is video 1 + ((r-1)*videoPerm + videoOffset) % evergreenCount. */
  videoPerm: number;
  videoOffset: number;
  freshFirst: number;
  freshCount: number;
  freshPerm: number;
  freshOffset: number;
  /** Reports pick among reportPool videos: index i is video 1 + (i*reportPerm + reportOffset) % videos. */
  reportPool: number;
  reportPerm: number;
  reportOffset: number;
  /** Follower j of a creator is 1 + (offset + j * followStep) % (users - 1), skipping the creator. */
  followStep: number;
  viewDrop: { videoId: number; remapVideoId: number; boostFromMs: number; boostToMs: number; trickleFromMs: number; boost: number; trickle: number };
  brigades: { videoId: number; fromMs: number; toMs: number; reports: number; reporterBase: number; firstReportId: number }[];
  /** Report ids 1..streamReports are the ordinary stream; the brigades follow. */
  streamReports: number;
  latency: { method: string; route: string; fromMs: number; toMs: number; extra: number };
  /** UTC day (its midnight) on which ~1% of video events have an empty region. */
  badRegionDayMs: number;
  orphans: { count: number; firstVideoId: number; distinctVideos: number; fromMs: number };
  /** The last complete UTC day, on which 45% of revenue transactions are missing. */
  revenueDropDayMs: number;
  /** Base rows of the video event stream (the total minus incident and orphan rows). */
  baseVideoEvents: number;
  baseRequestMetrics: number;
}

/** A small deterministic integer mix for plan choices (not shared with SQL). */
function mix32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}

const PRIMES = [7_919, 104_729, 1_299_709, 15_485_863];
/** A prime multiplier coprime with n (so r -> (r * p) % n is a permutation of 0..n-1). */
export function coprimeMultiplier(n: number, not = 0): number {
  const p = PRIMES.find((q) => n % q !== 0 && q !== not && q % n !== 0);
  if (!p) throw new Error(`no coprime multiplier for ${n}`);
  return p;
}

export function createdMs(id: number, count: number, startMs: number, spanMs: number): number {
  // Math.floor of an exact product: both factors stay below 2^53 for every size.
  return startMs + Math.floor(((id - 1) * spanMs) / count);
}

/** Number of entities (users, videos) that exist at t, by the linear creation formula. */
export function existingAt(t: number, count: number, startMs: number, spanMs: number): number {
  if (t < startMs) return 0;
  return Math.min(count, Math.floor(((t - startMs) * count) / spanMs) + 1);
}

export function buildPlan(size: DemoSize, seed: number, now: Date): DemoPlan {
  const spec = DEMO_SIZES[size];
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw new RangeError('seed must be an integer in 0..2^31-1');
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid date');
  const salt = seed % 1_000_003;
  const loMs = nowMs - DEMO_DAYS * DAY_MS;
  const day0Ms = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const usersStartMs = nowMs - USER_HISTORY_DAYS * DAY_MS;
  const userSpanMs = USER_HISTORY_DAYS * DAY_MS - HOUR_MS;
  const videosStartMs = nowMs - VIDEO_HISTORY_DAYS * DAY_MS;
  const videoSpanMs = VIDEO_HISTORY_DAYS * DAY_MS - HOUR_MS;
  const V = spec.videos;
  const evergreenCount = existingAt(loMs, V, videosStartMs, videoSpanMs) - 1;
  const videoPerm = coprimeMultiplier(evergreenCount);
  const videoOffset = mix32(seed, 1) % evergreenCount;
  const freshFirst = existingAt(loMs - FRESH_LEAD_DAYS * DAY_MS, V, videosStartMs, videoSpanMs) + 1;
  const freshCount = V - freshFirst + 1;
  const freshPerm = coprimeMultiplier(freshCount);
  const freshOffset = mix32(seed, 2) % freshCount;
  const videoAt = (rank: number) => 1 + (((rank - 1) * videoPerm + videoOffset) % evergreenCount);
  const created = (v: number) => createdMs(v, V, videosStartMs, videoSpanMs);

  // Special videos: popular evergreen ones uploaded at least two days ago.
  const taken = new Set<number>();
  const pick = (fromRank: number) => {
    for (let r = fromRank; r <= evergreenCount; r++) {
      const v = videoAt(r);
      if (!taken.has(v) && created(v) <= nowMs - 2 * DAY_MS) {
        taken.add(v);
        return v;
      }
    }
    throw new Error('no video old enough for the demo incidents');
  };
  const remapVideoId = pick(1);
  const viewDropVideo = pick(3);
  const brigadeVideos = [pick(40), pick(60), pick(80)];

  const usersAtLo = existingAt(loMs, spec.users, usersStartMs, userSpanMs);
  const brigadeTotal = BRIGADE_REPORTS.reduce((a, b) => a + b, 0);
  const streamReports = spec.contentReports - brigadeTotal;
  if (streamReports <= 0) throw new Error('contentReports must exceed the brigade reports');
  // One ring of sock-puppet accounts (consecutive sign-ups) brigades all three videos.
  const ringSize = Math.max(...BRIGADE_REPORTS) + 20;
  const ringBase = 1 + spec.creators + (mix32(seed, 3) % (usersAtLo - spec.creators - ringSize));
  let nextReportId = streamReports + 1;
  const brigades = brigadeVideos.map((videoId, i) => {
    const fromMs = nowMs - BRIGADE_STARTS_AGO_MS[i]!;
    const b = { videoId, fromMs, toMs: fromMs + BRIGADE_WINDOW_MS, reports: BRIGADE_REPORTS[i]!, reporterBase: ringBase + 10 * i, firstReportId: nextReportId };
    nextReportId += b.reports;
    return b;
  });

  const baseVideoEvents = spec.videoEvents - spec.orphanVideoEvents - spec.viewDropBoost - spec.viewDropTrickle;
  const baseRequestMetrics = spec.requestMetrics - spec.latencyIncidentExtra;
  return {
    size,
    spec,
    seed,
    salt,
    nowMs,
    loMs,
    day0Ms,
    usersStartMs,
    userSpanMs,
    videosStartMs,
    videoSpanMs,
    evergreenCount,
    videoPerm,
    videoOffset,
    freshFirst,
    freshCount,
    freshPerm,
    freshOffset,
    reportPool: Math.max(50, Math.floor(V / 20)),
    reportPerm: coprimeMultiplier(V),
    reportOffset: mix32(seed, 4) % V,
    followStep: coprimeMultiplier(spec.users - 1),
    viewDrop: {
      videoId: viewDropVideo,
      remapVideoId,
      boostFromMs: nowMs - 70 * MINUTE_MS,
      boostToMs: nowMs - 10 * MINUTE_MS,
      trickleFromMs: nowMs - 10 * MINUTE_MS,
      boost: spec.viewDropBoost,
      trickle: spec.viewDropTrickle,
    },
    brigades,
    streamReports,
    latency: { ...LATENCY_ROUTE, fromMs: nowMs - 3 * HOUR_MS, toMs: nowMs - 2 * HOUR_MS - 15 * MINUTE_MS, extra: spec.latencyIncidentExtra },
    badRegionDayMs: day0Ms - 3 * DAY_MS,
    orphans: { count: spec.orphanVideoEvents, firstVideoId: V + 1, distinctVideos: 37, fromMs: nowMs - 3 * DAY_MS },
    revenueDropDayMs: day0Ms - DAY_MS,
    baseVideoEvents,
    baseRequestMetrics,
  };
}
