-- Alert rule video_view_drop (README#alerting): views of each video in the 10 whole minutes before
-- the evaluation minute against its 10-minute average over the hour before that, for videos that
-- matter (at least {min_hour_views} views in that hour). value = recent / baseline; the rule
-- compares it with its threshold. Reads the minute rollup video_views_1m (docs/scale.md): the
-- window is whole minutes, [minute of {at} − 70 min, minute of {at}). hour_views is the
-- HAVING's count, so rules that differ only in min_hour_views share one run (engine: batches.ts).
-- @fanout min_hour_views hour_views
SELECT
    toString(video_id) AS video_id,
    sumIf(views, minute >= toStartOfMinute({at:DateTime64(3)}) - INTERVAL 10 MINUTE) AS recent_views,
    sumIf(views, minute < toStartOfMinute({at:DateTime64(3)}) - INTERVAL 10 MINUTE) AS hour_views,
    hour_views / 6 AS baseline_views,
    recent_views / baseline_views AS value
FROM video_views_1m
WHERE minute >= toStartOfMinute({at:DateTime64(3)}) - INTERVAL 70 MINUTE
  AND minute < toStartOfMinute({at:DateTime64(3)})
GROUP BY video_id
HAVING hour_views >= {min_hour_views:UInt32}
