-- The tables a demo load fills in ClickHouse: the three event tables and every rollup their
-- materialized views write, and trending's day lists made from them (not rollup_rebuilds, health_probes
-- or the migrations' own table).
SELECT name
FROM system.tables
WHERE database = currentDatabase()
  AND name IN ('video_events', 'ad_events', 'request_metrics', 'video_stats_15m', 'engagement_15m', 'ad_stats_15m',
               'route_stats_15m', 'video_watch_15m', 'video_quality_15m', 'ad_quality_15m', 'request_quality_15m',
               'video_stats_1h', 'video_stats_1d', 'ad_totals_15m', 'engagement_totals_15m', 'video_views_1m', 'route_stats_1m',
               'route_totals_15m', 'video_day_changes', 'video_day_top', 'video_day_top_meta',
               'route_stats_15m_fine', 'route_stats_1h', 'route_stats_1d', 'video_stats_15m_by_video')
ORDER BY name
