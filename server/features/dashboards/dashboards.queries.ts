// The SQL handles of the dashboards service, with their row types (queries/*/dashboards).
import { chQuery, pgQuery } from '../../db/index.js';
import type { Counts, WithCompleted } from './dashboards.shapes.js';

export const chVideoTotals = chQuery('dashboards/video_totals').returns<
  Counts & { prevViews: number; prevLikes: number; prevComments: number; prevShares: number; prevWatchMs: number }
>();
export const chEngagementSeries = chQuery('dashboards/engagement_series').returns<WithCompleted & { bucket: string }>();
export const chEngagementBreakdown = chQuery('dashboards/engagement_breakdown').returns<Counts & { segment: string }>();
export const chTrendingVideos = chQuery('dashboards/trending_videos').returns<Counts & { videoId: number; prevViews: number; d1: number; d4: number }>();
export const chTrendingDayState = chQuery('dashboards/trending_day_state').returns<{
  kind: 'list' | 'change' | 'now';
  day: string;
  atMs: number;
  threshold: number;
}>();
export const chTrendingDayTop = chQuery('dashboards/trending_day_top').returns<{ videoId: number; views: number }>();
export const chTrendingDayListInsert = chQuery('dashboards/trending_day_list_insert');
export const chTrendingDayMetaInsert = chQuery('dashboards/trending_day_meta_insert');
export const chTrendingDayCandidates = chQuery('dashboards/trending_day_candidates').returns<{ day: string; videoId: number; views: number }>();
export const chTrendingRows = chQuery('dashboards/trending_rows').returns<Counts & { videoId: number; prevViews: number; d1: number; d4: number }>();
export const chTrendingWindowTop = chQuery('dashboards/trending_window_top').returns<{ videoId: number; views: number }>();
export const chVideoSeries = chQuery('dashboards/video_series').returns<Counts & { bucket: string }>();
export const chVideoWatchHistogram = chQuery('dashboards/video_watch_histogram').returns<{ fromMs: number; views: number; completed: number }>();
type Q = { requests: number; errors: number; q: (number | null)[] };
export const chLatencyRoutes = chQuery('dashboards/latency_routes').returns<Q & { route: string; method: string }>();
export const chLatencySeries = chQuery('dashboards/latency_series').returns<Q & { bucket: string }>();
export const chLatencySeriesAll = chQuery('dashboards/latency_series_all').returns<Q & { bucket: string }>();
export const chLatencyTotals = chQuery('dashboards/latency_totals').returns<{
  q: (number | null)[];
  prevQ: (number | null)[];
  requests: number;
  prevRequests: number;
}>();
export type Dq = { rawRows: number; rollupRows: number; nulls: Record<string, number>; orphans: number | null; newestMs: number };
export const chDq = {
  'video-events': chQuery('dashboards/dq_video_events').returns<Dq>(),
  'ad-events': chQuery('dashboards/dq_ad_events').returns<Dq>(),
  'request-metrics': chQuery('dashboards/dq_request_metrics').returns<Dq>(),
};

export const pgRevenueDaily = pgQuery('dashboards/revenue_daily').returns<{ day: string; kind: string; currency: string; amountMinor: string }>();
export const pgRevenueTotals = pgQuery('dashboards/revenue_totals').returns<{ currency: string; amountMinor: string; prevAmountMinor: string }>();
export const pgTopCreators = pgQuery('dashboards/top_creators').returns<{ userId: string; username: string; followers: string; followerGrowth: string }>();
export const pgModerationKpis = pgQuery('dashboards/moderation_kpis').returns<{
  openCasesAtFrom: number;
  medianDecisionSeconds: number | null;
  decisions: number;
  resolvedSlaBreaches: number;
}>();
export const pgModerationOpen = pgQuery('dashboards/moderation_open').returns<{
  openCases: number;
  oldestOpenSeconds: number | null;
  openSlaBreaches: number;
}>();
export const pgOverviewOpenCases = pgQuery('dashboards/overview_open_cases').returns<{ openCases: number; openCasesAtFrom: number }>();
export const pgModerationByReviewer = pgQuery('dashboards/moderation_by_reviewer').returns<{
  reviewerId: string;
  email: string | null;
  decisions: number;
  removals: number;
  dismissals: number;
}>();
export const pgAlertsFiring = pgQuery('dashboards/alerts_firing').returns<{ firing: number }>();
export const pgVideosByIds = pgQuery('dashboards/videos_by_ids').returns<{
  id: string;
  title: string;
  thumbnailUrl: string;
  videoUrl: string;
  durationMs: number;
  creatorId: string;
  creatorUsername: string | null;
  visibility: string;
}>();
export const pgVideoReports = pgQuery('dashboards/video_reports').returns<{
  id: string;
  source: string;
  reason: string;
  createdAt: Date;
  caseId: string | null;
}>();
export const pgVideoDecisions = pgQuery('dashboards/video_decisions').returns<{
  id: string;
  caseId: string;
  outcome: string;
  policyReason: string;
  decidedAt: Date;
  reversesDecisionId: string | null;
}>();
export const pgDqRejections = pgQuery('dashboards/dq_rejections').returns<{ stream: string; reason: string; rows: number }>();
