/**
 * The platform dashboard endpoints (docs/architecture.md#api), one function per route. Every call takes the
 * window [from, to) and the timezone of the shared controls, and an AbortSignal so that a
 * refresh or a change of controls cancels the request still in flight.
 */
import { apiGet } from '../../../lib/api';
import type {
  DataQuality,
  Definitions,
  LatencyAnswer,
  ModerationPanel,
  Overview,
  Revenue,
  VideoDetail,
  BreakdownAnswer,
  EngagementAnswer,
  LatencySeriesAnswer,
  TopCreatorsAnswer,
  TrendingAnswer,
  WatchTimeAnswer,
} from '../../../../../contract/dashboards';
import type { WindowQuery } from '../../../../../contract/dashboards.requests';

/** The resolved window every panel request sends (the controls always set all three). */
export type WindowParams = Required<WindowQuery>;

export { REVENUE_KINDS, SEGMENTS } from '../../../../../contract/dashboards';

export type {
  BreakdownRow,
  CreatorRow,
  DataQuality,
  Definitions,
  EngagementPoint,
  Interval,
  KpiTileData,
  LatencyAnswer,
  LatencyPoint,
  LatencyRow,
  MetricDefinition,
  ModerationPanel as Moderation,
  Overview,
  Revenue,
  RevenueKind,
  SegmentBy,
  SparkPoint,
  StreamQuality,
  TrendingRow,
  VideoDetail,
  WatchPoint,
  WindowAnswer,
} from '../../../../../contract/dashboards';

type Extra = Record<string, string | number | undefined>;

export function metricsQuery(w: WindowParams, extra: Extra = {}): string {
  const params = new URLSearchParams({ from: w.from, to: w.to, tz: w.tz });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

const get = <T>(path: string, w: WindowParams, extra: Extra, signal: AbortSignal) => apiGet<T>(`/api/metrics/${path}?${metricsQuery(w, extra)}`, signal);

export const getOverview = (w: WindowParams, _e: Extra, s: AbortSignal) => get<Overview>('overview', w, {}, s);
export const getTrendingVideos = (w: WindowParams, e: Extra, s: AbortSignal) => get<TrendingAnswer>('trending-videos', w, e, s);
export const getEngagement = (w: WindowParams, e: Extra, s: AbortSignal) => get<EngagementAnswer>('engagement', w, e, s);
export const getEngagementBreakdown = (w: WindowParams, e: Extra, s: AbortSignal) => get<BreakdownAnswer>('engagement/breakdown', w, e, s);
export const getWatchTime = (w: WindowParams, e: Extra, s: AbortSignal) => get<WatchTimeAnswer>('watch-time', w, e, s);
export const getRevenue = (w: WindowParams, _e: Extra, s: AbortSignal) => get<Revenue>('revenue', w, {}, s);
export const getLatency = (w: WindowParams, _e: Extra, s: AbortSignal) => get<LatencyAnswer>('latency', w, {}, s);
export const getLatencySeries = (w: WindowParams, e: Extra, s: AbortSignal) => get<LatencySeriesAnswer>('latency/series', w, e, s);
export const getTopCreators = (w: WindowParams, e: Extra, s: AbortSignal) => get<TopCreatorsAnswer>('top-creators', w, e, s);
export const getModeration = (w: WindowParams, _e: Extra, s: AbortSignal) => get<ModerationPanel>('moderation', w, {}, s);
export const getDataQuality = (w: WindowParams, _e: Extra, s: AbortSignal) => get<DataQuality>('data-quality', w, {}, s);
export const getVideo = (w: WindowParams, e: Extra, s: AbortSignal) =>
  get<VideoDetail>(`videos/${encodeURIComponent(String(e.id))}`, w, { interval: e.interval }, s);
export const getDefinitions = (signal: AbortSignal) => apiGet<Definitions>('/api/metrics/definitions', signal);

/** The server's CSV of one table, for the same window and parameters as the table on screen. */
export function csvUrl(table: string, w: WindowParams, extra: Extra = {}): string {
  return `/api/metrics/export/${table}?${metricsQuery(w, extra)}`;
}
