-- Newest event per stream (ingest freshness = now - newest). max(ts) scans the ts column of
-- each table; at 50M rows that is tens of milliseconds, and health caches it for a few seconds.
-- UNION ALL branches run in parallel and arrive in any order: the ORDER BY fixes it.
SELECT stream, newestMs, any
FROM
(
    SELECT 'video-events' AS stream, toUnixTimestamp64Milli(max(ts)) AS newestMs, count() > 0 AS any FROM video_events
    UNION ALL
    SELECT 'ad-events', toUnixTimestamp64Milli(max(ts)), count() > 0 FROM ad_events
    UNION ALL
    SELECT 'request-metrics', toUnixTimestamp64Milli(max(ts)), count() > 0 FROM request_metrics
)
ORDER BY indexOf(['video-events', 'ad-events', 'request-metrics'], stream)
