// Platform dashboard answers shared by the server routes and the client (docs/metrics.md defines
// each number). Every panel answers the window it used, then its own fields.
import { z } from 'zod';

/** The resolved half-open window [from, to) and the timezone of its buckets. */
export const zWindowAnswer = z.object({ from: z.iso.datetime(), to: z.iso.datetime(), tz: z.string() });
export type WindowAnswer = z.infer<typeof zWindowAnswer>;

/** GET /api/metrics/latency: one row per route and method; percentiles in ms, null without requests. */
export const zLatencyRow = z.object({
  route: z.string(),
  method: z.string(),
  requests: z.number(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  errorRate: z.number().nullable(),
});
export type LatencyRow = z.infer<typeof zLatencyRow>;
export const zLatencyAnswer = zWindowAnswer.extend({ rows: z.array(zLatencyRow) });
export type LatencyAnswer = z.infer<typeof zLatencyAnswer>;

export const INTERVALS = ['hour', 'day'] as const;
export const zInterval = z.enum(INTERVALS);
export type Interval = z.infer<typeof zInterval>;
/** The segments of the engagement breakdown (and the campaign report's). */
export const SEGMENTS = ['region', 'device'] as const;
export const zSegmentBy = z.enum(SEGMENTS);
export type SegmentBy = z.infer<typeof zSegmentBy>;
/** The kinds of transaction the revenue panel sums (payouts are not revenue). */
export const REVENUE_KINDS = ['subscription', 'ad_payment', 'gift'] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];

const zRatio = z.number().nullable();

/**
 * A sum of money in integer minor units as decimal digits: PostgreSQL sums revenue in numeric
 * (docs/hardening.md), and a JSON number read by JavaScript keeps only 2^53 exactly, so the digits
 * travel as a string (as a campaign's micros do, `zMicrosSum`).
 */
export const zMinorSum = z.string().regex(/^\d+$/);

/** GET /api/metrics/overview: KPI tiles with the previous window of equal length and a sparkline. */
export const zCountTile = z.object({
  metric: z.enum(['views', 'engagementRate', 'avgWatchMs', 'openCases', 'latencyP95', 'alertsFiring']),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  changePct: zRatio,
  /** Per bucket of the window (an hour or a local day, as the series' buckets). */
  sparkline: z.array(z.object({ at: z.string(), value: z.number().nullable() })),
});
/** The revenue tile: minor units of one currency (USD when there is any), as digit strings. */
export const zRevenueTile = z.object({
  metric: z.literal('revenue'),
  value: zMinorSum.nullable(),
  previous: zMinorSum.nullable(),
  changePct: zRatio,
  /** Per local day of the window. */
  sparkline: z.array(z.object({ at: z.string(), value: zMinorSum })),
  currency: z.string().nullable(),
  /** Revenue in other currencies is not converted; the tile says how many there are. */
  otherCurrencies: z.number(),
});
export type CountTile = z.infer<typeof zCountTile>;
export type RevenueTile = z.infer<typeof zRevenueTile>;
export const zKpiTile = z.discriminatedUnion('metric', [zCountTile, zRevenueTile]);
export type KpiTileData = z.infer<typeof zKpiTile>;
export type SparkPoint = z.infer<typeof zCountTile>['sparkline'][number];
export const zOverview = zWindowAnswer.extend({ interval: zInterval, tiles: z.array(zKpiTile) });
export type Overview = z.infer<typeof zOverview>;

/** GET /api/metrics/trending-videos. */
export const zTrendingRow = z.object({
  videoId: z.number(),
  title: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  /** The creator PostgreSQL's videos name; null for a video it does not hold (its events name an unknown video). */
  creatorId: z.number().nullable(),
  creatorUsername: z.string().nullable(),
  views: z.number(),
  likes: z.number(),
  comments: z.number(),
  shares: z.number(),
  engagementRate: zRatio,
  avgWatchMs: zRatio,
  growthVelocity: z.number(),
  changePct: zRatio,
});
export type TrendingRow = z.infer<typeof zTrendingRow>;
export const zTrendingAnswer = zWindowAnswer.extend({ rows: z.array(zTrendingRow) });
export type TrendingAnswer = z.infer<typeof zTrendingAnswer>;

/** Views and interactions of a bucket, a segment or a video; engagement rate = interactions / views. */
const zEngagementCounts = z.object({ views: z.number(), likes: z.number(), comments: z.number(), shares: z.number(), engagementRate: zRatio });

/** GET /api/metrics/engagement: per hour or local day. */
export const zEngagementPoint = zEngagementCounts.extend({ bucket: z.string() });
export type EngagementPoint = z.infer<typeof zEngagementPoint>;
export const zEngagementAnswer = zWindowAnswer.extend({ interval: zInterval, series: z.array(zEngagementPoint) });
export type EngagementAnswer = z.infer<typeof zEngagementAnswer>;

/** GET /api/metrics/engagement/breakdown: per region or device. */
export const zBreakdownRow = zEngagementCounts.extend({ segment: z.string(), avgWatchMs: zRatio });
export type BreakdownRow = z.infer<typeof zBreakdownRow>;
export const zBreakdownAnswer = zWindowAnswer.extend({ by: zSegmentBy, rows: z.array(zBreakdownRow) });
export type BreakdownAnswer = z.infer<typeof zBreakdownAnswer>;

