/**
 * The platform dashboard endpoints (docs/architecture.md#api), one function per route. Every call takes the
 * window [from, to) and the timezone of the shared controls, and an AbortSignal so that a
 * refresh or a change of controls cancels the request still in flight.
 */
import { apiGet } from '../../../lib/api';
import type { LatencyAnswer } from '../../../../../contract/dashboards';

export interface WindowParams {
  from: string;
  to: string;
  tz: string;
}

export type Interval = 'hour' | 'day';

export interface WindowAnswer {
  from: string;
  to: string;
  tz: string;
}

export interface SparkPoint {
  at: string;
  value: number | null;
}

export interface KpiTileData {
  metric: string;
  value: number | null;
  previous: number | null;
  changePct: number | null;
  sparkline: SparkPoint[];
  currency?: string | null;
  /** Revenue in other currencies is not converted; the tile says how many there are. */
  otherCurrencies?: number;
}

export interface Overview extends WindowAnswer {
  interval: Interval;
  tiles: KpiTileData[];
}

export interface TrendingRow {
  videoId: number;
  title: string | null;
  thumbnailUrl: string | null;
  creatorId: number;
  creatorUsername: string | null;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  engagementRate: number | null;
  avgWatchMs: number | null;
  growthVelocity: number;
  changePct: number | null;
}

export interface EngagementPoint {
  bucket: string;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  engagementRate: number | null;
}

export interface BreakdownRow {
  segment: string;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  engagementRate: number | null;
  avgWatchMs: number | null;
}

export interface WatchPoint {
  bucket: string;
  views: number;
  avgWatchMs: number | null;
  completionRate: number | null;
}

export interface Revenue extends WindowAnswer {
  series: { day: string; kind: string; amountMinor: number; currency: string }[];
  payouts: { day: string; amountMinor: number; currency: string }[];
  totals: { kind: string; currency: string; amountMinor: number }[];
  revenueTotal: { currency: string; amountMinor: number }[];
  payoutTotal: { currency: string; amountMinor: number }[];
}

export type { LatencyRow, LatencyAnswer } from '../../../../../contract/dashboards';

export interface LatencyPoint {
  bucket: string;
  requests: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errorRate: number | null;
}

export interface CreatorRow {
  userId: number;
  username: string;
  followers: number;
  followerGrowth: number;
}

export interface Moderation extends WindowAnswer {
  openCases: number;
  openCasesAtFrom: number;
  oldestOpenSeconds: number | null;
  medianDecisionSeconds: number | null;
  decisions: number;
  slaBreaches: number;
  openSlaBreaches: number;
  resolvedSlaBreaches: number;
  moderators: { reviewerId: number; email: string | null; decisions: number; removals: number; dismissals: number }[];
}

export interface StreamQuality {
  stream: string;
  score: number;
  validity: number | null;
  completeness: number | null;
  consistency: number | null;
  rawRows: number;
  rejectedRows: number;
  rollupRows: number;
  orphanEvents: number | null;
  nullRates: Record<string, number | null>;
  freshnessSeconds: number | null;
}

export interface DataQuality extends WindowAnswer {
  streams: StreamQuality[];
  rejections: { stream: string; reason: string; rows: number }[];
}

export interface VideoDetail extends WindowAnswer {
  video: {
    videoId: number;
    title: string;
    thumbnailUrl: string | null;
    videoUrl: string | null;
    durationMs: number;
    creatorId: number;
    creatorUsername: string | null;
    visibility: string;
  };
  interval: Interval;
  totals: Omit<BreakdownRow, 'segment'>;
  series: (EngagementPoint & { bucket: string; avgWatchMs: number | null })[];
  /** Completion rate and watch-time percentiles of the window's views (exact to the second). */
  watch: { views: number; completionRate: number | null; p50Ms: number | null; p90Ms: number | null; p99Ms: number | null };
  watchHistogram: { fromMs: number; toMs: number; views: number }[];
  reports: { id: number; source: string; reason: string; createdAt: string; caseId: number | null }[];
  decisions: { id: number; caseId: number; outcome: string; policyReason: string; decidedAt: string; reversesDecisionId: number | null }[];
}

export interface MetricDefinition {
  id: string;
  name: string;
  unit: string;
  formula: string;
  notes?: string;
  tables: string[];
  queries: string[];
  panels: string[];
}

export interface Definitions {
  panels: string[];
  metrics: MetricDefinition[];
  tables: { id: string; title: string; panel: string; columns: { key: string; header: string; metric?: string }[] }[];
}

type Extra = Record<string, string | number | undefined>;

export function metricsQuery(w: WindowParams, extra: Extra = {}): string {
  const params = new URLSearchParams({ from: w.from, to: w.to, tz: w.tz });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

const get = <T>(path: string, w: WindowParams, extra: Extra, signal: AbortSignal) => apiGet<T>(`/api/metrics/${path}?${metricsQuery(w, extra)}`, signal);

export const getOverview = (w: WindowParams, _e: Extra, s: AbortSignal) => get<Overview>('overview', w, {}, s);
export const getTrendingVideos = (w: WindowParams, e: Extra, s: AbortSignal) => get<WindowAnswer & { rows: TrendingRow[] }>('trending-videos', w, e, s);
export const getEngagement = (w: WindowParams, e: Extra, s: AbortSignal) =>
  get<WindowAnswer & { interval: Interval; series: EngagementPoint[] }>('engagement', w, e, s);
export const getEngagementBreakdown = (w: WindowParams, e: Extra, s: AbortSignal) =>
  get<WindowAnswer & { by: string; rows: BreakdownRow[] }>('engagement/breakdown', w, e, s);
export const getWatchTime = (w: WindowParams, e: Extra, s: AbortSignal) =>
  get<WindowAnswer & { interval: Interval; series: WatchPoint[] }>('watch-time', w, e, s);
export const getRevenue = (w: WindowParams, _e: Extra, s: AbortSignal) => get<Revenue>('revenue', w, {}, s);
export const getLatency = (w: WindowParams, _e: Extra, s: AbortSignal) => get<LatencyAnswer>('latency', w, {}, s);
export const getLatencySeries = (w: WindowParams, e: Extra, s: AbortSignal) =>
  get<WindowAnswer & { interval: Interval; series: LatencyPoint[] }>('latency/series', w, e, s);
export const getTopCreators = (w: WindowParams, e: Extra, s: AbortSignal) => get<WindowAnswer & { rows: CreatorRow[] }>('top-creators', w, e, s);
export const getModeration = (w: WindowParams, _e: Extra, s: AbortSignal) => get<Moderation>('moderation', w, {}, s);
export const getDataQuality = (w: WindowParams, _e: Extra, s: AbortSignal) => get<DataQuality>('data-quality', w, {}, s);
export const getVideo = (w: WindowParams, e: Extra, s: AbortSignal) =>
  get<VideoDetail>(`videos/${encodeURIComponent(String(e.id))}`, w, { interval: e.interval }, s);
export const getDefinitions = (signal: AbortSignal) => apiGet<Definitions>('/api/metrics/definitions', signal);

/** The server's CSV of one table, for the same window and parameters as the table on screen. */
export function csvUrl(table: string, w: WindowParams, extra: Extra = {}): string {
  return `/api/metrics/export/${table}?${metricsQuery(w, extra)}`;
}
