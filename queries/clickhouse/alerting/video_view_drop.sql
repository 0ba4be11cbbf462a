-- Alert rule video_view_drop (README#alerting): views of each video in the 10 minutes before the
-- evaluation time against its 10-minute average over the hour before that, for videos that
-- matter (at least {min_hour_views} views in that hour). value = recent / baseline; the rule
-- compares it with its threshold. Raw video_events over 70 minutes: the sort key starts with
-- the 15-minute bucket, so the scan reads the last few buckets only. hour_views is the HAVING's
-- count, so rules that differ only in min_hour_views share one run (engine: batches.ts).
-- @fanout min_hour_views hour_views
SELECT
    toString(video_id) AS video_id,
    countIf(ts >= {at:DateTime64(3)} - INTERVAL 10 MINUTE) AS recent_views,
    countIf(ts < {at:DateTime64(3)} - INTERVAL 10 MINUTE) AS hour_views,
    hour_views / 6 AS baseline_views,
    recent_views / baseline_views AS value
FROM video_events
WHERE type = 'view'
  AND ts >= {at:DateTime64(3)} - INTERVAL 70 MINUTE
  AND ts < {at:DateTime64(3)}
GROUP BY video_id
HAVING hour_views >= {min_hour_views:UInt32}