/** GET /api/metrics/watch-time. */
export const zWatchPoint = z.object({ bucket: z.string(), views: z.number(), avgWatchMs: zRatio, completionRate: zRatio });
export type WatchPoint = z.infer<typeof zWatchPoint>;
export const zWatchTimeAnswer = zWindowAnswer.extend({ interval: zInterval, series: z.array(zWatchPoint) });
export type WatchTimeAnswer = z.infer<typeof zWatchTimeAnswer>;

/** GET /api/metrics/revenue: money in integer minor units per currency (never converted), as digit strings. */
const zMoney = z.object({ currency: z.string(), amountMinor: zMinorSum });
export const zRevenue = zWindowAnswer.extend({
  series: z.array(zMoney.extend({ day: z.string(), kind: z.string() })),
  payouts: z.array(zMoney.extend({ day: z.string() })),
  totals: z.array(zMoney.extend({ kind: z.string() })),
  revenueTotal: z.array(zMoney),
  payoutTotal: z.array(zMoney),
});
export type Revenue = z.infer<typeof zRevenue>;

/** GET /api/metrics/latency/series. */
export const zLatencyPoint = z.object({
  bucket: z.string(),
  requests: z.number(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  errorRate: zRatio,
});
export type LatencyPoint = z.infer<typeof zLatencyPoint>;
export const zLatencySeriesAnswer = zWindowAnswer.extend({ interval: zInterval, series: z.array(zLatencyPoint) });
export type LatencySeriesAnswer = z.infer<typeof zLatencySeriesAnswer>;

/** GET /api/metrics/top-creators. */
export const zCreatorRow = z.object({ userId: z.number(), username: z.string(), followers: z.number(), followerGrowth: z.number() });
export type CreatorRow = z.infer<typeof zCreatorRow>;
export const zTopCreatorsAnswer = zWindowAnswer.extend({ rows: z.array(zCreatorRow) });
export type TopCreatorsAnswer = z.infer<typeof zTopCreatorsAnswer>;

/** GET /api/metrics/moderation. */
export const zModerationPanel = zWindowAnswer.extend({
  openCases: z.number(),
  openCasesAtFrom: z.number(),
  oldestOpenSeconds: z.number().nullable(),
  medianDecisionSeconds: z.number().nullable(),
  decisions: z.number(),
  slaBreaches: z.number(),
  openSlaBreaches: z.number(),
  resolvedSlaBreaches: z.number(),
  moderators: z.array(z.object({ reviewerId: z.number(), email: z.string().nullable(), decisions: z.number(), removals: z.number(), dismissals: z.number() })),
});
export type ModerationPanel = z.infer<typeof zModerationPanel>;

/** GET /api/metrics/data-quality: per stream, score 0–100 (docs/decisions.md). */
export const zStreamQuality = z.object({
  stream: z.string(),
  score: z.number(),
  validity: zRatio,
  completeness: zRatio,
  consistency: zRatio,
  rawRows: z.number(),
  rejectedRows: z.number(),
  rollupRows: z.number(),
  orphanEvents: z.number().nullable(),
  nullRates: z.record(z.string(), z.number().nullable()),
  freshnessSeconds: z.number().nullable(),
});
export type StreamQuality = z.infer<typeof zStreamQuality>;
export const zDataQuality = zWindowAnswer.extend({
  streams: z.array(zStreamQuality),
  rejections: z.array(z.object({ stream: z.string(), reason: z.string(), rows: z.number() })),
});
export type DataQuality = z.infer<typeof zDataQuality>;

/** GET /api/metrics/videos/:id. */
export const zVideoDetail = zWindowAnswer.extend({
  video: z.object({
    videoId: z.number(),
    title: z.string(),
    thumbnailUrl: z.string().nullable(),
    videoUrl: z.string().nullable(),
    durationMs: z.number(),
    creatorId: z.number(),
    creatorUsername: z.string().nullable(),
    visibility: z.string(),
  }),
  interval: zInterval,
  totals: zBreakdownRow.omit({ segment: true }),
  series: z.array(zEngagementPoint.extend({ avgWatchMs: zRatio })),
  /** Completion rate and watch-time percentiles of the window's views (exact to the second). */
  watch: z.object({ views: z.number(), completionRate: zRatio, p50Ms: z.number().nullable(), p90Ms: z.number().nullable(), p99Ms: z.number().nullable() }),
  watchHistogram: z.array(z.object({ fromMs: z.number(), toMs: z.number(), views: z.number() })),
  reports: z.array(z.object({ id: z.number(), source: z.string(), reason: z.string(), createdAt: z.iso.datetime(), caseId: z.number().nullable() })),
  decisions: z.array(
    z.object({
      id: z.number(),
      caseId: z.number(),
      outcome: z.string(),
      policyReason: z.string(),
      decidedAt: z.iso.datetime(),
      reversesDecisionId: z.number().nullable(),
    }),
  ),
});
export type VideoDetail = z.infer<typeof zVideoDetail>;

/** GET /api/metrics/definitions: the metric registry (docs/metrics.md). */
export const zMetricDefinition = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  formula: z.string(),
  notes: z.string().optional(),
  tables: z.array(z.string()),
  queries: z.array(z.string()),
  panels: z.array(z.string()),
});
export type MetricDefinition = z.infer<typeof zMetricDefinition>;
export const zDefinitions = z.object({
  panels: z.array(z.string()),
  metrics: z.array(zMetricDefinition),
  tables: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      panel: z.string(),
      columns: z.array(z.object({ key: z.string(), header: z.string(), metric: z.string().optional() })),
    }),
  ),
});
export type Definitions = z.infer<typeof zDefinitions>;
