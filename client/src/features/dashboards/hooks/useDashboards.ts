/**
 * One hook per dashboard endpoint (docs/architecture.md#conventions). Each query is keyed by the
 * dashboard controls of the URL (range, from, to, tz) and the panel's own parameters; it polls at
 * the auto-refresh interval, and the previous window's answer stays on screen while a new one
 * loads (charts do not flash empty). A relative range is resolved when the request starts, so
 * each refresh moves it to "now". TanStack Query aborts a request whose answer is no longer wanted.
 */
import { useApiQuery, type ApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import {
  getDataQuality,
  getDefinitions,
  getEngagement,
  getEngagementBreakdown,
  getLatency,
  getLatencySeries,
  getModeration,
  getOverview,
  getRevenue,
  getTopCreators,
  getTrendingVideos,
  getVideo,
  getWatchTime,
  type WindowParams,
} from '../api/dashboardsApi';
import type { DashboardControls } from './useDashboardControls';

type Extra = Record<string, string | number | undefined>;
type Fetcher<T> = (w: WindowParams, extra: Extra, signal: AbortSignal) => Promise<T>;

function useDashboardQuery<T>(panel: string, fetcher: Fetcher<T>, controls: DashboardControls, extra: Extra = {}): ApiQuery<T> {
  return useApiQuery({
    key: queryKeys.dashboard(panel, controls.key, extra),
    fetch: (signal) => fetcher(controls.resolve(), extra, signal),
    refetchMs: controls.refreshMs,
    keepPrevious: true,
  });
}

export const useOverview = (c: DashboardControls) => useDashboardQuery('overview', getOverview, c);
export const useTrendingVideos = (c: DashboardControls, limit: number) => useDashboardQuery('trending-videos', getTrendingVideos, c, { limit });
export const useEngagement = (c: DashboardControls, interval?: string) => useDashboardQuery('engagement', getEngagement, c, { interval });
export const useEngagementBreakdown = (c: DashboardControls, by: string) => useDashboardQuery('engagement-breakdown', getEngagementBreakdown, c, { by });
export const useWatchTime = (c: DashboardControls, interval?: string) => useDashboardQuery('watch-time', getWatchTime, c, { interval });
export const useRevenue = (c: DashboardControls) => useDashboardQuery('revenue', getRevenue, c);
export const useLatency = (c: DashboardControls) => useDashboardQuery('latency', getLatency, c);
export const useLatencySeries = (c: DashboardControls, route: string, method: string, interval?: string) =>
  useDashboardQuery('latency-series', getLatencySeries, c, { route, method, interval });
export const useTopCreators = (c: DashboardControls, limit: number) => useDashboardQuery('top-creators', getTopCreators, c, { limit });
export const useModerationKpis = (c: DashboardControls) => useDashboardQuery('moderation', getModeration, c);
export const useDataQuality = (c: DashboardControls) => useDashboardQuery('data-quality', getDataQuality, c);
export const useVideo = (c: DashboardControls, id: string, interval?: string) => useDashboardQuery('video', getVideo, c, { id, interval });
export const useDefinitions = () => useApiQuery({ key: queryKeys.definitions, fetch: getDefinitions });
