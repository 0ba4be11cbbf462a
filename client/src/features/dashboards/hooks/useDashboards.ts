/**
 * One hook per dashboard endpoint (docs/architecture.md#conventions). Each asks again when the controls change and every
 * auto-refresh interval; usePolledRequest aborts the request in flight whenever a newer one
 * starts or the page goes away, so a slow answer never overwrites a newer one.
 */
import { useCallback } from 'react';
import { usePolledRequest, type PolledRequest } from '../../../lib/usePolledRequest';
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
import { useRequest } from '../../../lib/useRequest';

type Extra = Record<string, string | number | undefined>;
type Fetcher<T> = (w: WindowParams, extra: Extra, signal: AbortSignal) => Promise<T>;

function useDashboardQuery<T>(fetcher: Fetcher<T>, controls: DashboardControls, extra: Extra = {}): PolledRequest<T> {
  const extraKey = JSON.stringify(extra);
  const { resolve, key } = controls;
  // Rebuilt only when the controls or the extra parameters change (usePolledRequest restarts then).
  const request = useCallback((signal: AbortSignal) => fetcher(resolve(), JSON.parse(extraKey) as Extra, signal), [fetcher, key, extraKey, resolve]);
  return usePolledRequest(request, controls.refreshMs);
}

export const useOverview = (c: DashboardControls) => useDashboardQuery(getOverview, c);
export const useTrendingVideos = (c: DashboardControls, limit: number) => useDashboardQuery(getTrendingVideos, c, { limit });
export const useEngagement = (c: DashboardControls, interval?: string) => useDashboardQuery(getEngagement, c, { interval });
export const useEngagementBreakdown = (c: DashboardControls, by: string) => useDashboardQuery(getEngagementBreakdown, c, { by });
export const useWatchTime = (c: DashboardControls, interval?: string) => useDashboardQuery(getWatchTime, c, { interval });
export const useRevenue = (c: DashboardControls) => useDashboardQuery(getRevenue, c);
export const useLatency = (c: DashboardControls) => useDashboardQuery(getLatency, c);
export const useLatencySeries = (c: DashboardControls, route: string, method: string, interval?: string) =>
  useDashboardQuery(getLatencySeries, c, { route, method, interval });
export const useTopCreators = (c: DashboardControls, limit: number) => useDashboardQuery(getTopCreators, c, { limit });
export const useModerationKpis = (c: DashboardControls) => useDashboardQuery(getModeration, c);
export const useDataQuality = (c: DashboardControls) => useDashboardQuery(getDataQuality, c);
export const useVideo = (c: DashboardControls, id: string, interval?: string) => useDashboardQuery(getVideo, c, { id, interval });
export const useDefinitions = () => useRequest(getDefinitions);
