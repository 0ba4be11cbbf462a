// The metric registry (docs/metrics.md): every metric is defined once here — name, formula, the tables
// it reads and the SQL files that compute it. Dashboard routes, the CSV download, the
// Definitions page and (later) alert rules all read this list, so a metric cannot mean one thing
// on a chart and another in an export.

export type MetricUnit = 'count' | 'ratio' | 'ms' | 'seconds' | 'minor_units' | 'views_per_day' | 'percent' | 'score';

export interface MetricDefinition {
  /** Stable id, used by alert rules and CSV headers. */
  id: string;
  name: string;
  unit: MetricUnit;
  /** The definition in words and symbols, as the Definitions page shows it. */
  formula: string;
  /** Null handling and other rules a reader needs. */
  notes?: string;
  /** Tables read: `clickhouse.<table>` or `postgres.<table>`. */
  tables: string[];
  /** SQL files that compute it, relative to queries/. */
  queries: string[];
  /** Panels (dashboard datasets) that show it. */
  panels: PanelId[];
}

export const PANEL_IDS = [
  'overview',
  'trending-videos',
  'engagement',
  'engagement-breakdown',
  'watch-time',
  'top-creators',
  'revenue',
  'latency',
  'latency-series',
  'moderation',
  'data-quality',
  'video',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

const CH = 'clickhouse/dashboards/';
/** The per-route rollup, its tiers (days, hours, quarter-hours at the edges) and the every-route totals. */
const ROUTE_TABLES = [
  'clickhouse.route_stats_15m',
  'clickhouse.route_stats_15m_fine',
  'clickhouse.route_stats_1h',
  'clickhouse.route_stats_1d',
  'clickhouse.route_totals_15m',
];
const PG = 'postgres/dashboards/';

export const METRICS: MetricDefinition[] = [
  {
    id: 'views',
    name: 'Views',
    unit: 'count',
    formula: 'count of `view` events in [from, to)',
    tables: ['clickhouse.video_stats_15m', 'clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m', 'clickhouse.video_stats_15m_by_video'],
    queries: [`${CH}video_totals.sql`, `${CH}engagement_series.sql`, `${CH}trending_videos.sql`, `${CH}video_series.sql`],
    panels: ['overview', 'trending-videos', 'engagement', 'engagement-breakdown', 'watch-time', 'video'],
  },
  {
    id: 'likes',
    name: 'Likes',
    unit: 'count',
    formula: 'count of `like` events',
    tables: ['clickhouse.video_stats_15m', 'clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m'],
    queries: [`${CH}engagement_series.sql`, `${CH}trending_videos.sql`],
    panels: ['trending-videos', 'engagement', 'video'],
  },
  {
    id: 'comments',
    name: 'Comments',
    unit: 'count',
    formula: 'count of `comment` events',
    tables: ['clickhouse.video_stats_15m', 'clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m'],
    queries: [`${CH}engagement_series.sql`, `${CH}trending_videos.sql`],
    panels: ['trending-videos', 'engagement', 'video'],
  },
  {
    id: 'shares',
    name: 'Shares',
    unit: 'count',
    formula: 'count of `share` events',
    tables: ['clickhouse.video_stats_15m', 'clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m'],
    queries: [`${CH}engagement_series.sql`, `${CH}trending_videos.sql`],
    panels: ['trending-videos', 'engagement', 'video'],
  },
  {
    id: 'engagementRate',
    name: 'Engagement rate',
    unit: 'ratio',
    formula: '(likes + comments + shares) / views, over the same window and set',
    notes: 'Computed from sums at the output grain, never averaged; empty (null) when views = 0.',
    tables: ['clickhouse.video_stats_15m', 'clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m'],
    queries: [`${CH}video_totals.sql`, `${CH}engagement_series.sql`, `${CH}engagement_breakdown.sql`, `${CH}trending_videos.sql`],
    panels: ['overview', 'trending-videos', 'engagement', 'engagement-breakdown', 'video'],
  },
  {
    id: 'avgWatchMs',
    name: 'Average watch time',
    unit: 'ms',
    formula: 'sum(watch_ms of views) / views',
    notes: 'Empty when views = 0.',
    tables: ['clickhouse.video_stats_15m', 'clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m'],
    queries: [`${CH}video_totals.sql`, `${CH}engagement_series.sql`, `${CH}trending_videos.sql`],
    panels: ['overview', 'trending-videos', 'watch-time', 'engagement-breakdown', 'video'],
  },
  {
    id: 'completionRate',
    name: 'Completion rate',
    unit: 'ratio',
    formula: 'views with watch_ms ≥ the video’s duration / views',
    notes:
      'The duration is the one PostgreSQL knew when the view was ingested (a view of an unknown video never completes); completed views are counted at ingest in engagement_15m (summed per bucket in engagement_totals_15m) and, per video, video_watch_15m. Empty when views = 0.',
    tables: ['clickhouse.engagement_15m', 'clickhouse.engagement_totals_15m', 'clickhouse.video_watch_15m'],
    queries: [`${CH}engagement_series.sql`, `${CH}video_watch_histogram.sql`],
    panels: ['watch-time', 'video'],
  },
  {
    id: 'watchPercentiles',
    name: 'Watch-time percentiles',
    unit: 'ms',
    formula:
      'p50 / p90 / p99 of one video’s watch_ms: where the cumulative count of its views reaches q × views, views spread evenly inside their 1-second bin',
    notes: 'Exact to the second; read off the 1-second bins of video_watch_15m. Empty when views = 0.',
    tables: ['clickhouse.video_watch_15m'],
    queries: [`${CH}video_watch_histogram.sql`],
    panels: ['video'],
  },
  {
    id: 'growthVelocity',
    name: 'Growth velocity',
    unit: 'views_per_day',
    formula:
      'mean day-over-day increase of daily views over the last 3 complete local days = (views(D−1) − views(D−4)) / 3, where D is the local day holding `to`',
    notes: 'Days in the viewer’s timezone; shown beside the window’s change %.',
    tables: ['clickhouse.video_stats_15m'],
    queries: [`${CH}trending_videos.sql`],
    panels: ['trending-videos'],
  },
  {
    id: 'changePct',
    name: 'Change %',
    unit: 'percent',
    formula: '(views in [from, to) − views in the previous window of equal length) / previous views × 100',
    notes: 'Empty when the previous window had no views.',
    tables: ['clickhouse.video_stats_15m'],
    queries: [`${CH}trending_videos.sql`, `${CH}video_totals.sql`],
    panels: ['trending-videos', 'overview'],
  },
  {
    id: 'followers',
    name: 'Followers',
    unit: 'count',
    formula: 'count of follows rows whose followee is the creator, created before `to`',
    notes:
      'Read from the running totals creator_followers less the follows after `to` (creator_follows_daily and the rest of its UTC day), kept by triggers on follows.',
    tables: ['postgres.creator_followers', 'postgres.creator_follows_daily', 'postgres.follows', 'postgres.users'],
    queries: [`${PG}top_creators.sql`],
    panels: ['top-creators'],
  },
  {
    id: 'followerGrowth',
    name: 'Follower growth',
    unit: 'count',
    formula: 'follows of the creator created in [from, to)',
    tables: ['postgres.follows'],
    queries: [`${PG}top_creators.sql`],
    panels: ['top-creators'],
  },
  {
    id: 'revenue',
    name: 'Revenue',
    unit: 'minor_units',
    formula: 'sum(amount_minor) of transactions of kind subscription, ad_payment or gift, per local day and kind',
    notes:
      'Payouts are shown apart and never counted as revenue. Days in the viewer’s timezone; integer minor units per currency, never converted, answered as digit strings (exact past 2^53). Read from revenue_1d, revenue_1h and revenue_15m (whole days and hours inside the window, quarter-hours at its edges), kept by triggers on transactions.',
    tables: ['postgres.revenue_1d', 'postgres.revenue_1h', 'postgres.revenue_15m'],
    queries: [`${PG}revenue_daily.sql`, `${PG}revenue_totals.sql`],
    panels: ['overview', 'revenue'],
  },
  {
    id: 'payouts',
    name: 'Payouts',
    unit: 'minor_units',
    formula: 'sum(amount_minor) of transactions of kind payout, per local day',
    tables: ['postgres.revenue_1d', 'postgres.revenue_1h', 'postgres.revenue_15m'],
    queries: [`${PG}revenue_daily.sql`],
    panels: ['revenue'],
  },
  {
    id: 'requests',
    name: 'Requests',
    unit: 'count',
    formula: 'count of request_metrics rows per route and method',
    tables: ROUTE_TABLES,
    queries: [`${CH}latency_routes.sql`, `${CH}latency_series.sql`, `${CH}latency_series_all.sql`],
    panels: ['latency', 'latency-series'],
  },
  {
    id: 'latencyP50',
    name: 'Latency p50',
    unit: 'ms',
    formula: 'median of duration_ms',
    notes: 'DDSketch (relative error ≤ 1%) merged from the route tiers’ states (days, hours, quarter-hours at the edges).',
    tables: ROUTE_TABLES,
    queries: [`${CH}latency_routes.sql`, `${CH}latency_series.sql`, `${CH}latency_series_all.sql`],
    panels: ['latency', 'latency-series'],
  },
  {
    id: 'latencyP95',
    name: 'Latency p95',
    unit: 'ms',
    formula: '95th percentile of duration_ms',
    notes: 'DDSketch (relative error ≤ 1%); the overview tile is over every route.',
    tables: ROUTE_TABLES,
    queries: [`${CH}latency_routes.sql`, `${CH}latency_series.sql`, `${CH}latency_series_all.sql`, `${CH}latency_totals.sql`],
    panels: ['overview', 'latency', 'latency-series'],
  },
  {
    id: 'latencyP99',
    name: 'Latency p99',
    unit: 'ms',
    formula: '99th percentile of duration_ms',
    notes: 'DDSketch (relative error ≤ 1%).',
    tables: ROUTE_TABLES,
    queries: [`${CH}latency_routes.sql`, `${CH}latency_series.sql`, `${CH}latency_series_all.sql`],
    panels: ['latency', 'latency-series'],
  },
  {
    id: 'errorRate',
    name: 'Error rate',
    unit: 'ratio',
    formula: 'requests with status ≥ 500 / requests',
    notes: 'Empty when there were no requests.',
    tables: ROUTE_TABLES,
    queries: [`${CH}latency_routes.sql`, `${CH}latency_series.sql`, `${CH}latency_series_all.sql`],
    panels: ['latency', 'latency-series'],
  },
  {
    id: 'openCases',
    name: 'Open moderation cases',
    unit: 'count',
    formula: 'cases whose status is not resolved, now',
    notes: 'The previous value is the count open at `from` (first reported before it, not resolved by then).',
    tables: ['postgres.moderation_cases'],
    queries: [`${PG}moderation_open.sql`, `${PG}overview_open_cases.sql`],
    panels: ['overview', 'moderation'],
  },
  {
    id: 'oldestOpenSeconds',
    name: 'Oldest open case age',
    unit: 'seconds',
    formula: 'now − min(first_reported_at) of open cases',
    tables: ['postgres.moderation_cases'],
    queries: [`${PG}moderation_open.sql`],
    panels: ['moderation'],
  },
  {
    id: 'medianDecisionSeconds',
    name: 'Median time to decision',
    unit: 'seconds',
    formula: 'median of (decided_at − case first_reported_at) over final decisions (not escalations) in [from, to)',
    notes: 'Read from moderation_decision_times (each decision with its case’s first report), kept by triggers on decisions and cases.',
    tables: ['postgres.moderation_decision_times'],
    queries: [`${PG}moderation_kpis.sql`],
    panels: ['moderation'],
  },
  {
    id: 'decisionsPerModerator',
    name: 'Decisions per moderator',
    unit: 'count',
    formula: 'count of decisions in [from, to) per reviewer',
    tables: ['postgres.moderation_decision_times', 'postgres.accounts'],
    queries: [`${PG}moderation_by_reviewer.sql`],
    panels: ['moderation'],
  },
  {
    id: 'slaBreaches',
    name: 'SLA breaches',
    unit: 'count',
    formula: 'open cases past sla_due_at now + cases resolved in [from, to) after their sla_due_at',
    tables: ['postgres.moderation_cases'],
    queries: [`${PG}moderation_open.sql`, `${PG}moderation_kpis.sql`],
    panels: ['moderation'],
  },
  {
    id: 'alertsFiring',
    name: 'Alerts firing',
    unit: 'count',
    formula: 'alert instances in state firing, now',
    tables: ['postgres.alert_instances'],
    queries: [`${PG}alerts_firing.sql`],
    panels: ['overview'],
  },
  {
    id: 'rejectedRows',
    name: 'Rejected rows',
    unit: 'count',
    formula: 'ingest_rejections rows in [from, to) by stream and reason',
    tables: ['postgres.ingest_rejections'],
    queries: [`${PG}dq_rejections.sql`],
    panels: ['data-quality'],
  },
  {
    id: 'validity',
    name: 'Validity',
    unit: 'ratio',
    formula: 'accepted rows / (accepted + rejected rows) of the stream in [from, to)',
    notes: 'Empty when the stream had no rows at all.',
    tables: ['clickhouse.video_quality_15m', 'clickhouse.ad_quality_15m', 'clickhouse.request_quality_15m', 'postgres.ingest_rejections'],
    queries: [`${CH}dq_video_events.sql`, `${CH}dq_ad_events.sql`, `${CH}dq_request_metrics.sql`, `${PG}dq_rejections.sql`],
    panels: ['data-quality'],
  },
  {
    id: 'completeness',
    name: 'Completeness',
    unit: 'ratio',
    formula: '1 − mean null rate of the stream’s required columns (a null is an empty string or a zero id)',
    tables: ['clickhouse.video_quality_15m', 'clickhouse.ad_quality_15m', 'clickhouse.request_quality_15m'],
    queries: [`${CH}dq_video_events.sql`, `${CH}dq_ad_events.sql`, `${CH}dq_request_metrics.sql`],
    panels: ['data-quality'],
  },
  {
    id: 'consistency',
    name: 'Consistency',
    unit: 'ratio',
    formula: 'mean of (1 − |rollup rows − raw rows| / raw rows) and (1 − events with orphan references / events)',
    notes:
      'Orphans: video events whose video was not in PostgreSQL videos when they were ingested, ad events whose campaign was not in campaigns; counted as rows arrive (video_quality_15m, ad_quality_15m).',
    tables: [
      'clickhouse.video_quality_15m',
      'clickhouse.ad_quality_15m',
      'clickhouse.request_quality_15m',
      'clickhouse.engagement_totals_15m',
      'clickhouse.ad_totals_15m',
      'clickhouse.route_stats_15m',
    ],
    queries: [`${CH}dq_video_events.sql`, `${CH}dq_ad_events.sql`, `${CH}dq_request_metrics.sql`],
    panels: ['data-quality'],
  },
  {
    id: 'qualityScore',
    name: 'Quality score',
    unit: 'score',
    formula: 'round(100 × (validity + completeness + consistency) / 3), per stream',
    notes: 'A part that is empty (no rows) counts as 1.',
    tables: [],
    queries: [],
    panels: ['data-quality'],
  },
  {
    id: 'freshnessSeconds',
    name: 'Ingest freshness',
    unit: 'seconds',
    formula: 'now − max(ts) of the stream',
    tables: ['clickhouse.video_quality_15m', 'clickhouse.ad_quality_15m', 'clickhouse.request_quality_15m'],
    queries: [`${CH}dq_video_events.sql`, `${CH}dq_ad_events.sql`, `${CH}dq_request_metrics.sql`],
    panels: ['data-quality'],
  },
];

export const METRIC_BY_ID = new Map(METRICS.map((m) => [m.id, m]));

export function metric(id: string): MetricDefinition {
  const m = METRIC_BY_ID.get(id);
  if (!m) throw new Error(`unknown metric ${id}`);
  return m;
}

/** Null when the denominator is 0 (docs/metrics.md: an empty cell, not 0 and not Infinity). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function engagementRate(r: { likes: number; comments: number; shares: number; views: number }): number | null {
  return ratio(r.likes + r.comments + r.shares, r.views);
}

export function changePct(current: number, previous: number): number | null {
  return previous === 0 ? null : ((current - previous) / previous) * 100;
}
